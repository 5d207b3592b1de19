// Socket.IO v5 packet encoder (Socket.IO protocol v5, "Packet encoding" / "Format"):
// <type>[<attachments>-][<nsp>,][<id>][<json>] followed by the extracted binary attachments.
package dev.jobcast.socketio.codec;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jobcast.engineio.codec.EioCodec;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

public final class SioEncoder {

    private SioEncoder() {
    }

    /**
     * Whether an event/ack is sent as BINARY_* depends only on whether its data holds a
     * BinaryNode: a packet typed EVENT with binary goes out as BINARY_EVENT, and one typed
     * BINARY_EVENT without binary goes out as a plain EVENT (a binary header with zero
     * attachments is rejected by current reference parsers).
     *
     * @throws IllegalArgumentException if the packet breaks the payload rules the decoder
     *         enforces, has binary outside an event/ack, or a namespace that cannot be framed
     */
    public static EncodedPacket encode(SioPacket p) {
        Objects.requireNonNull(p, "packet");
        SioType type = baseType(p.type());
        String violation = PayloadRules.violation(type, p.id(), p.data());
        if (violation != null) {
            throw new IllegalArgumentException(violation);
        }
        checkNamespace(p.nsp());

        List<byte[]> attachments = new ArrayList<>();
        JsonNode data = p.data();
        if (Placeholders.containsBinary(data)) {
            if (type != SioType.EVENT && type != SioType.ACK) {
                throw new IllegalArgumentException("binary data is only allowed in events and acks");
            }
            data = Placeholders.extract(data, attachments);
            type = type == SioType.EVENT ? SioType.BINARY_EVENT : SioType.BINARY_ACK;
        }

        StringBuilder sb = new StringBuilder().append(type.code());
        if (!attachments.isEmpty()) {
            sb.append(attachments.size()).append('-');
        }
        if (!"/".equals(p.nsp())) {
            sb.append(p.nsp()).append(',');
        }
        if (p.id() != null) {
            sb.append(p.id().longValue());
        }
        if (data != null) {
            sb.append(Json.write(data));
        }
        return new EncodedPacket(sb.toString(), attachments);
    }

    private static SioType baseType(SioType t) {
        return switch (t) {
            case BINARY_EVENT -> SioType.EVENT;
            case BINARY_ACK -> SioType.ACK;
            default -> t;
        };
    }

    // The wire has no escaping: the decoder finds the namespace by its leading '/' and ends it
    // at the first ','. Unlike JSON text, the namespace is written raw, so it must also keep
    // clear of the Engine.IO polling separator.
    private static void checkNamespace(String nsp) {
        if (!nsp.startsWith("/") || nsp.indexOf(',') >= 0
                || nsp.indexOf(EioCodec.RECORD_SEPARATOR) >= 0) {
            throw new IllegalArgumentException(
                    "namespace must start with '/' and contain no ',' or U+001E: " + nsp);
        }
    }
}
