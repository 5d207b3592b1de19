package dev.jobcast.engineio.adapter.lean.ws;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * RFC 6455 frames as bytes on the wire (section 5.2), for either end: a server's frames are
 * unmasked, a client's are masked with a key it picks afresh for each frame (5.3). Server
 * frames come as byte[] and client frames as ByteBuffer, the form each end's I/O takes.
 */
public final class WsFrameEncoder {
    public static final int CONTINUATION = 0x0;
    public static final int TEXT = 0x1;
    public static final int BINARY = 0x2;
    public static final int CLOSE = 0x8;
    public static final int PING = 0x9;
    public static final int PONG = 0xA;
    /** The longest header: 2 bytes, a 64-bit length and a masking key. */
    public static final int MAX_HEADER = 14;
    /** The longest payload of a control frame (5.5). */
    public static final int MAX_CONTROL_PAYLOAD = 125;

    private WsFrameEncoder() {
    }

    /** How many bytes the header of a frame takes: lengths use the shortest encoding (5.2). */
    public static int headerLength(long payloadLength, boolean masked) {
        if (payloadLength < 0) {
            throw new IllegalArgumentException("negative payload length " + payloadLength);
        }
        int lengthBytes = payloadLength <= 125 ? 0 : payloadLength <= 0xFFFF ? 2 : 8;
        return 2 + lengthBytes + (masked ? 4 : 0);
    }

    /**
     * Writes a frame header at {@code off}, so that many frames can go into one buffer and out
     * in one write; the payload follows it, masked by the caller when {@code masked}.
     *
     * @param maskKey big-endian: its first byte masks the payload's first byte
     * @return the offset just past the header
     */
    public static int writeHeader(byte[] dst, int off, int opcode, boolean fin, long payloadLength,
                                  boolean masked, int maskKey) {
        checkFrame(opcode, fin, payloadLength);
        int at = off;
        dst[at++] = (byte) ((fin ? 0x80 : 0) | opcode);
        int maskBit = masked ? 0x80 : 0;
        if (payloadLength <= 125) {
            dst[at++] = (byte) (maskBit | payloadLength);
        } else if (payloadLength <= 0xFFFF) {
            dst[at++] = (byte) (maskBit | 126);
            at = putBigEndian(dst, at, payloadLength, 2);
        } else {
            dst[at++] = (byte) (maskBit | 127);
            at = putBigEndian(dst, at, payloadLength, 8);
        }
        if (masked) {
            at = putBigEndian(dst, at, maskKey, 4);
        }
        return at;
    }

    /** {@link #writeHeader(byte[], int, int, boolean, long, boolean, int)} at the buffer's position, which it advances. */
    public static void writeHeader(ByteBuffer dst, int opcode, boolean fin, long payloadLength,
                                   boolean masked, int maskKey) {
        byte[] header = new byte[MAX_HEADER];
        int n = writeHeader(header, 0, opcode, fin, payloadLength, masked, maskKey);
        dst.put(header, 0, n);
    }

    /**
     * Writes a whole frame at {@code off}: the header, then the payload, masked when
     * {@code masked}.
     *
     * @return the offset just past the frame
     */
    public static int writeFrame(byte[] dst, int off, int opcode, boolean fin, byte[] payload, int payloadOff,
                                 int payloadLength, boolean masked, int maskKey) {
        int at = writeHeader(dst, off, opcode, fin, payloadLength, masked, maskKey);
        System.arraycopy(payload, payloadOff, dst, at, payloadLength);
        if (masked) {
            mask(dst, at, payloadLength, maskKey, 0);
        }
        return at + payloadLength;
    }

    /** One frame in an array of its own size. */
    public static byte[] frameBytes(int opcode, boolean fin, byte[] payload, int off, int len,
                                    boolean masked, int maskKey) {
        byte[] out = new byte[headerLength(len, masked) + len];
        writeFrame(out, 0, opcode, fin, payload, off, len, masked, maskKey);
        return out;
    }

    /** One frame, ready to write (position 0, limit at its end). */
    public static ByteBuffer frame(int opcode, boolean fin, byte[] payload, int off, int len,
                                   boolean masked, int maskKey) {
        return ByteBuffer.wrap(frameBytes(opcode, fin, payload, off, len, masked, maskKey));
    }

    // ---- a server's frames: unmasked ----

    public static byte[] serverText(String text) {
        byte[] payload = text.getBytes(StandardCharsets.UTF_8);
        return frameBytes(TEXT, true, payload, 0, payload.length, false, 0);
    }

    public static byte[] serverBinary(byte[] data) {
        return frameBytes(BINARY, true, data, 0, data.length, false, 0);
    }

    /** A close frame; {@link WsCloseCodes#NO_STATUS} makes one without a code. */
    public static byte[] serverClose(int code, String reason) {
        byte[] payload = closePayload(code, reason);
        return frameBytes(CLOSE, true, payload, 0, payload.length, false, 0);
    }

    public static byte[] serverPing(byte[] payload) {
        return frameBytes(PING, true, payload, 0, payload.length, false, 0);
    }

    public static byte[] serverPong(byte[] payload) {
        return frameBytes(PONG, true, payload, 0, payload.length, false, 0);
    }

    // ---- a client's frames: masked with the key given, which must be fresh for each ----

    public static ByteBuffer clientText(String text, int maskKey) {
        byte[] payload = text.getBytes(StandardCharsets.UTF_8);
        return frame(TEXT, true, payload, 0, payload.length, true, maskKey);
    }

    public static ByteBuffer clientBinary(byte[] data, int maskKey) {
        return frame(BINARY, true, data, 0, data.length, true, maskKey);
    }

    /** A close frame; {@link WsCloseCodes#NO_STATUS} makes one without a code. */
    public static ByteBuffer clientClose(int code, String reason, int maskKey) {
        return clientControl(CLOSE, closePayload(code, reason), maskKey);
    }

    public static ByteBuffer clientPing(byte[] payload, int maskKey) {
        return clientControl(PING, payload, maskKey);
    }

    public static ByteBuffer clientPong(byte[] payload, int maskKey) {
        return clientControl(PONG, payload, maskKey);
    }

    /** A masked control frame (close, ping, pong) with FIN set. */
    public static ByteBuffer clientControl(int opcode, byte[] payload, int maskKey) {
        return frame(opcode, true, payload, 0, payload.length, true, maskKey);
    }

    /**
     * The payload of a close frame (5.5.1): the code, then the reason in UTF-8, cut to fit the
     * 125 bytes of a control frame, since the reason is only for people to read. With
     * {@link WsCloseCodes#NO_STATUS} it is empty: that is how a close without a code is sent,
     * and the decoder reports such a close with that code, so echoing it is one call.
     */
    public static byte[] closePayload(int code, String reason) {
        if (code == WsCloseCodes.NO_STATUS) {
            if (!reason.isEmpty()) {
                throw new IllegalArgumentException("a close frame without a code has no reason either");
            }
            return new byte[0];
        }
        if (!WsCloseCodes.isValid(code)) {
            throw new IllegalArgumentException("close code " + code + " may not be sent (RFC 6455 7.4)");
        }
        byte[] r = reason.getBytes(StandardCharsets.UTF_8);
        int n = Math.min(r.length, MAX_CONTROL_PAYLOAD - 2);
        // Cut on a character boundary: a reason that is not UTF-8 fails the connection (1007).
        while (n < r.length && (r[n] & 0xC0) == 0x80) {
            n--;
        }
        byte[] p = new byte[2 + n];
        p[0] = (byte) (code >>> 8);
        p[1] = (byte) code;
        System.arraycopy(r, 0, p, 2, n);
        return p;
    }

    /**
     * XORs {@code len} bytes with the key (5.3), the first of them being byte {@code index} of
     * the payload; masking twice gives the bytes back, so this unmasks too.
     */
    public static void mask(byte[] data, int off, int len, int maskKey, long index) {
        if (maskKey == 0) {
            // Unmasked frames pass through the decoder's unmasking too; a zero key changes nothing.
            return;
        }
        for (int i = 0; i < len; i++) {
            int shift = 24 - 8 * (int) ((index + i) & 3);
            data[off + i] ^= (byte) (maskKey >>> shift);
        }
    }

    private static void checkFrame(int opcode, boolean fin, long payloadLength) {
        if (opcode < 0 || opcode > 0xF) {
            throw new IllegalArgumentException("opcode " + opcode + " does not fit 4 bits");
        }
        if (payloadLength < 0) {
            throw new IllegalArgumentException("negative payload length " + payloadLength);
        }
        // What the peer would fail the connection for is refused here, where the bug is.
        if (opcode >= CLOSE && (!fin || payloadLength > MAX_CONTROL_PAYLOAD)) {
            throw new IllegalArgumentException("a control frame must have FIN and at most 125 bytes");
        }
    }

    private static int putBigEndian(byte[] dst, int at, long value, int bytes) {
        for (int i = bytes - 1; i >= 0; i--) {
            dst[at++] = (byte) (value >>> (8 * i));
        }
        return at;
    }
}
