// Properties of the codec's round trip (RFC 6455 section 5): messages framed by either end,
// fragmented anyhow, with control frames between fragments, and cut into reads anywhere,
// decode at the other end to the messages sent; messages over the bound fail with 1009.
package dev.jobcast.engineio.adapter.lean.ws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jobcast.engineio.adapter.lean.ws.WsFrameDecoder.Role;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

class RoundTripPropertiesTest {

    /** A message: data cut into fragments (perhaps with a ping between), or a control frame. */
    record Message(int opcode, byte[] payload, List<Integer> cuts, boolean pingInside) {
        String event() {
            return switch (opcode) {
                case WsFrameEncoder.TEXT -> "text:" + new String(payload, StandardCharsets.UTF_8);
                case WsFrameEncoder.BINARY -> "binary:" + Events.hex(payload);
                case WsFrameEncoder.PING -> "ping:" + Events.hex(payload);
                case WsFrameEncoder.PONG -> "pong:" + Events.hex(payload);
                default -> throw new IllegalStateException();
            };
        }

        boolean isData() {
            return opcode == WsFrameEncoder.TEXT || opcode == WsFrameEncoder.BINARY;
        }
    }

    private static final byte[] INSIDE_PING = {7, 7};

    @Property(tries = 500)
    void clientFramesCutAnywhereDecodeOnAServer(
            @ForAll("messages") List<Message> messages,
            @ForAll @Size(min = 1, max = 40) List<@IntRange(min = 1, max = 97) Integer> reads,
            @ForAll boolean oneByteAtATime, @ForAll Wire.Kind kind, @ForAll long seed) throws Exception {
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        List<String> expected = new ArrayList<>();
        Random keys = new Random(seed);
        for (Message m : messages) {
            encode(m, true, keys, wire, expected);
        }
        Events got = new Events();
        byte[] left = Wire.feed(wire.toByteArray(), oneByteAtATime ? List.of(1) : reads, kind,
                new WsFrameDecoder(Role.SERVER, 100_000), got);
        assertEquals(expected, got.log);
        assertEquals(0, left.length, "nothing left over");
    }

    @Property(tries = 500)
    void serverFramesCutIntoReadsAnywhereDecodeOnAClient(
            @ForAll("messages") List<Message> messages,
            @ForAll @Size(min = 1, max = 40) List<@IntRange(min = 1, max = 97) Integer> reads,
            @ForAll @IntRange(min = 16, max = 200) int sharedSize) throws Exception {
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        List<String> expected = new ArrayList<>();
        for (Message m : messages) {
            encode(m, false, null, wire, expected);
        }
        Events got = new Events();
        WsReadBuffer rb = feedThroughReadBuffer(wire.toByteArray(), reads, sharedSize,
                new WsFrameDecoder(Role.CLIENT, 100_000), got);
        assertEquals(expected, got.log);
        assertEquals(0, rb.capacity(), "a connection with no incomplete frame holds no buffer");
    }

    @Property(tries = 300)
    void aMessageOverTheBoundFailsWithTooBig(
            @ForAll("messages") List<Message> messages, @ForAll Role role,
            @ForAll @IntRange(min = 1, max = 97) int read) {
        int bound = 150;
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        List<String> expected = new ArrayList<>();
        boolean over = false;
        Random keys = new Random(read);
        for (Message m : messages) {
            encode(m, role == Role.SERVER, keys, wire, expected);
            over |= m.isData() && m.payload().length > bound;
        }
        Events got = new Events();
        byte[] bytes = wire.toByteArray();
        if (over) {
            WsProtocolException e = assertThrows(WsProtocolException.class,
                    () -> Wire.feed(bytes, List.of(read), Wire.Kind.HEAP, new WsFrameDecoder(role, bound), got));
            assertEquals(WsCloseCodes.TOO_BIG, e.closeCode());
        } else {
            try {
                Wire.feed(bytes, List.of(read), Wire.Kind.HEAP, new WsFrameDecoder(role, bound), got);
            } catch (WsProtocolException e) {
                throw new AssertionError("within the bound, yet: " + e.getMessage(), e);
            }
            assertEquals(expected, got.log);
        }
        for (String event : got.log) {
            assertTrue(event.length() <= "binary:".length() + 2 * bound, "delivered only messages within the bound");
        }
    }

    /**
     * Feeds the bytes as the generator's NioWsConnection reads them: each read takes at most
     * the next read size (cycling) and at most the room left in the buffer it reads into.
     */
    private static WsReadBuffer feedThroughReadBuffer(byte[] wire, List<Integer> reads, int sharedSize,
                                                      WsFrameDecoder decoder, WsFrameDecoder.Sink sink)
            throws WsProtocolException {
        WsReadBuffer rb = new WsReadBuffer();
        ByteBuffer shared = ByteBuffer.allocate(sharedSize);
        int off = 0;
        for (int i = 0; off < wire.length; i++) {
            ByteBuffer buf = rb.next(shared);
            int n = Math.min(Math.min(buf.remaining(), reads.get(i % reads.size())), wire.length - off);
            assertTrue(n > 0, "there is always room to read into");
            buf.put(wire, off, n).flip();
            off += n;
            rb.keep(buf, decoder.decode(buf, sink));
            assertTrue(rb.capacity() <= Math.max(sharedSize, 100_010), "a buffer of its own only as large as a frame");
        }
        return rb;
    }

    /** The frames of one message, masked with fresh keys when {@code masked}, and the events expected. */
    private static void encode(Message m, boolean masked, Random keys, ByteArrayOutputStream wire,
                               List<String> expected) {
        if (!m.isData()) {
            put(wire, WsFrameEncoder.frame(m.opcode(), true, m.payload(), 0, m.payload().length, masked, key(keys)));
            expected.add(m.event());
            return;
        }
        List<Integer> cuts = m.cuts().stream().filter(c -> c <= m.payload().length).distinct().sorted().toList();
        int from = 0;
        for (int i = 0; i <= cuts.size(); i++) {
            int to = i < cuts.size() ? cuts.get(i) : m.payload().length;
            boolean fin = i == cuts.size();
            int opcode = i == 0 ? m.opcode() : WsFrameEncoder.CONTINUATION;
            put(wire, WsFrameEncoder.frame(opcode, fin, m.payload(), from, to - from, masked, key(keys)));
            if (!fin && i == 0 && m.pingInside()) {
                // Control frames may come between the fragments of a message (section 5.4).
                put(wire, WsFrameEncoder.frame(WsFrameEncoder.PING, true, INSIDE_PING, 0, 2, masked, key(keys)));
                expected.add("ping:0707");
            }
            from = to;
        }
        expected.add(m.event());
    }

    private static int key(Random keys) {
        return keys == null ? 0 : keys.nextInt();
    }

    private static void put(ByteArrayOutputStream out, ByteBuffer frame) {
        out.write(frame.array(), frame.position(), frame.remaining());
    }

    @Provide
    Arbitrary<List<Message>> messages() {
        // Cuts may split a character: UTF-8 is checked on the whole message.
        Arbitrary<byte[]> text = Arbitraries.strings().all().ofMaxLength(300)
                .map(s -> s.getBytes(StandardCharsets.UTF_8));
        Arbitrary<byte[]> binary = Arbitraries.bytes().array(byte[].class).ofMaxSize(300);
        Arbitrary<byte[]> control = Arbitraries.bytes().array(byte[].class).ofMaxSize(125);
        Arbitrary<List<Integer>> cuts = Arbitraries.integers().between(0, 300).list().ofMaxSize(4);
        Arbitrary<Boolean> ping = Arbitraries.of(true, false);
        Arbitrary<Message> data = Combinators.combine(Arbitraries.of(WsFrameEncoder.TEXT, WsFrameEncoder.BINARY),
                text, binary, cuts, ping).as((op, t, b, c, p) -> new Message(op, op == WsFrameEncoder.TEXT ? t : b, c, p));
        Arbitrary<Message> controls = Combinators.combine(Arbitraries.of(WsFrameEncoder.PING, WsFrameEncoder.PONG), control)
                .as((op, p) -> new Message(op, p, List.of(), false));
        return Arbitraries.frequencyOf(Tuple.of(4, data), Tuple.of(1, controls))
                .list().ofMaxSize(8);
    }
}
