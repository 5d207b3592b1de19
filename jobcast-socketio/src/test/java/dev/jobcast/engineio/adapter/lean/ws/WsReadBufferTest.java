package dev.jobcast.engineio.adapter.lean.ws;

import static dev.jobcast.engineio.adapter.lean.ws.Wire.concat;
import static dev.jobcast.engineio.adapter.lean.ws.Wire.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.jobcast.engineio.adapter.lean.ws.WsFrameDecoder.Role;
import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** A connection's read buffer: bytes of its own only while a frame (RFC 6455 5.2) is incomplete. */
class WsReadBufferTest {

    @ParameterizedTest
    @EnumSource(Role.class)
    void aConnectionsOwnBufferGrowsForALargeFrameAndIsDroppedAfter(Role role) throws Exception {
        byte[] all = concat(Wire.from(role, 0x81, utf8("y".repeat(5000))), Wire.from(role, 0x81, utf8("z")));
        Events events = new Events();
        WsReadBuffer rb = new WsReadBuffer();
        ByteBuffer shared = ByteBuffer.allocate(512);
        WsFrameDecoder d = new WsFrameDecoder(role, 100_000);
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
        int header = WsFrameEncoder.headerLength(5000, role == Role.SERVER);
        assertEquals(header + 5000, max, "grown to exactly the large frame");
        assertEquals(0, rb.capacity(), "and dropped once it was whole");
        assertEquals(0, rb.held());
        assertEquals(List.of("text:" + "y".repeat(5000), "text:z"), events.log);
    }

    @ParameterizedTest
    @EnumSource(Role.class)
    void aSmallIncompleteFrameIsHeldAndPutFirstInTheSharedBuffer(Role role) throws Exception {
        byte[] frame = Wire.from(role, 0x81, utf8("hello"));
        WsReadBuffer rb = new WsReadBuffer();
        ByteBuffer shared = ByteBuffer.allocate(64);
        WsFrameDecoder d = new WsFrameDecoder(role, 100);
        Events events = new Events();
        ByteBuffer buf = rb.next(shared);
        buf.put(frame, 0, 3).flip();
        rb.keep(buf, d.decode(buf, events));
        assertEquals(3, rb.held());
        buf = rb.next(shared);
        assertSame(shared, buf, "a frame smaller than the shared buffer goes back into it");
        buf.put(frame, 3, frame.length - 3).flip();
        rb.keep(buf, d.decode(buf, events));
        assertEquals(0, rb.held());
        assertEquals(List.of("text:hello"), events.log);
    }
}
