// Engine.IO v4 wire encoding: single packets for WebSocket frames and '\u001e'-separated
// payloads for HTTP long-polling (Engine.IO protocol v4, "Packet encoding").
package dev.jobcast.engineio.codec;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;

public final class EioCodec {

    /** Separates packets in a long-polling body (ASCII "record separator"). */
    public static final char RECORD_SEPARATOR = '\u001e';

    // Polling bodies are text, so binary messages travel base64-encoded behind this marker.
    private static final char BASE64_PREFIX = 'b';

    private EioCodec() {
    }

    /** @throws IllegalArgumentException for a binary packet, which has no text form on WebSocket */
    public static String encodeText(EioPacket p) {
        if (p.isBinary()) {
            throw new IllegalArgumentException("binary packets go in binary frames, not text");
        }
        return p.type().code() + p.text();
    }

    /**
     * Decodes one text packet. A leading 'b' (base64 binary) is accepted too, as the reference
     * parser does, so that the same routine serves every segment of a polling payload.
     */
    public static EioPacket decodeText(String frame) throws EioDecodeException {
        if (frame == null || frame.isEmpty()) {
            throw new EioDecodeException("empty packet");
        }
        char c = frame.charAt(0);
        if (c == BASE64_PREFIX) {
            try {
                // The official Java client (engine.io-client-java 2.x) encodes with Android's
                // Base64.DEFAULT: a line break every 76 characters and at the end. The reference
                // server ignores them, so line breaks (only) are skipped here too.
                return EioPacket.message(Base64.getDecoder().decode(withoutLineBreaks(frame.substring(1))));
            } catch (IllegalArgumentException e) {
                throw new EioDecodeException("invalid base64 in binary packet", e);
            }
        }
        EioType type = EioType.fromCode(c);
        if (type == null) {
            throw new EioDecodeException("unknown packet type '" + c + "'");
        }
        return new EioPacket(type, frame.substring(1), null);
    }

    private static String withoutLineBreaks(String base64) {
        return base64.indexOf('\n') < 0 && base64.indexOf('\r') < 0 ? base64
                : base64.replace("\r", "").replace("\n", "");
    }

    /** On WebSocket a binary frame carries no type byte: it is always a MESSAGE. */
    public static EioPacket decodeBinaryFrame(byte[] frame) {
        return EioPacket.message(Objects.requireNonNull(frame, "frame"));
    }

    /**
     * @throws IllegalArgumentException for an empty list (a body must hold a packet) or a text
     *         packet containing the separator, which would silently split into garbage packets
     */
    public static String encodePayload(List<EioPacket> packets) {
        if (packets.isEmpty()) {
            throw new IllegalArgumentException("a payload holds at least one packet");
        }
        StringBuilder sb = new StringBuilder();
        for (EioPacket p : packets) {
            if (sb.length() > 0) {
                sb.append(RECORD_SEPARATOR);
            }
            if (p.isBinary()) {
                sb.append(BASE64_PREFIX).append(Base64.getEncoder().encodeToString(p.binary()));
            } else if (p.text().indexOf(RECORD_SEPARATOR) >= 0) {
                throw new IllegalArgumentException("packet text contains the record separator");
            } else {
                sb.append(p.type().code()).append(p.text());
            }
        }
        return sb.toString();
    }

    public static List<EioPacket> decodePayload(String body) throws EioDecodeException {
        if (body == null || body.isEmpty()) {
            throw new EioDecodeException("empty payload");
        }
        List<EioPacket> out = new ArrayList<>();
        int start = 0;
        while (true) {
            int end = body.indexOf(RECORD_SEPARATOR, start);
            String segment = body.substring(start, end < 0 ? body.length() : end);
            if (segment.isEmpty()) {
                throw new EioDecodeException("empty packet at index " + out.size() + " of payload");
            }
            out.add(decodeText(segment));
            if (end < 0) {
                return out;
            }
            start = end + 1;
        }
    }
}
