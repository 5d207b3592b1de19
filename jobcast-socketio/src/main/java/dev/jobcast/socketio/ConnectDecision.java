package dev.jobcast.socketio;

import com.fasterxml.jackson.databind.JsonNode;

/** A middleware's answer to a CONNECT. */
public sealed interface ConnectDecision {
    /** Let the client in, with {@code attributes} attached to its socket (over earlier middlewares'). */
    record Accept(SocketAttributes attributes) implements ConnectDecision {
        public Accept {
            attributes = attributes == null ? SocketAttributes.EMPTY : attributes;
        }
    }

    /** Refuse with CONNECT_ERROR {message, data}. */
    record Refuse(String message, JsonNode data) implements ConnectDecision {
    }

    static ConnectDecision accept() {
        return new Accept(SocketAttributes.EMPTY);
    }

    static <T> ConnectDecision accept(AttributeKey<T> key, T value) {
        return new Accept(SocketAttributes.of(key, value));
    }

    static ConnectDecision refuse(String message) {
        return new Refuse(message, null);
    }
}
