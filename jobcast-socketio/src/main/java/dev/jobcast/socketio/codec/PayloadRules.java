// Which payload each packet type may carry (Socket.IO protocol v5, "Exchange protocol":
// CONNECT, EVENT, ACK, CONNECT_ERROR sections). Shared so the encoder never emits what
// the decoder, or a reference client, would reject.
package dev.jobcast.socketio.codec;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Set;

final class PayloadRules {

    // Names the reference implementation keeps for its own lifecycle events; a peer emitting
    // them could impersonate those events, so the reference parser rejects them and so do we.
    static final Set<String> RESERVED_EVENTS = Set.of(
            "connect", "connect_error", "disconnect", "disconnecting",
            "newListener", "removeListener");

    private PayloadRules() {
    }

    /** @return why the payload is not allowed for this type, or null when it is */
    static String violation(SioType type, Long id, JsonNode data) {
        switch (type) {
            case CONNECT:
                return data == null || data.isObject() ? null : "CONNECT payload must be an object";
            case DISCONNECT:
                return data == null ? null : "DISCONNECT takes no payload";
            case CONNECT_ERROR:
                return data != null && (data.isTextual() || data.isObject())
                        ? null : "CONNECT_ERROR payload must be a string or an object";
            case EVENT:
            case BINARY_EVENT:
                return eventViolation(data);
            case ACK:
            case BINARY_ACK:
                if (id == null) {
                    return "ACK without an id";
                }
                return data != null && data.isArray() ? null : "ACK payload must be an array";
            default:
                return "unknown type " + type;
        }
    }

    private static String eventViolation(JsonNode data) {
        if (data == null || !data.isArray() || data.isEmpty()) {
            return "EVENT payload must be a non-empty array";
        }
        JsonNode name = data.get(0);
        if (!name.isTextual()) {
            return "EVENT name must be a string";
        }
        if (RESERVED_EVENTS.contains(name.textValue())) {
            return "EVENT name \"" + name.textValue() + "\" is reserved";
        }
        return null;
    }
}
