package dev.jobcast.engineio.adapter.lean.ws;

import static dev.jobcast.engineio.adapter.lean.ws.Wire.decodeAll;
import static dev.jobcast.engineio.adapter.lean.ws.Wire.utf8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jobcast.engineio.adapter.lean.ws.WsFrameDecoder.Role;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Frames out (RFC 6455 section 5.2): header sizes, headers and frames written side by side
 * into one buffer for one write, and each end's frames as its peer decodes them.
 */
class WsFrameEncoderTest {

    @Test
    void headerLengthsAtTheEdgesOfTheirEncodings() {
        long[][] cases = {{0, 2}, {125, 2}, {126, 4}, {0xFFFF, 4}, {0x10000, 10}, {1L << 40, 10}};
        for (long[] c : cases) {
            assertEquals(c[1], WsFrameEncoder.headerLength(c[0], false), "length " + c[0]);
            assertEquals(c[1] + 4, WsFrameEncoder.headerLength(c[0], true), "masked, length " + c[0]);
        }
        assertThrows(IllegalArgumentException.class, () -> WsFrameEncoder.headerLength(-1, false));
    }

    @Test
    void lengthsAtTheEdgesRoundTrip() throws Exception {
        for (int n : new int[] {0, 125, 126, 0xFFFF, 0x10000, 70_000}) {
            String text = "x".repeat(n);
            assertEquals(List.of("text:" + text),
                    decodeAll(new WsFrameDecoder(Role.CLIENT, 100_000), WsFrameEncoder.serverText(text)).log);
            ByteBuffer masked = WsFrameEncoder.clientText(text, n * 7919);
            assertEquals(List.of("text:" + text),
                    decodeAll(new WsFrameDecoder(Role.SERVER, 100_000), Arrays.copyOf(masked.array(), masked.limit())).log);
        }
    }

    @Test
    void framesWrittenSideBySideGoOutInOneWrite() throws Exception {
        byte[][] payloads = {utf8("42[\"update\",1]"), new byte[300], utf8("p")};
        int[] opcodes = {WsFrameEncoder.TEXT, WsFrameEncoder.BINARY, WsFrameEncoder.PING};
        for (boolean masked : new boolean[] {false, true}) {
            int size = 0;
            for (byte[] p : payloads) {
                size += WsFrameEncoder.headerLength(p.length, masked) + p.length;
            }
            byte[] out = new byte[size + 5];
            int at = 5;
            for (int i = 0; i < payloads.length; i++) {
                // Header and payload apart, as a transport that copies the payload itself does.
                int key = masked ? 0x01020304 * (i + 1) : 0;
                int body = WsFrameEncoder.writeHeader(out, at, opcodes[i], true, payloads[i].length, masked, key);
                assertEquals(at + WsFrameEncoder.headerLength(payloads[i].length, masked), body);
                System.arraycopy(payloads[i], 0, out, body, payloads[i].length);
                WsFrameEncoder.mask(out, body, payloads[i].length, key, 0);
                at = body + payloads[i].length;
            }
            assertEquals(out.length, at);
            Events got = decodeAll(new WsFrameDecoder(masked ? Role.SERVER : Role.CLIENT, 1000),
                    Arrays.copyOfRange(out, 5, out.length));
            assertEquals(List.of("text:42[\"update\",1]", "binary:" + Events.hex(new byte[300]), "ping:70"), got.log);
        }
    }

    @Test
    void aHeaderIntoAByteBufferIsBigEndianWhateverItsOrder() {
        for (ByteOrder order : new ByteOrder[] {ByteOrder.BIG_ENDIAN, ByteOrder.LITTLE_ENDIAN}) {
            ByteBuffer buf = ByteBuffer.allocate(20).order(order).position(3);
            WsFrameEncoder.writeHeader(buf, WsFrameEncoder.BINARY, false, 70_000, true, 0x0A0B0C0D);
            assertEquals(3 + 14, buf.position());
            byte[] expected = new byte[14];
            WsFrameEncoder.writeHeader(expected, 0, WsFrameEncoder.BINARY, false, 70_000, true, 0x0A0B0C0D);
            assertArrayEquals(expected, Arrays.copyOfRange(buf.array(), 3, 17), order.toString());
            assertArrayEquals(Wire.bytes(0x02, 0xFF, 0, 0, 0, 0, 0, 1, 0x11, 0x70, 0x0A, 0x0B, 0x0C, 0x0D), expected);
        }
    }

    @Test
    void eachEndsFramesDecodeAtTheOther() throws Exception {
        byte[] data = {1, 2, 3};
        byte[] server = Wire.concat(WsFrameEncoder.serverText("t"), WsFrameEncoder.serverBinary(data),
                WsFrameEncoder.serverPing(data), WsFrameEncoder.serverPong(data), WsFrameEncoder.serverClose(1001, "bye"));
        List<String> expected = List.of("text:t", "binary:010203", "ping:010203", "pong:010203", "close:1001:bye");
        assertEquals(expected, decodeAll(new WsFrameDecoder(Role.CLIENT, 100), server).log);
        ByteBuffer[] frames = {WsFrameEncoder.clientText("t", 1), WsFrameEncoder.clientBinary(data, 2),
            WsFrameEncoder.clientPing(data, 3), WsFrameEncoder.clientPong(data, 4), WsFrameEncoder.clientClose(1001, "bye", 5)};
        byte[] client = new byte[0];
        for (ByteBuffer f : frames) {
            assertEquals(0, f.position());
            client = Wire.concat(client, Arrays.copyOf(f.array(), f.limit()));
        }
        assertEquals(expected, decodeAll(new WsFrameDecoder(Role.SERVER, 100), client).log);
    }

    @Test
    void framesThePeerWouldRefuseAreNotMade() {
        assertThrows(IllegalArgumentException.class, () -> WsFrameEncoder.serverPing(new byte[126]));
        assertThrows(IllegalArgumentException.class, () -> WsFrameEncoder.clientPong(new byte[126], 1));
        assertThrows(IllegalArgumentException.class,
                () -> WsFrameEncoder.writeHeader(new byte[14], 0, WsFrameEncoder.PING, false, 0, false, 0));
        assertThrows(IllegalArgumentException.class,
                () -> WsFrameEncoder.writeHeader(new byte[14], 0, 0x10, true, 0, false, 0));
    }
}
