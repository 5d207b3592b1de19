package dev.jobcast.engineio;

import java.util.List;
import java.util.Locale;

/** Which browser origins may open sessions: CORS for polling, the Origin check for WebSocket. */
public final class OriginPolicy {
    private final List<String> allowed;
    private final boolean any;

    public OriginPolicy(List<String> allowedOrigins) {
        this.allowed = allowedOrigins.stream().map(o -> o.toLowerCase(Locale.ROOT)).toList();
        this.any = allowed.contains("*");
    }

    /** A request without an Origin header is not from a browser page and is not CORS-checked. */
    public boolean allows(String origin) {
        return origin == null || any || allowed.contains(origin.toLowerCase(Locale.ROOT));
    }
}
