package dev.jobcast.bench;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * RFC 6455 frames as bytes on the wire (section 5.2). A client masks every frame it sends
 * (5.3); unmasked frames are what a server sends, and the tests make those too.
 */
final class WsFrameEncoder {
    static final int CONTINUATION = 0x0;
    static final int TEXT = 0x1;
    static final int BINARY = 0x2;
    static final int CLOSE = 0x8;
    static final int PING = 0x9;
    static final int PONG = 0xA;

    private WsFrameEncoder() {
    }

    /** A masked text frame with FIN set, as a client sends it. */
    static ByteBuffer clientText(String text, int maskKey) {
        byte[] payload = text.getBytes(StandardCharsets.UTF_8);
        return frame(TEXT, true, payload, 0, payload.length, true, maskKey);
    }

    /** A masked control frame (ping, pong, close), as a client sends it. */
    static ByteBuffer clientControl(int opcode, byte[] payload, int maskKey) {
        return frame(opcode, true, payload, 0, payload.length, true, maskKey);
    }

    /** The payload of a close frame: the code, then the reason in UTF-8. */
    static byte[] closePayload(int code, String reason) {
        byte[] r = reason.getBytes(StandardCharsets.UTF_8);
        byte[] p = new byte[2 + r.length];
        p[0] = (byte) (code >>> 8);
        p[1] = (byte) code;
        System.arraycopy(r, 0, p, 2, r.length);
        return p;
    }

    /**
     * One frame, ready to write (position 0, limit at its end).
     *
     * @param masked  whether to mask the payload with {@code maskKey} (big-endian: its first
     *                byte masks the payload's first byte)
     */
    static ByteBuffer frame(int opcode, boolean fin, byte[] payload, int off, int len, boolean masked, int maskKey) {
        int lengthBytes = len <= 125 ? 0 : len <= 0xFFFF ? 2 : 8;
        ByteBuffer out = ByteBuffer.allocate(2 + lengthBytes + (masked ? 4 : 0) + len);
        out.put((byte) ((fin ? 0x80 : 0) | (opcode & 0x0F)));
        int maskBit = masked ? 0x80 : 0;
        if (lengthBytes == 0) {
            out.put((byte) (maskBit | len));
        } else if (lengthBytes == 2) {
            out.put((byte) (maskBit | 126));
            out.putShort((short) len);
        } else {
            out.put((byte) (maskBit | 127));
            out.putLong(len);
        }
        if (masked) {
            out.putInt(maskKey);
        }
        int start = out.position();
        out.put(payload, off, len);
        if (masked) {
            mask(out.array(), start, len, maskKey, 0);
        }
        return out.flip();
    }

    /**
     * XORs {@code len} bytes with the key (section 5.3), the first of them being byte
     * {@code index} of the payload; masking twice gives the bytes back.
     */
    static void mask(byte[] data, int off, int len, int maskKey, long index) {
        for (int i = 0; i < len; i++) {
            int shift = 24 - 8 * (int) ((index + i) & 3);
            data[off + i] ^= (byte) (maskKey >>> shift);
        }
    }
}
