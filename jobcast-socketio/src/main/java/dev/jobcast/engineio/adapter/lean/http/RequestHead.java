// A parsed HTTP/1.x request head: request-line and header section (RFC 9112 sections 3 and
// 5), with what the lean transport asks of it (RFC 9112 section 9.3, RFC 6455 section 4.2.1).
package dev.jobcast.engineio.adapter.lean.http;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * @param method        the method, case as sent (methods are case-sensitive)
 * @param target        the raw request-target, origin-form or, for OPTIONS, "*"
 * @param path          the target's path, percent-decoded as UTF-8, without the query
 * @param query         the first value of each query parameter, decoded as
 *                      application/x-www-form-urlencoded, in the order they came
 * @param headers       the header fields in the order sent
 * @param minorVersion  0 for HTTP/1.0, 1 for HTTP/1.1
 * @param contentLength the Content-Length, 0 when absent
 * @param size          the head's bytes, request-line to the blank line that ends it; an
 *                      empty line tolerated before the request-line is not counted
 */
public record RequestHead(String method, String target, String path, Map<String, String> query,
                          List<Header> headers, int minorVersion, long contentLength, int size) {

    public RequestHead {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(path, "path");
        // Insertion order kept, so the map reads as the query was written.
        query = Collections.unmodifiableMap(new LinkedHashMap<>(query));
        headers = List.copyOf(headers);
        if (minorVersion != 0 && minorVersion != 1) {
            throw new IllegalArgumentException("HTTP/1." + minorVersion + " is not HTTP/1.0 or HTTP/1.1");
        }
        if (contentLength < 0 || size < 0) {
            throw new IllegalArgumentException("negative content length or size");
        }
    }

    /**
     * The value of the fields named {@code name} (case-insensitively), several lines joined
     * with ", " as RFC 9110 section 5.3 allows; empty when there is none.
     */
    public Optional<String> header(String name) {
        String joined = null;
        for (Header h : headers) {
            if (h.name().equalsIgnoreCase(name)) {
                joined = joined == null ? h.value() : joined + ", " + h.value();
            }
        }
        return Optional.ofNullable(joined);
    }

    /** Whether the list-valued field {@code name} holds {@code token}, case-insensitively. */
    public boolean headerHasToken(String name, String token) {
        return header(name).map(v -> Syntax.listHas(v, token)).orElse(false);
    }

    /**
     * Whether the connection may carry another request after this one (RFC 9112 section
     * 9.3): HTTP/1.1 unless the client said close; HTTP/1.0 only when it asked for keep-alive.
     */
    public boolean keepAlive() {
        if (headerHasToken("Connection", "close")) {
            return false;
        }
        return minorVersion == 1 || headerHasToken("Connection", "keep-alive");
    }

    /**
     * Whether this asks to switch to WebSocket (RFC 6455 section 4.2.1): a GET that upgrades
     * to websocket with Connection: upgrade. HTTP/1.0 cannot ask, since a server must ignore
     * Upgrade in an HTTP/1.0 request (RFC 9110 section 7.8). The key and version are the
     * handshake's to check, not the head's.
     */
    public boolean isWebSocketUpgrade() {
        return method.equals("GET") && minorVersion == 1
                && headerHasToken("Upgrade", "websocket") && headerHasToken("Connection", "upgrade");
    }
}
