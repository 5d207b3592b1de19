package dev.jobcast.engineio.adapter.lean.ws;

import static dev.jobcast.engineio.adapter.lean.ws.Wire.bytes;
import static dev.jobcast.engineio.adapter.lean.ws.Wire.concat;
import static dev.jobcast.engineio.adapter.lean.ws.Wire.decodeAll;
import static dev.jobcast.engineio.adapter.lean.ws.Wire.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jobcast.engineio.adapter.lean.ws.WsFrameDecoder.Role;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The bound on a message (RFC 6455 section 10.4 asks for one): over it, the connection fails
 * with 1009, known from a header alone, before this end buffers a byte of the payload.
 */
class MessageBoundTest {

    private final Events events = new Events();

    private WsProtocolException tooBig(WsFrameDecoder d, byte[] wire) {
        WsProtocolException e = assertThrows(WsProtocolException.class, () -> d.decode(ByteBuffer.wrap(wire), events));
        assertEquals(WsCloseCodes.TOO_BIG, e.closeCode(), e.getMessage());
        return e;
    }

    @Test
    void a16BitLengthOverTheBoundFailsOnItsHeader() {
        // Four bytes of a client's frame: its length is there, its masking key not yet.
        WsProtocolException e = tooBig(new WsFrameDecoder(Role.SERVER, 1000), bytes(0x82, 0xFE, 0x03, 0xE9));
        assertTrue(e.getMessage().contains("1001 bytes"), e.getMessage());
        tooBig(new WsFrameDecoder(Role.CLIENT, 1000), bytes(0x81, 0x7E, 0x03, 0xE9));
    }

    @Test
    void a64BitLengthOverTheBoundFailsOnItsHeader() {
        tooBig(new WsFrameDecoder(Role.SERVER, 1 << 20), bytes(0x82, 0xFF, 0, 0, 0, 1, 0, 0, 0, 0));
        tooBig(new WsFrameDecoder(Role.CLIENT, Integer.MAX_VALUE - WsFrameEncoder.MAX_HEADER),
                bytes(0x82, 0x7F, 0x7F, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF));
    }

    @Test
    void aMessageOfExactlyTheBound() throws Exception {
        byte[] payload = new byte[1000];
        Arrays.fill(payload, (byte) 'x');
        assertEquals(List.of("text:" + "x".repeat(1000)),
                decodeAll(new WsFrameDecoder(Role.SERVER, 1000), Wire.client(0x81, payload)).log);
        assertEquals(List.of("text:"), decodeAll(new WsFrameDecoder(Role.SERVER, 0), Wire.client(0x81, new byte[0])).log);
    }

    @Test
    void fragmentsCountTogether() throws Exception {
        WsFrameDecoder d = new WsFrameDecoder(Role.SERVER, 10);
        assertEquals(0, d.decode(ByteBuffer.wrap(Wire.client(0x01, utf8("123456"))), events));
        // The header of the fragment that crosses the bound is enough.
        byte[] next = Wire.client(0x80, utf8("78901"));
        WsProtocolException e = tooBig(d, Arrays.copyOf(next, 2));
        assertTrue(e.getMessage().contains("11 bytes"), e.getMessage());
        assertTrue(events.log.isEmpty());
    }

    @Test
    void fragmentsUpToTheBound() throws Exception {
        byte[] wire = concat(Wire.client(0x02, utf8("12345")), Wire.client(0x00, utf8("678")),
                Wire.client(0x80, utf8("90")));
        assertEquals(List.of("binary:" + Events.hex(utf8("1234567890"))),
                decodeAll(new WsFrameDecoder(Role.SERVER, 10), wire).log);
    }

    @Test
    void controlFramesHaveTheirOwnBoundOf125() throws Exception {
        byte[] ping = new byte[100];
        assertEquals(List.of("ping:" + Events.hex(ping)),
                decodeAll(new WsFrameDecoder(Role.SERVER, 10), Wire.client(0x89, ping)).log);
    }

    @Test
    void aBoundNoBufferCouldHoldIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new WsFrameDecoder(Role.SERVER, -1));
        assertThrows(IllegalArgumentException.class, () -> new WsFrameDecoder(Role.SERVER, Integer.MAX_VALUE));
    }
}
