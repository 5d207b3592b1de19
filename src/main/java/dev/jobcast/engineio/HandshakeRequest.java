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

    public Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name.toLowerCase(java.util.Locale.ROOT)));
    }
}
