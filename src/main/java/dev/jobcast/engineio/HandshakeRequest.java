package dev.jobcast.engineio;

import java.util.Map;
import java.util.Optional;

/**
 * What the upper layers may know of the HTTP request that opened a session, free of any
 * HTTP library's types. Header names are lower case.
 */
public record HandshakeRequest(String transport, Map<String, String> query, Map<String, String> headers,
                               String remoteAddress) {
    public HandshakeRequest {
        query = Map.copyOf(query);
        headers = Map.copyOf(headers);
    }

    /**
     * Adds one header field to {@code headers} as this record keeps them: the name in lower
     * case, a repeated field's values joined with ", " (RFC 9110 section 5.3). Every transport
     * adapter builds its map with it, so the layers above see the same thing from each.
     */
    public static void addHeader(Map<String, String> headers, String name, String value) {
        headers.merge(name.toLowerCase(java.util.Locale.ROOT), value, (a, b) -> a + ", " + b);
    }

    public Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name.toLowerCase(java.util.Locale.ROOT)));
    }
}
