package dev.jobcast.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the decoder refuses (RFC 6455 sections 5 and 8), and the edges of its length encodings. */
class WsFrameDecoderTest {

    private final WsFramesPropertiesTest.Events events = new WsFramesPropertiesTest.Events();

    private static ByteBuffer bytes(int... b) {
        ByteBuffer buf = ByteBuffer.allocate(b.length);
        for (int x : b) {
            buf.put((byte) x);
        }
        return buf.flip();
    }

    private static ByteBuffer frame(int opcode, boolean fin, byte[] payload) {
        return WsFrameEncoder.frame(opcode, fin, payload, 0, payload.length, false, 0);
    }

    private static ByteBuffer concat(ByteBuffer... parts) {
        int n = 0;
        for (ByteBuffer p : parts) {
            n += p.remaining();
        }
        ByteBuffer all = ByteBuffer.allocate(n);
        for (ByteBuffer p : parts) {
            all.put(p);
        }
        return all.flip();
    }

    private WsProtocolException refused(ByteBuffer wire) {
        return assertThrows(WsProtocolException.class, () -> new WsFrameDecoder(1000).decode(wire, events));
    }

    @Test
    void decodesTheRfcExamples() throws Exception {
        // Section 5.7: an unmasked "Hello", then the same in two fragments, then an unmasked ping.
        ByteBuffer wire = concat(bytes(0x81, 0x05, 0x48, 0x65, 0x6c, 0x6c, 0x6f),
                bytes(0x01, 0x03, 0x48, 0x65, 0x6c), bytes(0x80, 0x02, 0x6c, 0x6f),
                bytes(0x89, 0x05, 0x48, 0x65, 0x6c, 0x6c, 0x6f));
        assertEquals(0, new WsFrameDecoder(1000).decode(wire, events));
        assertEquals(List.of("text:Hello", "text:Hello", "ping:48656c6c6f"), events.log);
    }

    @Test
    void anIncompleteFrameIsLeftWithTheBytesItNeeds() throws Exception {
        WsFrameDecoder d = new WsFrameDecoder(100_000);
        assertEquals(2, d.decode(bytes(0x81), events));
        assertEquals(4, d.decode(bytes(0x81, 126, 0x01), events));
        assertEquals(10, d.decode(bytes(0x82, 127, 0, 0, 0), events));
        ByteBuffer partial = bytes(0x81, 126, 0x01, 0x00, 'a');
        assertEquals(4 + 256, d.decode(partial, events));
        assertEquals(0, partial.position(), "an incomplete frame is not consumed");
        assertTrue(events.log.isEmpty());
    }

    @Test
    void lengthsAtTheEdgesOfTheirEncodings() throws Exception {
        for (int n : new int[] {0, 125, 126, 0xFFFF, 0x10000, 70_000}) {
            byte[] payload = "x".repeat(n).getBytes(StandardCharsets.US_ASCII);
            WsFramesPropertiesTest.Events got = new WsFramesPropertiesTest.Events();
            assertEquals(0, new WsFrameDecoder(100_000).decode(frame(WsFrameEncoder.TEXT, true, payload), got));
            assertEquals(List.of("text:" + "x".repeat(n)), got.log, "length " + n);
        }
    }

    @Test
    void closeFramesGiveTheirCodeAndReason() throws Exception {
        new WsFrameDecoder(1000).decode(concat(
                frame(WsFrameEncoder.CLOSE, true, WsFrameEncoder.closePayload(1001, "going away")),
                frame(WsFrameEncoder.CLOSE, true, new byte[0])), events);
        assertEquals(List.of("close:1001:going away", "close:1005:"), events.log);
    }

    @Test
    void refusesWhatTheRfcForbids() {
        assertEquals(WsProtocolException.PROTOCOL_ERROR, refused(bytes(0x81, 0x81, 1, 2, 3, 4, 'a')).closeCode(),
                "a masked server frame");
        assertTrue(refused(bytes(0x81, 0x81, 1, 2, 3, 4, 'a')).getMessage().contains("masked"));
        assertTrue(refused(bytes(0xC1, 0x00)).getMessage().contains("reserved"), "RSV1 without an extension");
        assertTrue(refused(bytes(0x83, 0x00)).getMessage().contains("opcode 3"));
        assertTrue(refused(bytes(0x8B, 0x00)).getMessage().contains("opcode 11"));
        assertTrue(refused(bytes(0x09, 0x00)).getMessage().contains("fragmented control"));
        assertTrue(refused(bytes(0x89, 126, 0, 126)).getMessage().contains("125"));
        assertTrue(refused(bytes(0x80, 0x00)).getMessage().contains("continuation"));
        assertTrue(refused(concat(bytes(0x01, 0x01, 'a'), bytes(0x81, 0x01, 'b'))).getMessage()
                .contains("before the fragmented one ended"));
        assertTrue(refused(bytes(0x88, 0x01, 0x03)).getMessage().contains("one-byte"));
        assertTrue(refused(bytes(0x82, 127, 0x80, 0, 0, 0, 0, 0, 0, 0)).getMessage().contains("2^63"));
        WsProtocolException utf8 = refused(bytes(0x81, 0x02, 0xC3, 0x28));
        assertEquals(WsProtocolException.NOT_UTF8, utf8.closeCode());
        assertTrue(events.log.isEmpty());
    }

    @Test
    void aFrameOverTheBoundFailsOnItsHeaderAlone() {
        // Only the header came: the bound is known to be broken before any payload is read.
        WsProtocolException e = assertThrows(WsProtocolException.class,
                () -> new WsFrameDecoder(1000).decode(bytes(0x82, 126, 0x03, 0xE9), events));
        assertEquals(WsProtocolException.TOO_BIG, e.closeCode());
        assertTrue(e.getMessage().contains("1001 bytes"), e.getMessage());
    }

    @Test
    void fragmentsOverTheBoundFailTogether() throws Exception {
        WsFrameDecoder d = new WsFrameDecoder(10);
        d.decode(frame(WsFrameEncoder.TEXT, false, "123456".getBytes(StandardCharsets.US_ASCII)), events);
        WsProtocolException e = assertThrows(WsProtocolException.class,
                () -> d.decode(frame(WsFrameEncoder.CONTINUATION, true, "78901".getBytes(StandardCharsets.US_ASCII)), events));
        assertEquals(WsProtocolException.TOO_BIG, e.closeCode());
        assertTrue(events.log.isEmpty());
    }

    @Test
    void aConnectionsOwnBufferGrowsForALargeFrameAndIsDroppedAfter() throws Exception {
        byte[] big = "y".repeat(5000).getBytes(StandardCharsets.US_ASCII);
        ByteBuffer wire = concat(frame(WsFrameEncoder.TEXT, true, big), frame(WsFrameEncoder.TEXT, true, new byte[] {'z'}));
        byte[] all = new byte[wire.remaining()];
        wire.get(all);
        WsReadBuffer rb = new WsReadBuffer();
        ByteBuffer shared = ByteBuffer.allocate(512);
        WsFrameDecoder d = new WsFrameDecoder(100_000);
        int max = 0;
        int off = 0;
        while (off < all.length) {
            ByteBuffer buf = rb.next(shared);
            int n = Math.min(buf.remaining(), all.length - off);
            buf.put(all, off, n).flip();
            off += n;
            rb.keep(buf, d.decode(buf, events));
            max = Math.max(max, rb.capacity());
        }
        assertEquals(4 + 5000, max, "grown to exactly the large frame");
        assertEquals(0, rb.capacity(), "and dropped once it was whole");
        assertEquals(List.of("text:" + "y".repeat(5000), "text:z"), events.log);
    }
}
