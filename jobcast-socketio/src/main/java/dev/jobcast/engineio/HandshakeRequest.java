package dev.jobcast.engineio;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What the upper layers may know of the HTTP request that opened a session, free of any
 * HTTP library's types. Header names are lower case.
 *
 * <p>A transport may hand it over deferred: it keeps the request's raw head and builds
 * the query and header maps each time they are asked for. A server holds tens of
 * thousands of idle sessions, and almost none is ever asked; their maps and strings
 * would be most of what a session weighs.
 */
public final class HandshakeRequest {

    /** The request's query parameters, header fields and peer address. */
    public record Parts(Map<String, String> query, Map<String, String> headers, String remoteAddress) {
        public Parts {
            query = Map.copyOf(query);
            headers = Map.copyOf(headers);
            Objects.requireNonNull(remoteAddress, "remoteAddress");
        }
    }

    private final String transport;
    private final Parts parts;
    private final Supplier<Parts> deferred;

    /** A handshake whose parts are already built. */
    public HandshakeRequest(String transport, Map<String, String> query, Map<String, String> headers,
                            String remoteAddress) {
        this.transport = Objects.requireNonNull(transport, "transport");
        this.parts = new Parts(query, headers, remoteAddress);
        this.deferred = null;
    }

    private HandshakeRequest(String transport, Supplier<Parts> deferred) {
        this.transport = Objects.requireNonNull(transport, "transport");
        this.parts = null;
        this.deferred = Objects.requireNonNull(deferred, "deferred");
    }

    /** A handshake whose parts {@code build} makes (again) each time they are asked for. */
    public static HandshakeRequest deferred(String transport, Supplier<Parts> build) {
        return new HandshakeRequest(transport, build);
    }

    /**
     * Adds one header field to {@code headers} as this class keeps them: the name in lower
     * case, a repeated field's values joined with ", " (RFC 9110 section 5.3). Every transport
     * adapter builds its map with it, so the layers above see the same thing from each.
     */
    public static void addHeader(Map<String, String> headers, String name, String value) {
        headers.merge(name.toLowerCase(java.util.Locale.ROOT), value, (a, b) -> a + ", " + b);
    }

    /** The transport the session was opened with ("polling" or "websocket"). */
    public String transport() {
        return transport;
    }

    public Map<String, String> query() {
        return parts().query();
    }

    public Map<String, String> headers() {
        return parts().headers();
    }

    public String remoteAddress() {
        return parts().remoteAddress();
    }

    public Optional<String> header(String name) {
        return Optional.ofNullable(headers().get(name.toLowerCase(java.util.Locale.ROOT)));
    }

    /** All three at once (a deferred handshake builds them once for the call). */
    public Parts parts() {
        return parts != null ? parts : deferred.get();
    }

    @Override
    public String toString() {
        Parts p = parts();
        return "HandshakeRequest[transport=" + transport + ", query=" + p.query() + ", headers=" + p.headers()
                + ", remoteAddress=" + p.remoteAddress() + "]";
    }
}
