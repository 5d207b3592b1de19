package dev.jobcast.engineio.adapter.lean.ws;

import static dev.jobcast.engineio.adapter.lean.ws.Wire.bytes;
import static dev.jobcast.engineio.adapter.lean.ws.Wire.concat;
import static dev.jobcast.engineio.adapter.lean.ws.Wire.decodeAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The examples of RFC 6455 section 5.7, byte for byte, both decoded and encoded. */
class RfcExamplesTest {

    private static final byte[] HELLO = bytes(0x48, 0x65, 0x6c, 0x6c, 0x6f);
    private static final byte[] UNMASKED_HELLO = bytes(0x81, 0x05, 0x48, 0x65, 0x6c, 0x6c, 0x6f);
    private static final byte[] MASKED_HELLO =
            bytes(0x81, 0x85, 0x37, 0xfa, 0x21, 0x3d, 0x7f, 0x9f, 0x4d, 0x51, 0x58);

    private static WsFrameDecoder server() {
        return new WsFrameDecoder(WsFrameDecoder.Role.SERVER, 100_000);
    }

    private static WsFrameDecoder client() {
        return new WsFrameDecoder(WsFrameDecoder.Role.CLIENT, 100_000);
    }

    @Test
    void aSingleFrameUnmaskedText() throws Exception {
        assertEquals(List.of("text:Hello"), decodeAll(client(), UNMASKED_HELLO).log);
        assertArrayEquals(UNMASKED_HELLO, WsFrameEncoder.serverText("Hello"));
    }

    @Test
    void aSingleFrameMaskedText() throws Exception {
        assertEquals(List.of("text:Hello"), decodeAll(server(), MASKED_HELLO).log);
        assertArrayEquals(MASKED_HELLO, array(WsFrameEncoder.clientText("Hello", Wire.MASK_KEY)));
    }

    @Test
    void aFragmentedUnmaskedText() throws Exception {
        byte[] wire = concat(bytes(0x01, 0x03, 0x48, 0x65, 0x6c), bytes(0x80, 0x02, 0x6c, 0x6f));
        assertEquals(List.of("text:Hello"), decodeAll(client(), wire).log);
        byte[] encoded = new byte[wire.length];
        int at = WsFrameEncoder.writeFrame(encoded, 0, WsFrameEncoder.TEXT, false, HELLO, 0, 3, false, 0);
        WsFrameEncoder.writeFrame(encoded, at, WsFrameEncoder.CONTINUATION, true, HELLO, 3, 2, false, 0);
        assertArrayEquals(wire, encoded);
    }

    @Test
    void anUnmaskedPing() throws Exception {
        byte[] wire = bytes(0x89, 0x05, 0x48, 0x65, 0x6c, 0x6c, 0x6f);
        assertEquals(List.of("ping:48656c6c6f"), decodeAll(client(), wire).log);
        assertArrayEquals(wire, WsFrameEncoder.serverPing(HELLO));
    }

    @Test
    void aMaskedPong() throws Exception {
        byte[] wire = bytes(0x8a, 0x85, 0x37, 0xfa, 0x21, 0x3d, 0x7f, 0x9f, 0x4d, 0x51, 0x58);
        assertEquals(List.of("pong:48656c6c6f"), decodeAll(server(), wire).log);
        assertArrayEquals(wire, array(WsFrameEncoder.clientPong(HELLO, Wire.MASK_KEY)));
    }

    @Test
    void a256ByteBinaryTakesA16BitLength() throws Exception {
        byte[] payload = pattern(256);
        byte[] wire = concat(bytes(0x82, 0x7E, 0x01, 0x00), payload);
        assertEquals(List.of("binary:" + Events.hex(payload)), decodeAll(client(), wire).log);
        assertArrayEquals(wire, WsFrameEncoder.serverBinary(payload));
        assertEquals(4, WsFrameEncoder.headerLength(256, false));
    }

    @Test
    void a64KiBBinaryTakesA64BitLength() throws Exception {
        byte[] payload = pattern(65536);
        byte[] wire = concat(bytes(0x82, 0x7F, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00), payload);
        assertEquals(List.of("binary:" + Events.hex(payload)), decodeAll(client(), wire).log);
        assertArrayEquals(wire, WsFrameEncoder.serverBinary(payload));
        assertEquals(10, WsFrameEncoder.headerLength(65536, false));
    }

    @Test
    void theLongExamplesMaskedAsAClientSendsThem() throws Exception {
        for (int n : new int[] {256, 65536}) {
            byte[] payload = pattern(n);
            byte[] wire = array(WsFrameEncoder.clientBinary(payload, Wire.MASK_KEY));
            assertArrayEquals(Wire.client(0x82, payload), wire);
            assertEquals(List.of("binary:" + Events.hex(payload)), decodeAll(server(), wire).log, "length " + n);
        }
    }

    private static byte[] pattern(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (i * 31);
        }
        return b;
    }

    private static byte[] array(ByteBuffer frame) {
        byte[] b = new byte[frame.remaining()];
        frame.get(b);
        return b;
    }
}
