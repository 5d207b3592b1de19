package dev.jobcast.engineio;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What an HTTP request to an Engine.IO endpoint asks for (Engine.IO v4, "Transports" and
 * "Handshake"), decided from its method, query and Origin alone, and the CORS headers of
 * the answer. Pure, so that every transport adapter (Pekko HTTP, the lean TCP one) serves
 * the same protocol the same way.
 */
public sealed interface EngineRequest {

    /** Answered with the protocol's error at once. */
    record Reject(EngineError error) implements EngineRequest {
    }

    /** A CORS preflight. */
    record Preflight() implements EngineRequest {
    }

    /** A handshake on long-polling: a new session, answered with its OPEN packet. */
    record OpenPolling() implements EngineRequest {
    }

    /** A long-polling GET of session {@code sid}. */
    record Poll(String sid) implements EngineRequest {
    }

    /** A long-polling POST to session {@code sid}. */
    record Post(String sid) implements EngineRequest {
    }

    /** A handshake on WebSocket: a new session on a new WebSocket. */
    record OpenWebSocket() implements EngineRequest {
    }

    /** A WebSocket that upgrades session {@code sid} from long-polling. */
    record UpgradeWebSocket(String sid) implements EngineRequest {
    }

    /** A header of an answer. */
    record Header(String name, String value) {
    }

    /**
     * @param method           the HTTP method, upper case
     * @param query            the query parameters (first value of each)
     * @param origin           the Origin header, or null
     * @param webSocketUpgrade whether the request asks for a WebSocket upgrade
     */
    public static EngineRequest decide(EngineConfig config, OriginPolicy origins, String method, Map<String, String> query,
                                String origin, boolean webSocketUpgrade) {
        if (!origins.allows(origin)) {
            return new Reject(EngineError.FORBIDDEN);
        }
        if ("OPTIONS".equals(method)) {
            return new Preflight();
        }
        if (!"4".equals(query.get("EIO"))) {
            return new Reject(EngineError.UNSUPPORTED_PROTOCOL_VERSION);
        }
        String transport = query.get("transport");
        boolean polling = "polling".equals(transport) && config.allowPolling();
        boolean webSocket = "websocket".equals(transport) && config.allowWebSocket();
        if (!polling && !webSocket) {
            return new Reject(EngineError.UNKNOWN_TRANSPORT);
        }
        String sid = query.get("sid");
        if (webSocket) {
            if (!webSocketUpgrade) {
                return new Reject(EngineError.BAD_REQUEST);
            }
            return sid == null ? new OpenWebSocket() : new UpgradeWebSocket(sid);
        }
        if (sid == null) {
            return "GET".equals(method) ? new OpenPolling() : new Reject(EngineError.BAD_HANDSHAKE_METHOD);
        }
        return switch (method) {
            case "GET" -> new Poll(sid);
            case "POST" -> new Post(sid);
            default -> new Reject(EngineError.BAD_REQUEST);
        };
    }

    /** The CORS headers of any answer to a request from {@code origin} (none without one). */
    public static List<Header> corsHeaders(String origin) {
        if (origin == null) {
            return List.of();
        }
        return List.of(new Header("Access-Control-Allow-Origin", origin),
                new Header("Access-Control-Allow-Credentials", "true"),
                new Header("Vary", "Origin"));
    }

    /** The headers of a preflight's 204, CORS headers included. */
    public static List<Header> preflightHeaders(String origin, String requestedHeaders) {
        List<Header> headers = new ArrayList<>();
        headers.add(new Header("Access-Control-Allow-Methods", "GET, POST, OPTIONS"));
        headers.add(new Header("Access-Control-Max-Age", "86400"));
        if (requestedHeaders != null) {
            headers.add(new Header("Access-Control-Allow-Headers", requestedHeaders));
        }
        headers.addAll(corsHeaders(origin));
        return headers;
    }
}
