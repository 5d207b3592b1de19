// Properties of the generator's RFC 6455 framing: server frames, fragmented anyhow and cut
// into reads anywhere, decode to the messages sent; a client's masked frames unmask to their
// payload; messages over the bound fail; buffers of a connection's own are dropped once whole.
package dev.jobcast.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

class WsFramesPropertiesTest {

    /** A message the server sends: data split into fragments, or a control frame. */
    record Message(int opcode, byte[] payload, List<Integer> cuts, boolean pingInside) {
        String event() {
            return switch (opcode) {
                case WsFrameEncoder.TEXT -> "text:" + new String(payload, StandardCharsets.UTF_8);
                case WsFrameEncoder.BINARY -> "binary:" + HexFormat.of().formatHex(payload);
                case WsFrameEncoder.PING -> "ping:" + HexFormat.of().formatHex(payload);
                default -> throw new IllegalStateException();
            };
        }
    }

    /** What a decoder delivered, as comparable strings. */
    static final class Events implements WsFrameDecoder.Sink {
        final List<String> log = new ArrayList<>();

        @Override
        public void onText(String text) {
            log.add("text:" + text);
        }

        @Override
        public void onBinary(byte[] data) {
            log.add("binary:" + HexFormat.of().formatHex(data));
        }

        @Override
        public void onPing(byte[] payload) {
            log.add("ping:" + HexFormat.of().formatHex(payload));
        }

        @Override
        public void onClose(int code, String reason) {
            log.add("close:" + code + ":" + reason);
        }
    }

    private static final byte[] INSIDE_PING = {7, 7};

    // ---- round trip through cuts anywhere ----

    @Property(tries = 500)
    void framesCutIntoReadsAnywhereDecodeToTheMessagesSent(
            @ForAll("messages") List<Message> messages,
            @ForAll @Size(min = 1, max = 40) List<@IntRange(min = 1, max = 97) Integer> reads,
            @ForAll @IntRange(min = 16, max = 200) int sharedSize) throws Exception {
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        List<String> expected = new ArrayList<>();
        for (Message m : messages) {
            encode(m, wire, expected);
        }
        Events got = new Events();
        WsReadBuffer rb = feed(wire.toByteArray(), reads, sharedSize, new WsFrameDecoder(100_000), got);
        assertEquals(expected, got.log);
        assertEquals(0, rb.capacity(), "a connection with no incomplete frame holds no buffer");
    }

    @Property(tries = 300)
    void aMessageOverTheBoundFailsWithTooBig(
            @ForAll("messages") List<Message> messages,
            @ForAll @IntRange(min = 1, max = 97) int read) {
        int bound = 150;
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        List<String> expected = new ArrayList<>();
        boolean over = false;
        for (Message m : messages) {
            encode(m, wire, expected);
            over |= m.opcode() != WsFrameEncoder.PING && m.payload().length > bound;
        }
        Events got = new Events();
        byte[] bytes = wire.toByteArray();
        if (over) {
            WsProtocolException e = assertThrows(WsProtocolException.class,
                    () -> feed(bytes, List.of(read), 64, new WsFrameDecoder(bound), got));
            assertEquals(WsProtocolException.TOO_BIG, e.closeCode());
        } else {
            assertEquals(expected, assertDoesNotThrow(bytes, read, bound, got));
        }
        for (String event : got.log) {
            assertTrue(event.length() <= "binary:".length() + 2 * bound, "delivered only messages within the bound");
        }
    }

    private static List<String> assertDoesNotThrow(byte[] bytes, int read, int bound, Events got) {
        try {
            feed(bytes, List.of(read), 64, new WsFrameDecoder(bound), got);
        } catch (WsProtocolException e) {
            throw new AssertionError("within the bound, yet: " + e.getMessage(), e);
        }
        return got.log;
    }

    /**
     * Feeds the bytes as NioWsConnection reads them: each read takes at most the next read
     * size (cycling) and at most the room left in the buffer it reads into.
     */
    static WsReadBuffer feed(byte[] wire, List<Integer> reads, int sharedSize, WsFrameDecoder decoder,
                             WsFrameDecoder.Sink sink) throws WsProtocolException {
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

    /** The frames of one message, unmasked as a server sends them, and the events expected. */
    private static void encode(Message m, ByteArrayOutputStream wire, List<String> expected) {
        if (m.opcode() == WsFrameEncoder.PING) {
            put(wire, WsFrameEncoder.frame(m.opcode(), true, m.payload(), 0, m.payload().length, false, 0));
            expected.add(m.event());
            return;
        }
        List<Integer> cuts = m.cuts().stream().filter(c -> c <= m.payload().length).distinct().sorted().toList();
        int from = 0;
        for (int i = 0; i <= cuts.size(); i++) {
            int to = i < cuts.size() ? cuts.get(i) : m.payload().length;
            boolean fin = i == cuts.size();
            int opcode = i == 0 ? m.opcode() : WsFrameEncoder.CONTINUATION;
            put(wire, WsFrameEncoder.frame(opcode, fin, m.payload(), from, to - from, false, 0));
            if (!fin && i == 0 && m.pingInside()) {
                // Control frames may come between the fragments of a message (section 5.4).
                put(wire, WsFrameEncoder.frame(WsFrameEncoder.PING, true, INSIDE_PING, 0, 2, false, 0));
                expected.add("ping:0707");
            }
            from = to;
        }
        expected.add(m.event());
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
        Arbitrary<Message> pings = control.map(p -> new Message(WsFrameEncoder.PING, p, List.of(), false));
        return Arbitraries.frequencyOf(Tuple.of(4, data), Tuple.of(1, pings))
                .list().ofMaxSize(8);
    }

    // ---- the client's own frames ----

    @Property(tries = 200)
    void clientFramesAreMaskedAndUnmaskToTheirPayload(
            @ForAll @Size(max = 70_000) byte[] payload, @ForAll int maskKey,
            @ForAll @IntRange(min = 0, max = 2) int kind) {
        int opcode = kind == 0 ? WsFrameEncoder.TEXT : kind == 1 ? WsFrameEncoder.BINARY : WsFrameEncoder.CONTINUATION;
        ByteBuffer f = WsFrameEncoder.frame(opcode, true, payload, 0, payload.length, true, maskKey);
        assertEquals(0x80 | opcode, f.get() & 0xFF, "FIN and the opcode");
        int b1 = f.get() & 0xFF;
        assertEquals(0x80, b1 & 0x80, "the mask bit");
        long length = b1 & 0x7F;
        if (length == 126) {
            length = f.getShort() & 0xFFFF;
            assertTrue(length > 125, "the shortest length encoding");
        } else if (length == 127) {
            length = f.getLong();
            assertTrue(length > 0xFFFF, "the shortest length encoding");
        }
        assertEquals(payload.length, length);
        assertEquals(maskKey, f.getInt());
        byte[] body = new byte[f.remaining()];
        f.get(body);
        WsFrameEncoder.mask(body, 0, body.length, maskKey, 0);
        assertEquals(HexFormat.of().formatHex(payload), HexFormat.of().formatHex(body));
    }

    @Property(tries = 500)
    void maskingInPiecesIsMaskingAtOnce(@ForAll @Size(max = 50) byte[] data, @ForAll int key,
                                        @ForAll @IntRange(min = 0, max = 50) int split) {
        int s = Math.min(split, data.length);
        byte[] whole = data.clone();
        WsFrameEncoder.mask(whole, 0, whole.length, key, 0);
        byte[] pieces = data.clone();
        WsFrameEncoder.mask(pieces, 0, s, key, 0);
        WsFrameEncoder.mask(pieces, s, pieces.length - s, key, s);
        assertEquals(HexFormat.of().formatHex(whole), HexFormat.of().formatHex(pieces));
        WsFrameEncoder.mask(whole, 0, whole.length, key, 0);
        assertEquals(HexFormat.of().formatHex(data), HexFormat.of().formatHex(whole), "masking twice gives it back");
    }
}
