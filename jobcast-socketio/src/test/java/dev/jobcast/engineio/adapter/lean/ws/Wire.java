package dev.jobcast.engineio.adapter.lean.ws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * Bytes for the codec's tests, written here without the encoder, so that the decoder is
 * checked against RFC 6455's layout (section 5.2) rather than against its own twin, and so
 * that frames the encoder refuses to make can be made.
 */
final class Wire {
    static final int MASK_KEY = 0x37FA213D; // the key of section 5.7's masked example

    /** The kinds of buffer a decoder may be given: each takes another path through it. */
    enum Kind { HEAP, READ_ONLY, DIRECT, SLICE, LITTLE_ENDIAN }

    private Wire() {
    }

    static byte[] bytes(int... b) {
        byte[] out = new byte[b.length];
        for (int i = 0; i < b.length; i++) {
            out[i] = (byte) b[i];
        }
        return out;
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    /**
     * A frame with the given first byte (FIN, RSV and opcode as they are), the shortest length
     * encoding, and the payload masked with {@code maskKey} when {@code masked}.
     */
    static byte[] frame(int firstByte, byte[] payload, boolean masked, int maskKey) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(firstByte);
        int maskBit = masked ? 0x80 : 0;
        int n = payload.length;
        if (n <= 125) {
            out.write(maskBit | n);
        } else if (n <= 0xFFFF) {
            out.write(maskBit | 126);
            out.write(n >>> 8);
            out.write(n);
        } else {
            out.write(maskBit | 127);
            for (int shift = 56; shift >= 0; shift -= 8) {
                out.write((int) ((long) n >>> shift));
            }
        }
        byte[] body = payload.clone();
        if (masked) {
            for (int shift = 24; shift >= 0; shift -= 8) {
                out.write(maskKey >>> shift);
            }
            for (int i = 0; i < body.length; i++) {
                body[i] ^= (byte) (maskKey >>> (24 - 8 * (i % 4)));
            }
        }
        out.writeBytes(body);
        return out.toByteArray();
    }

    /** A frame as a client sends it (masked). */
    static byte[] client(int firstByte, byte[] payload) {
        return frame(firstByte, payload, true, MASK_KEY);
    }

    /** A frame as a server sends it (unmasked). */
    static byte[] server(int firstByte, byte[] payload) {
        return frame(firstByte, payload, false, 0);
    }

    /** The frame as the peer of a decoder of {@code role} sends it. */
    static byte[] from(WsFrameDecoder.Role role, int firstByte, byte[] payload) {
        return role == WsFrameDecoder.Role.SERVER ? client(firstByte, payload) : server(firstByte, payload);
    }

    /** The bytes in a buffer of the given kind, from its position to its limit. */
    static ByteBuffer buffer(byte[] data, Kind kind) {
        return switch (kind) {
            case HEAP -> ByteBuffer.wrap(data.clone());
            case READ_ONLY -> ByteBuffer.wrap(data.clone()).asReadOnlyBuffer();
            case DIRECT -> ByteBuffer.allocateDirect(data.length).put(data).flip();
            case SLICE -> {
                // A non-zero arrayOffset and a position past it: in-place unmasking must use both.
                byte[] padded = new byte[data.length + 10];
                System.arraycopy(data, 0, padded, 7, data.length);
                yield ByteBuffer.wrap(padded, 3, data.length + 4).slice().position(4);
            }
            case LITTLE_ENDIAN -> ByteBuffer.wrap(data.clone()).order(ByteOrder.LITTLE_ENDIAN);
        };
    }

    /** Decodes all of {@code wire} in one call, which must use every byte. */
    static Events decodeAll(WsFrameDecoder decoder, byte[] wire) throws WsProtocolException {
        Events events = new Events();
        // A copy: the decoder unmasks a writable buffer in place, and the test's bytes must stay.
        ByteBuffer in = ByteBuffer.wrap(wire.clone());
        assertEquals(0, decoder.decode(in, events), "every byte used");
        assertFalse(in.hasRemaining());
        return events;
    }

    /** The close code a decoder fails the connection with on {@code wire}. */
    static int refusal(WsFrameDecoder decoder, byte[] wire) {
        return assertThrows(WsProtocolException.class, () -> decoder.decode(ByteBuffer.wrap(wire.clone()), new Events()))
                .closeCode();
    }

    /**
     * Feeds the bytes in reads of the given sizes (cycling), each joined to what the decoder
     * left of the one before, in a new buffer of {@code kind}, as a transport that gets its
     * reads as immutable chunks would; checks the decoder's answer after each.
     *
     * @return the bytes left over, an incomplete frame
     */
    static byte[] feed(byte[] wire, List<Integer> reads, Kind kind, WsFrameDecoder decoder,
                       WsFrameDecoder.Sink sink) throws WsProtocolException {
        byte[] pending = new byte[0];
        int off = 0;
        for (int i = 0; off < wire.length; i++) {
            int n = Math.min(reads.get(i % reads.size()), wire.length - off);
            ByteBuffer in = buffer(concat(pending, Arrays.copyOfRange(wire, off, off + n)), kind);
            off += n;
            int need = decoder.decode(in, sink);
            if (need == 0) {
                assertFalse(in.hasRemaining(), "0 only once every byte was used");
            } else {
                assertTrue(need > in.remaining(), "needs " + need + " with " + in.remaining() + " there");
            }
            pending = new byte[in.remaining()];
            in.get(pending);
        }
        return pending;
    }
}
