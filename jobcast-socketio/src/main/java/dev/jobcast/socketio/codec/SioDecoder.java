// Socket.IO v5 packet decoder (Socket.IO protocol v5, "Packet encoding"), one per connection:
// a BINARY_* header is held until all its attachments have arrived as binary messages.
package dev.jobcast.socketio.codec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.jobcast.engineio.codec.EioCodec;
import java.util.ArrayList;
import java.util.List;

/** Not thread-safe: messages of one connection arrive in order on one thread. */
public final class SioDecoder {

    // 2^53-1 has 16 digits; longer ids cannot be a JS safe integer, and the cap avoids overflow.
    private static final int MAX_ID_DIGITS = 16;
    // Counts past this cannot be within any sane maxAttachments and would overflow an int.
    private static final int MAX_COUNT_DIGITS = 9;

    private final int maxAttachments;
    private Pending pending;

    private record Pending(SioType type, String nsp, Long id, JsonNode data, int expected,
                           List<byte[]> received) {
    }

    public SioDecoder(int maxAttachments) {
        if (maxAttachments < 0) {
            throw new IllegalArgumentException("maxAttachments < 0");
        }
        this.maxAttachments = maxAttachments;
    }

    /** @return the packet, or null for a binary header that now waits for its attachments */
    public SioPacket onText(String message) throws SioDecodeException {
        if (pending != null) {
            int missing = pending.expected - pending.received.size();
            pending = null;
            throw new SioDecodeException("text message while " + missing + " attachment(s) pending");
        }
        if (message == null || message.isEmpty()) {
            throw new SioDecodeException("empty packet");
        }
        SioType wireType = SioType.fromCode(message.charAt(0) - '0');
        if (wireType == null) {
            throw new SioDecodeException("unknown packet type '" + message.charAt(0) + "'");
        }
        int i = 1;
        int attachments = 0;
        if (wireType.isBinary()) {
            int end = digitsEnd(message, i);
            if (end == i || end == message.length() || message.charAt(end) != '-') {
                throw new SioDecodeException("missing or illegal attachment count");
            }
            if (end - i > MAX_COUNT_DIGITS) {
                throw new SioDecodeException("too many attachments");
            }
            attachments = Integer.parseInt(message, i, end, 10);
            if (attachments < 1) {
                throw new SioDecodeException("a binary packet needs at least one attachment");
            }
            if (attachments > maxAttachments) {
                throw new SioDecodeException("too many attachments: " + attachments
                        + " > " + maxAttachments);
            }
            i = end + 1;
        }

        String nsp = "/";
        if (i < message.length() && message.charAt(i) == '/') {
            int comma = message.indexOf(',', i);
            int end = comma < 0 ? message.length() : comma;
            nsp = message.substring(i, end);
            // Could not be echoed back (in a CONNECT_ERROR, say) in a long-polling payload.
            if (nsp.indexOf(EioCodec.RECORD_SEPARATOR) >= 0) {
                throw new SioDecodeException("namespace contains U+001E");
            }
            i = comma < 0 ? end : comma + 1;
        }

        Long id = null;
        int idEnd = digitsEnd(message, i);
        if (idEnd > i) {
            if (idEnd - i > MAX_ID_DIGITS) {
                throw new SioDecodeException("ack id too long");
            }
            long v = Long.parseLong(message, i, idEnd, 10);
            if (v > SioPacket.MAX_ID) {
                throw new SioDecodeException("ack id above 2^53-1");
            }
            id = v;
            i = idEnd;
        }

        JsonNode data = i < message.length() ? parseJson(message.substring(i)) : null;
        SioType type = wireType == SioType.BINARY_EVENT ? SioType.EVENT
                : wireType == SioType.BINARY_ACK ? SioType.ACK : wireType;
        String violation = PayloadRules.violation(type, id, data);
        if (violation != null) {
            throw new SioDecodeException(violation);
        }
        if (!wireType.isBinary()) {
            return new SioPacket(type, nsp, id, data);
        }
        Placeholders.check(data, attachments);
        pending = new Pending(type, nsp, id, data, attachments, new ArrayList<>(attachments));
        return null;
    }

    /** @return the completed packet when this was its last attachment, else null */
    public SioPacket onBinary(byte[] data) throws SioDecodeException {
        if (pending == null) {
            throw new SioDecodeException("binary message without a pending binary packet");
        }
        if (data == null) {
            pending = null;
            throw new SioDecodeException("null attachment");
        }
        Pending p = pending;
        p.received.add(data);
        if (p.received.size() < p.expected) {
            return null;
        }
        pending = null;
        Placeholders.fill(p.data, p.received);
        return new SioPacket(p.type, p.nsp, p.id, p.data);
    }

    private static int digitsEnd(String s, int from) {
        int i = from;
        while (i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
            i++;
        }
        return i;
    }

    private static JsonNode parseJson(String json) throws SioDecodeException {
        try {
            return Json.read(json);
        } catch (Exception e) {
            // Jackson documents only JsonProcessingException, but a parser bug on hostile
            // input must still surface as a decode error rather than kill the connection actor.
            String why = e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.toString();
            throw new SioDecodeException("invalid JSON payload: " + why, e);
        }
    }
}
