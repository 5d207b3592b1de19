// The decoder against bytes no endpoint should send (RFC 6455 section 5, and 10.7 on bad
// input): whatever arrives, cut anyhow, it decodes or fails the connection with a close
// code; it never throws anything else, never delivers past its bounds, never spins.
package dev.jobcast.engineio.adapter.lean.ws;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jobcast.engineio.adapter.lean.ws.WsFrameDecoder.Role;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

class FuzzPropertiesTest {

    /** Some bytes of the stream: a well-formed message, something like a frame, or noise. */
    sealed interface Piece permits Message, FrameLike, Noise {
    }

    /** A message as a peer sends it: data in fragments, or one control frame. */
    record Message(int opcode, byte[] payload, List<Integer> cuts) implements Piece {
    }

    /**
     * A frame whose mask bit, length encoding and declared length may each be wrong.
     *
     * @param lengthForm 0: the shortest, 1: always 16 bits, 2: always 64 bits, 3: a declared
     *                   length unrelated to the payload, 4: any 64-bit value
     */
    record FrameLike(int firstByte, boolean flipMask, int lengthForm, long otherLength, byte[] payload)
            implements Piece {
    }

    record Noise(byte[] bytes) implements Piece {
    }

    /** A change to the bytes once rendered: 0 flips bits, 1 sets a byte, 2 deletes, 3 inserts. */
    record Mutation(int kind, double where, byte value) {
    }

    private static final int[] CLOSE_CODES = {1000, 1001, 1002, 1003, 1007, 1008, 1009, 1010, 1011, 3000, 4999};
    private static final Set<Integer> CODEC_CLOSE_CODES =
            Set.of(WsCloseCodes.PROTOCOL_ERROR, WsCloseCodes.INVALID_DATA, WsCloseCodes.TOO_BIG);

    @Property(tries = 1000)
    void anyBytesCutAnyhowDecodeOrFailWithACloseCode(
            @ForAll("pieces") List<Piece> pieces, @ForAll("mutations") List<Mutation> mutations,
            @ForAll Role role, @ForAll long seed,
            @ForAll @Size(min = 1, max = 10) List<@IntRange(min = 1, max = 64) Integer> reads,
            @ForAll Wire.Kind kind, @ForAll("maxMessage") int maxMessage) {
        byte[] wire = mutate(render(pieces, role, new Random(seed)), mutations);
        WsFrameDecoder decoder = new WsFrameDecoder(role, maxMessage);
        decodesOrFails(() -> Wire.feed(wire, reads, kind, decoder, new BoundsChecked(maxMessage)));
    }

    @Property(tries = 300)
    void anyBytesAtAllOneByteAtATime(@ForAll @Size(max = 200) byte[] wire, @ForAll Role role) {
        decodesOrFails(() -> Wire.feed(wire, List.of(1), Wire.Kind.HEAP, new WsFrameDecoder(role, 100),
                new BoundsChecked(100)));
    }

    private interface Decoding {
        void run() throws WsProtocolException;
    }

    private static void decodesOrFails(Decoding decoding) {
        // A decoder that spins never returns: the time limit turns that into a failure.
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            try {
                decoding.run();
            } catch (WsProtocolException e) {
                assertTrue(CODEC_CLOSE_CODES.contains(e.closeCode()), e.closeCode() + ": " + e.getMessage());
            }
        });
    }

    /** A sink that checks what it is given is within the bounds the decoder promises. */
    private record BoundsChecked(int maxMessage) implements WsFrameDecoder.Sink {
        @Override
        public void onText(String text) {
            assertTrue(text.getBytes(StandardCharsets.UTF_8).length <= maxMessage);
        }

        @Override
        public void onBinary(byte[] data) {
            assertTrue(data.length <= maxMessage);
        }

        @Override
        public void onPing(byte[] payload) {
            assertTrue(payload.length <= 125);
        }

        @Override
        public void onPong(byte[] payload) {
            assertTrue(payload.length <= 125);
        }

        @Override
        public void onClose(int code, String reason) {
            assertTrue(code == WsCloseCodes.NO_STATUS || WsCloseCodes.isValid(code), "code " + code);
            assertTrue(reason.getBytes(StandardCharsets.UTF_8).length <= 123);
        }
    }

    private static byte[] render(List<Piece> pieces, Role role, Random keys) {
        boolean masked = role == Role.SERVER;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Piece p : pieces) {
            if (p instanceof Message m) {
                renderMessage(m, masked, keys, out);
            } else if (p instanceof FrameLike f) {
                renderFrameLike(f, masked != f.flipMask(), keys.nextInt(), out);
            } else if (p instanceof Noise n) {
                out.writeBytes(n.bytes());
            }
        }
        return out.toByteArray();
    }

    private static void renderMessage(Message m, boolean masked, Random keys, ByteArrayOutputStream out) {
        if (m.opcode() >= WsFrameEncoder.CLOSE) {
            byte[] p = m.opcode() != WsFrameEncoder.CLOSE ? Arrays.copyOf(m.payload(), Math.min(m.payload().length, 125))
                    : m.payload().length < 2 ? new byte[0]
                    : WsFrameEncoder.closePayload(CLOSE_CODES[(m.payload()[0] & 0xFF) % CLOSE_CODES.length],
                            new String(m.payload(), 1, Math.min(20, m.payload().length - 1), StandardCharsets.UTF_8));
            put(out, WsFrameEncoder.frame(m.opcode(), true, p, 0, p.length, masked, keys.nextInt()));
            return;
        }
        List<Integer> cuts = m.cuts().stream().filter(c -> c <= m.payload().length).distinct().sorted().toList();
        int from = 0;
        for (int i = 0; i <= cuts.size(); i++) {
            int to = i < cuts.size() ? cuts.get(i) : m.payload().length;
            int opcode = i == 0 ? m.opcode() : WsFrameEncoder.CONTINUATION;
            put(out, WsFrameEncoder.frame(opcode, i == cuts.size(), m.payload(), from, to - from, masked, keys.nextInt()));
            from = to;
        }
    }

    private static void renderFrameLike(FrameLike f, boolean masked, int key, ByteArrayOutputStream out) {
        long length = switch (f.lengthForm()) {
            case 3 -> f.otherLength() & 0x1FF;
            case 4 -> f.otherLength();
            default -> f.payload().length;
        };
        int form = f.lengthForm() >= 3 ? 2 : length <= 125 && f.lengthForm() == 0 ? 0
                : length <= 0xFFFF && f.lengthForm() <= 1 ? 1 : 2;
        out.write(f.firstByte());
        int maskBit = masked ? 0x80 : 0;
        if (form == 0) {
            out.write(maskBit | (int) length);
        } else if (form == 1) {
            out.write(maskBit | 126);
            writeBigEndian(out, length, 2);
        } else {
            out.write(maskBit | 127);
            writeBigEndian(out, length, 8);
        }
        if (masked) {
            writeBigEndian(out, key, 4);
        }
        out.writeBytes(f.payload());
    }

    private static byte[] mutate(byte[] wire, List<Mutation> mutations) {
        byte[] b = wire;
        for (Mutation m : mutations) {
            int at = (int) (m.where() * b.length);
            switch (m.kind()) {
                case 0 -> {
                    if (at < b.length) {
                        b[at] ^= m.value() == 0 ? 1 : m.value();
                    }
                }
                case 1 -> {
                    if (at < b.length) {
                        b[at] = m.value();
                    }
                }
                case 2 -> {
                    int end = Math.min(b.length, at + 1 + (m.value() & 7));
                    b = Wire.concat(Arrays.copyOf(b, at), Arrays.copyOfRange(b, end, b.length));
                }
                default -> b = Wire.concat(Arrays.copyOf(b, at), new byte[] {m.value()},
                        Arrays.copyOfRange(b, at, b.length));
            }
        }
        return b;
    }

    private static void writeBigEndian(ByteArrayOutputStream out, long value, int bytes) {
        for (int i = bytes - 1; i >= 0; i--) {
            out.write((int) (value >>> (8 * i)));
        }
    }

    private static void put(ByteArrayOutputStream out, ByteBuffer frame) {
        out.write(frame.array(), frame.position(), frame.remaining());
    }

    @Provide
    Arbitrary<List<Piece>> pieces() {
        Arbitrary<byte[]> text = Arbitraries.strings().all().ofMaxLength(150)
                .map(s -> s.getBytes(StandardCharsets.UTF_8));
        Arbitrary<byte[]> bytes = Arbitraries.bytes().array(byte[].class).ofMaxSize(300);
        Arbitrary<byte[]> payload = Arbitraries.oneOf(text, bytes);
        // Text is mostly UTF-8, so that a stream goes on past it; where it is not, 1007.
        Arbitrary<Piece> message = Combinators.combine(
                Arbitraries.of(WsFrameEncoder.TEXT, WsFrameEncoder.BINARY, WsFrameEncoder.PING, WsFrameEncoder.PONG,
                        WsFrameEncoder.CLOSE),
                Arbitraries.frequencyOf(Tuple.of(9, text), Tuple.of(1, bytes)), bytes,
                Arbitraries.integers().between(0, 300).list().ofMaxSize(3))
                .as((op, t, b, cuts) -> new Message(op, op == WsFrameEncoder.TEXT ? t : b, cuts));
        Arbitrary<Integer> firstByte = Arbitraries.frequencyOf(
                Tuple.of(6, Arbitraries.of(0x81, 0x82, 0x01, 0x80, 0x88, 0x89, 0x8A)),
                Tuple.of(1, Arbitraries.integers().between(0, 255)));
        Arbitrary<Boolean> flipMask = Arbitraries.frequencyOf(Tuple.of(6, Arbitraries.just(false)),
                Tuple.of(1, Arbitraries.just(true)));
        Arbitrary<Piece> frameLike = Combinators.combine(firstByte, flipMask, Arbitraries.integers().between(0, 4),
                Arbitraries.longs(), payload).as(FrameLike::new);
        Arbitrary<Piece> noise = Arbitraries.bytes().array(byte[].class).ofMaxSize(40).map(Noise::new);
        return Arbitraries.frequencyOf(Tuple.of(8, message), Tuple.of(1, frameLike), Tuple.of(1, noise))
                .list().ofMinSize(1).ofMaxSize(12);
    }

    @Provide
    Arbitrary<Integer> maxMessage() {
        // Mostly above every message made here, so that decoding goes on past the first frames.
        return Arbitraries.frequencyOf(Tuple.of(3, Arbitraries.just(1000)),
                Tuple.of(1, Arbitraries.integers().between(0, 400)));
    }

    @Provide
    Arbitrary<List<Mutation>> mutations() {
        Arbitrary<Mutation> one = Combinators.combine(Arbitraries.integers().between(0, 3),
                Arbitraries.doubles().between(0, 1).ofScale(4), Arbitraries.bytes()).as(Mutation::new);
        return Arbitraries.frequencyOf(Tuple.of(3, Arbitraries.just(List.<Mutation>of())),
                Tuple.of(3, one.list().ofMinSize(1).ofMaxSize(3)));
    }
}
