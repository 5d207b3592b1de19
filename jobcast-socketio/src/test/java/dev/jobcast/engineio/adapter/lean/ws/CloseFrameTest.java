package dev.jobcast.engineio.adapter.lean.ws;

import static dev.jobcast.engineio.adapter.lean.ws.Wire.bytes;
import static dev.jobcast.engineio.adapter.lean.ws.Wire.concat;
import static dev.jobcast.engineio.adapter.lean.ws.Wire.decodeAll;
import static dev.jobcast.engineio.adapter.lean.ws.Wire.refusal;
import static dev.jobcast.engineio.adapter.lean.ws.Wire.utf8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jobcast.engineio.adapter.lean.ws.WsFrameDecoder.Role;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Close frames (RFC 6455 sections 5.5.1 and 7.4): which codes and reasons pass, both ways. */
class CloseFrameTest {

    private static WsFrameDecoder server() {
        return new WsFrameDecoder(Role.SERVER, 1000);
    }

    private static byte[] close(int code, byte[] reason) {
        return Wire.client(0x88, concat(bytes(code >>> 8, code), reason));
    }

    @Test
    void aCodeAndAReason() throws Exception {
        assertEquals(List.of("close:1001:going away"), decodeAll(server(), close(1001, utf8("going away"))).log);
        assertEquals(List.of("close:4000:fermé"), decodeAll(server(), close(4000, utf8("fermé"))).log);
    }

    @Test
    void noPayloadIsReportedAsNoStatus() throws Exception {
        assertEquals(List.of("close:1005:"), decodeAll(server(), Wire.client(0x88, new byte[0])).log);
    }

    @Test
    void aOneBytePayload() {
        assertEquals(WsCloseCodes.PROTOCOL_ERROR, refusal(server(), Wire.client(0x88, bytes(0x03))));
    }

    @Test
    void theCodesAFrameMayCarry() throws Exception {
        for (int code : new int[] {1000, 1001, 1002, 1003, 1007, 1008, 1009, 1010, 1011, 3000, 3999, 4000, 4999}) {
            assertEquals(List.of("close:" + code + ":"), decodeAll(server(), close(code, new byte[0])).log);
        }
    }

    @Test
    void codesNoFrameMayCarry() {
        // 1005, 1006 and 1015 stand for what has no frame (7.4.1); the rest is unassigned here,
        // including 1012-1014, which IANA registered after the RFC.
        for (int code : new int[] {0, 999, 1004, 1005, 1006, 1012, 1013, 1014, 1015, 1016, 2000, 2999, 5000, 65535}) {
            assertEquals(WsCloseCodes.PROTOCOL_ERROR, refusal(server(), close(code, new byte[0])), "code " + code);
            assertEquals(WsCloseCodes.PROTOCOL_ERROR, refusal(server(), close(code, utf8("why"))), "code " + code);
        }
    }

    @Test
    void aReasonThatIsNotUtf8() {
        assertEquals(WsCloseCodes.INVALID_DATA, refusal(server(), close(1000, bytes(0xC3, 0x28))));
        assertEquals(WsCloseCodes.INVALID_DATA, refusal(server(), close(1000, bytes(0xED, 0xA0, 0x80))));
    }

    @Test
    void aReasonOfTheMost123Bytes() throws Exception {
        String reason = "r".repeat(123);
        assertEquals(List.of("close:1000:" + reason), decodeAll(server(), close(1000, utf8(reason))).log);
    }

    @Test
    void theEncoderMakesTheSamePayload() {
        assertArrayEquals(bytes(0x03, 0xE9, 'b', 'y', 'e'), WsFrameEncoder.closePayload(1001, "bye"));
        assertArrayEquals(new byte[0], WsFrameEncoder.closePayload(WsCloseCodes.NO_STATUS, ""),
                "no status: an empty payload, so an echo of what was received is one call");
    }

    @Test
    void theEncoderRefusesCodesNoFrameMayCarry() {
        for (int code : new int[] {999, 1004, 1006, 1015, 2000, 5000}) {
            assertThrows(IllegalArgumentException.class, () -> WsFrameEncoder.closePayload(code, ""), "code " + code);
        }
        assertThrows(IllegalArgumentException.class, () -> WsFrameEncoder.closePayload(WsCloseCodes.NO_STATUS, "x"));
    }

    @Test
    void theEncoderCutsALongReasonOnACharacterBoundary() throws Exception {
        for (String unit : new String[] {"a", "é", "€", "😀"}) {
            String reason = unit.repeat(200);
            byte[] payload = WsFrameEncoder.closePayload(1000, reason);
            assertTrue(payload.length <= 125 && payload.length > 120, unit + ": " + payload.length);
            List<String> log = decodeAll(server(), Wire.client(0x88, payload)).log;
            String got = log.get(0).substring("close:1000:".length());
            assertTrue(reason.startsWith(got) && got.length() % unit.length() == 0, unit);
        }
    }
}
