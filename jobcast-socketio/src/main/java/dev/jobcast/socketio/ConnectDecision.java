package dev.jobcast.socketio;

import com.fasterxml.jackson.databind.JsonNode;

/** A middleware's answer to a CONNECT. */
public sealed interface ConnectDecision {
    /** Let the client in; {@code data} is attached to its socket (may be null). */
    record Accept(Object data) implements ConnectDecision {
    }

    /** Refuse with CONNECT_ERROR {message, data}. */
    record Refuse(String message, JsonNode data) implements ConnectDecision {
    }

    static ConnectDecision accept(Object data) {
        return new Accept(data);
    }

    static ConnectDecision refuse(String message) {
        return new Refuse(message, null);
    }
}
