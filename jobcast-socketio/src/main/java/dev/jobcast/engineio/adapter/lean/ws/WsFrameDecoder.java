package dev.jobcast.engineio.adapter.lean.ws;

import static dev.jobcast.engineio.adapter.lean.ws.WsFrameEncoder.BINARY;
import static dev.jobcast.engineio.adapter.lean.ws.WsFrameEncoder.CLOSE;
import static dev.jobcast.engineio.adapter.lean.ws.WsFrameEncoder.CONTINUATION;
import static dev.jobcast.engineio.adapter.lean.ws.WsFrameEncoder.MAX_CONTROL_PAYLOAD;
import static dev.jobcast.engineio.adapter.lean.ws.WsFrameEncoder.MAX_HEADER;
import static dev.jobcast.engineio.adapter.lean.ws.WsFrameEncoder.PING;
import static dev.jobcast.engineio.adapter.lean.ws.WsFrameEncoder.PONG;
import static dev.jobcast.engineio.adapter.lean.ws.WsFrameEncoder.TEXT;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * The frames one peer sends (RFC 6455 section 5), decoded from bytes as they arrive, whole
 * messages out: fragments are put together again (5.4), up to a bound. No extension is ever
 * negotiated, so reserved bits are errors. One decoder per connection, on one thread.
 */
public final class WsFrameDecoder {

    /** Which end decodes; the peer's frames must be masked exactly when it is a client (5.1). */
    public enum Role {
        /** Decodes a client's frames, which must be masked. */
        SERVER,
        /** Decodes a server's frames, which must not be. */
        CLIENT
    }

    /** What the frames carry. The arrays are the receiver's to keep. */
    public interface Sink {
        void onText(String text);

        void onBinary(byte[] data);

        void onPing(byte[] payload);

        void onPong(byte[] payload);

        /** @param code the status code, or {@link WsCloseCodes#NO_STATUS} when the frame had none */
        void onClose(int code, String reason);
    }

    private final boolean expectMasked;
    private final int maxMessage;
    // The fragmented message under way: its opcode (0: none) and its bytes so far.
    private int fragmentedOpcode;
    private byte[] fragments;
    private int fragmentsLength;

    /** @param maxMessage the most payload bytes one message (all its fragments) may have */
    public WsFrameDecoder(Role role, int maxMessage) {
        if (maxMessage < 0 || maxMessage > Integer.MAX_VALUE - MAX_HEADER) {
            throw new IllegalArgumentException("maxMessage " + maxMessage);
        }
        this.expectMasked = Objects.requireNonNull(role, "role") == Role.SERVER;
        this.maxMessage = maxMessage;
    }

    /**
     * Decodes each complete frame from the buffer's position on, and leaves the position at
     * the start of the first incomplete one. The bytes of frames decoded may be changed: a
     * writable heap buffer is unmasked in place, which saves a copy. After an exception the
     * connection is failed, and the decoder is not to be used again.
     *
     * @return 0 when every byte was used; otherwise how many bytes the incomplete frame takes
     *         in all as far as its header tells (always more than are there)
     */
    public int decode(ByteBuffer in, Sink sink) throws WsProtocolException {
        while (in.hasRemaining()) {
            int start = in.position();
            int available = in.remaining();
            if (available < 2) {
                return 2;
            }
            int b0 = in.get(start) & 0xFF;
            int b1 = in.get(start + 1) & 0xFF;
            boolean fin = (b0 & 0x80) != 0;
            int opcode = b0 & 0x0F;
            int length7 = b1 & 0x7F;
            checkFirstTwoBytes(b0, (b1 & 0x80) != 0, opcode, fin, length7);
            int lengthEnd = length7 == 126 ? 4 : length7 == 127 ? 10 : 2;
            int header = lengthEnd + (expectMasked ? 4 : 0);
            if (available < lengthEnd) {
                return header;
            }
            long length = lengthEnd == 2 ? length7 : bigEndian(in, start + 2, lengthEnd - 2);
            // Checked before the payload comes: a peer cannot make this end buffer past the bound.
            checkLength(opcode, length);
            long total = header + length;
            if (available < total) {
                return (int) total;
            }
            int maskKey = expectMasked ? (int) bigEndian(in, start + lengthEnd, 4) : 0;
            in.position(start + (int) total);
            onFrame(opcode, fin, in, start + header, (int) length, maskKey, sink);
        }
        return 0;
    }

    private void checkFirstTwoBytes(int b0, boolean masked, int opcode, boolean fin, int length7)
            throws WsProtocolException {
        if ((b0 & 0x70) != 0) {
            throw protocol("reserved bits set without an extension");
        }
        if (masked != expectMasked) {
            throw protocol(expectMasked ? "an unmasked client frame" : "a masked server frame");
        }
        switch (opcode) {
            case CONTINUATION -> {
                if (fragmentedOpcode == 0) {
                    throw protocol("a continuation frame without a message to continue");
                }
            }
            case TEXT, BINARY -> {
                if (fragmentedOpcode != 0) {
                    throw protocol("a new message before the fragmented one ended");
                }
            }
            case CLOSE, PING, PONG -> {
                if (!fin) {
                    throw protocol("a fragmented control frame");
                }
                // 126 and 127 announce a longer length: known to be too long already.
                if (length7 > MAX_CONTROL_PAYLOAD) {
                    throw protocol("a control frame longer than 125 bytes");
                }
            }
            default -> throw protocol("unknown opcode " + opcode);
        }
    }

    private void checkLength(int opcode, long length) throws WsProtocolException {
        if (length < 0) {
            throw protocol("a 64-bit length with its most significant bit set");
        }
        if (opcode >= CLOSE) {
            return;
        }
        long message = opcode == CONTINUATION ? fragmentsLength + length : length;
        if (message > maxMessage) {
            throw new WsProtocolException(WsCloseCodes.TOO_BIG, "a message of " + message
                    + " bytes, more than the " + maxMessage + " this endpoint takes");
        }
    }

    private void onFrame(int opcode, boolean fin, ByteBuffer in, int at, int length, int maskKey, Sink sink)
            throws WsProtocolException {
        switch (opcode) {
            case TEXT -> {
                if (fin) {
                    sink.onText(text(in, at, length, maskKey));
                } else {
                    startFragments(opcode, in, at, length, maskKey);
                }
            }
            case BINARY -> {
                if (fin) {
                    sink.onBinary(copy(in, at, length, maskKey));
                } else {
                    startFragments(opcode, in, at, length, maskKey);
                }
            }
            case CONTINUATION -> {
                append(in, at, length, maskKey);
                if (fin) {
                    endFragments(sink);
                }
            }
            case PING -> sink.onPing(copy(in, at, length, maskKey));
            case PONG -> sink.onPong(copy(in, at, length, maskKey));
            default -> onClose(copy(in, at, length, maskKey), sink);
        }
    }

    /** Section 5.5.1 and 7.4: no payload, or a code that may be sent and a UTF-8 reason. */
    private static void onClose(byte[] payload, Sink sink) throws WsProtocolException {
        if (payload.length == 0) {
            sink.onClose(WsCloseCodes.NO_STATUS, "");
            return;
        }
        if (payload.length == 1) {
            throw protocol("a close frame with a one-byte payload");
        }
        int code = ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF);
        if (!WsCloseCodes.isValid(code)) {
            throw protocol("a close frame with code " + code);
        }
        sink.onClose(code, utf8(payload, 2, payload.length - 2));
    }

    /** A single-frame text: decoded straight from the buffer's array when it can be unmasked there. */
    private static String text(ByteBuffer in, int at, int length, int maskKey) throws WsProtocolException {
        // hasArray() is false for a read-only buffer, which must not be unmasked in place.
        if (in.hasArray()) {
            int off = in.arrayOffset() + at;
            WsFrameEncoder.mask(in.array(), off, length, maskKey, 0);
            return utf8(in.array(), off, length);
        }
        return utf8(copy(in, at, length, maskKey), 0, length);
    }

    private void startFragments(int opcode, ByteBuffer in, int at, int length, int maskKey) {
        fragmentedOpcode = opcode;
        fragmentsLength = 0;
        append(in, at, length, maskKey);
    }

    private void endFragments(Sink sink) throws WsProtocolException {
        byte[] whole = fragments;
        int length = fragmentsLength;
        int opcode = fragmentedOpcode;
        // Dropped, not kept for the next message: most connections never fragment.
        fragments = null;
        fragmentsLength = 0;
        fragmentedOpcode = 0;
        // UTF-8 is checked on the whole message: a character may be cut between fragments.
        if (opcode == TEXT) {
            sink.onText(utf8(whole, 0, length));
        } else {
            sink.onBinary(whole.length == length ? whole : Arrays.copyOf(whole, length));
        }
    }

    private void append(ByteBuffer in, int at, int length, int maskKey) {
        int needed = fragmentsLength + length;
        if (fragments == null || fragments.length < needed) {
            // Doubling, but never past the bound: the bound is also the most a message may hold.
            int size = Math.max(needed, Math.min(maxMessage, Math.max(256, fragmentsLength * 2)));
            fragments = fragments == null ? new byte[size] : Arrays.copyOf(fragments, size);
        }
        in.get(at, fragments, fragmentsLength, length);
        WsFrameEncoder.mask(fragments, fragmentsLength, length, maskKey, 0);
        fragmentsLength = needed;
    }

    private static byte[] copy(ByteBuffer in, int at, int length, int maskKey) {
        byte[] b = new byte[length];
        in.get(at, b, 0, length);
        WsFrameEncoder.mask(b, 0, length, maskKey, 0);
        return b;
    }

    // Byte by byte, not getShort/getLong: the caller's buffer may be in little-endian order.
    private static long bigEndian(ByteBuffer in, int at, int bytes) {
        long v = 0;
        for (int i = 0; i < bytes; i++) {
            v = (v << 8) | (in.get(at + i) & 0xFF);
        }
        return v;
    }

    /** Text must be UTF-8 (8.1); ASCII, the common case, is taken as is without a decoder. */
    static String utf8(byte[] data, int off, int length) throws WsProtocolException {
        for (int i = off; i < off + length; i++) {
            if (data[i] < 0) {
                try {
                    return StandardCharsets.UTF_8.newDecoder()
                            .onMalformedInput(CodingErrorAction.REPORT)
                            .onUnmappableCharacter(CodingErrorAction.REPORT)
                            .decode(ByteBuffer.wrap(data, off, length)).toString();
                } catch (CharacterCodingException e) {
                    throw new WsProtocolException(WsCloseCodes.INVALID_DATA, "text that is not UTF-8");
                }
            }
        }
        return new String(data, off, length, StandardCharsets.ISO_8859_1);
    }

    private static WsProtocolException protocol(String message) {
        return new WsProtocolException(WsCloseCodes.PROTOCOL_ERROR, message);
    }
}
