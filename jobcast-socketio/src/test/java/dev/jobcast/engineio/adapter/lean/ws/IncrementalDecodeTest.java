package dev.jobcast.engineio.adapter.lean.ws;

import static dev.jobcast.engineio.adapter.lean.ws.Wire.bytes;
import static dev.jobcast.engineio.adapter.lean.ws.Wire.concat;
import static dev.jobcast.engineio.adapter.lean.ws.Wire.utf8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jobcast.engineio.adapter.lean.ws.WsFrameDecoder.Role;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Decoding as bytes arrive (RFC 6455 section 5.2 framing over a stream): whole frames are
 * used, an incomplete one is left where it starts, with the size its header tells so far.
 */
class IncrementalDecodeTest {

    private final Events events = new Events();

    private int need(Role role, byte[] bytes) throws WsProtocolException {
        ByteBuffer in = ByteBuffer.wrap(bytes);
        int need = new WsFrameDecoder(role, 100_000).decode(in, events);
        assertEquals(0, in.position(), "an incomplete frame is not consumed");
        return need;
    }

    @Test
    void anEmptyBufferNeedsNothing() throws Exception {
        assertEquals(0, new WsFrameDecoder(Role.SERVER, 10).decode(ByteBuffer.allocate(0), events));
    }

    @Test
    void aServersFrameNeedsWhatItsHeaderTells() throws Exception {
        assertEquals(2, need(Role.CLIENT, bytes(0x81)));
        assertEquals(4, need(Role.CLIENT, bytes(0x81, 126, 0x01)));
        assertEquals(10, need(Role.CLIENT, bytes(0x82, 127, 0, 0, 0)));
        assertEquals(4 + 256, need(Role.CLIENT, bytes(0x81, 126, 0x01, 0x00, 'a')));
        assertEquals(2 + 5, need(Role.CLIENT, bytes(0x81, 5, 'a')));
        assertTrue(events.log.isEmpty());
    }

    @Test
    void aClientsFrameNeedsItsMaskingKeyToo() throws Exception {
        assertEquals(2, need(Role.SERVER, bytes(0x81)));
        // Once the length is there, the whole frame's size is known, key or no key.
        assertEquals(6 + 5, need(Role.SERVER, bytes(0x81, 0x85)));
        assertEquals(6 + 5, need(Role.SERVER, bytes(0x81, 0x85, 1, 2)));
        assertEquals(6 + 5, need(Role.SERVER, bytes(0x81, 0x85, 1, 2, 3, 4)));
        assertEquals(8, need(Role.SERVER, bytes(0x81, 0xFE, 0x01)));
        assertEquals(8 + 256, need(Role.SERVER, bytes(0x81, 0xFE, 0x01, 0x00, 1, 2, 3, 4, 'a')));
        assertEquals(14, need(Role.SERVER, bytes(0x82, 0xFF, 0, 0, 0, 0, 0, 1, 0)));
        assertTrue(events.log.isEmpty());
    }

    @Test
    void wholeFramesAreUsedAndTheIncompleteOneIsLeft() throws Exception {
        byte[] second = Wire.client(0x81, utf8("second"));
        byte[] wire = concat(Wire.client(0x81, utf8("first")), Arrays.copyOf(second, 9));
        ByteBuffer in = ByteBuffer.wrap(wire);
        WsFrameDecoder d = new WsFrameDecoder(Role.SERVER, 100);
        assertEquals(second.length, d.decode(in, events));
        assertEquals(wire.length - 9, in.position());
        assertEquals(List.of("text:first"), events.log);
        ByteBuffer rest = ByteBuffer.wrap(concat(Arrays.copyOfRange(wire, in.position(), wire.length),
                Arrays.copyOfRange(second, 9, second.length)));
        assertEquals(0, d.decode(rest, events));
        assertEquals(List.of("text:first", "text:second"), events.log);
    }

    @Test
    void oneByteAtATimeInEveryKindOfBuffer() throws Exception {
        byte[] wire = concat(Wire.client(0x01, utf8("frag")), Wire.client(0x89, utf8("p")),
                Wire.client(0x80, utf8("ment")), Wire.client(0x82, new byte[300]), Wire.client(0x88, new byte[0]));
        for (Wire.Kind kind : Wire.Kind.values()) {
            Events got = new Events();
            byte[] left = Wire.feed(wire, List.of(1), kind, new WsFrameDecoder(Role.SERVER, 1000), got);
            assertArrayEquals(new byte[0], left, kind.name());
            assertEquals(List.of("ping:70", "text:fragment", "binary:" + Events.hex(new byte[300]), "close:1005:"),
                    got.log, kind.name());
        }
    }
}
