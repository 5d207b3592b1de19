// One Socket.IO packet in memory (Socket.IO protocol v5, "Exchange protocol").
// Binary attachments live in the tree as BinaryNodes; placeholders exist only on the wire.
package dev.jobcast.socketio.codec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;

/**
 * @param nsp  namespace, never null ("/" when omitted)
 * @param id   acknowledgement id, or null when none is requested
 * @param data payload, or null when the packet has none
 */
public record SioPacket(SioType type, String nsp, Long id, JsonNode data) {

    /** Ids travel as JS numbers, so anything above this could not be echoed back exactly. */
    public static final long MAX_ID = (1L << 53) - 1;

    public SioPacket {
        Objects.requireNonNull(type, "type");
        if (nsp == null) {
            nsp = "/";
        }
        if (id != null && (id < 0 || id > MAX_ID)) {
            throw new IllegalArgumentException("ack id out of range: " + id);
        }
    }

    public static SioPacket connect(String nsp, JsonNode data) {
        return new SioPacket(SioType.CONNECT, nsp, null, data);
    }

    public static SioPacket disconnect(String nsp) {
        return new SioPacket(SioType.DISCONNECT, nsp, null, null);
    }

    public static SioPacket event(String nsp, ArrayNode args, Long ackId) {
        return new SioPacket(SioType.EVENT, nsp, ackId, Objects.requireNonNull(args, "args"));
    }

    public static SioPacket ack(String nsp, long id, ArrayNode args) {
        return new SioPacket(SioType.ACK, nsp, id, Objects.requireNonNull(args, "args"));
    }

    /** The reference client reads {@code message} and the optional {@code data} of the error. */
    public static SioPacket connectError(String nsp, String message, JsonNode data) {
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.put("message", Objects.requireNonNull(message, "message"));
        if (data != null) {
            body.set("data", data);
        }
        return new SioPacket(SioType.CONNECT_ERROR, nsp, null, body);
    }

    /** @return the event name for an (binary) event whose first argument is a string, else null */
    public String eventName() {
        if ((type == SioType.EVENT || type == SioType.BINARY_EVENT)
                && data != null && data.isArray() && data.size() > 0 && data.get(0).isTextual()) {
            return data.get(0).textValue();
        }
        return null;
    }
}
