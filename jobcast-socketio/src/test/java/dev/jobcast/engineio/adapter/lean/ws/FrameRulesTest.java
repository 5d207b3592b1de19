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
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The framing rules of RFC 6455 sections 5.2 to 5.5 that fail a connection with 1002, for
 * either role; and what they allow, control frames between fragments.
 */
class FrameRulesTest {

    private static WsProtocolException refused(Role role, byte[]... frames) {
        Events events = new Events();
        WsProtocolException e = assertThrows(WsProtocolException.class,
                () -> new WsFrameDecoder(role, 1000).decode(ByteBuffer.wrap(concat(frames)), events));
        assertEquals(WsCloseCodes.PROTOCOL_ERROR, e.closeCode(), e.getMessage());
        return e;
    }

    private static String refusal(Role role, byte[]... frames) {
        return refused(role, frames).getMessage();
    }

    @ParameterizedTest
    @EnumSource(Role.class)
    void reservedBitsWithoutAnExtension(Role role) {
        for (int rsv : new int[] {0x40, 0x20, 0x10}) {
            assertTrue(refusal(role, Wire.from(role, 0x81 | rsv, utf8("a"))).contains("reserved"));
            assertTrue(refusal(role, Wire.from(role, 0x89 | rsv, utf8("a"))).contains("reserved"));
        }
    }

    @ParameterizedTest
    @EnumSource(Role.class)
    void unknownOpcodes(Role role) {
        for (int opcode : new int[] {3, 4, 5, 6, 7, 0xB, 0xC, 0xD, 0xE, 0xF}) {
            assertTrue(refusal(role, Wire.from(role, 0x80 | opcode, new byte[0])).contains("opcode " + opcode));
        }
    }

    @ParameterizedTest
    @EnumSource(Role.class)
    void aFragmentedControlFrame(Role role) {
        for (int opcode : new int[] {WsFrameEncoder.CLOSE, WsFrameEncoder.PING, WsFrameEncoder.PONG}) {
            assertTrue(refusal(role, Wire.from(role, opcode, new byte[0])).contains("fragmented control"));
        }
    }

    @ParameterizedTest
    @EnumSource(Role.class)
    void aControlFrameOf126Bytes(Role role) {
        for (int first : new int[] {0x88, 0x89, 0x8A}) {
            byte[] frame = Wire.from(role, first, new byte[126]);
            assertTrue(refusal(role, frame).contains("125"));
            // Its second byte says it already: the payload is never waited for.
            assertTrue(refusal(role, new byte[] {frame[0], frame[1]}).contains("125"));
        }
    }

    @ParameterizedTest
    @EnumSource(Role.class)
    void aControlFrameOf125BytesIsFine(Role role) throws Exception {
        byte[] payload = new byte[125];
        assertEquals(List.of("ping:" + Events.hex(payload)),
                decodeAll(new WsFrameDecoder(role, 10), Wire.from(role, 0x89, payload)).log);
    }

    @ParameterizedTest
    @EnumSource(Role.class)
    void aContinuationWithoutAMessageToContinue(Role role) {
        assertTrue(refusal(role, Wire.from(role, 0x80, utf8("x"))).contains("continuation"));
        assertTrue(refusal(role, Wire.from(role, 0x00, utf8("x"))).contains("continuation"));
        // Nor after a fragmented message has ended.
        assertTrue(refusal(role, Wire.from(role, 0x01, utf8("a")), Wire.from(role, 0x80, utf8("b")),
                Wire.from(role, 0x80, utf8("c"))).contains("continuation"));
    }

    @ParameterizedTest
    @EnumSource(Role.class)
    void aNewMessageWhileAFragmentedOneIsOpen(Role role) {
        for (int first : new int[] {0x81, 0x82, 0x01, 0x02}) {
            assertTrue(refusal(role, Wire.from(role, 0x01, utf8("a")), Wire.from(role, first, utf8("b")))
                    .contains("before the fragmented one ended"));
        }
    }

    @ParameterizedTest
    @EnumSource(Role.class)
    void aLengthWithItsTopBitSet(Role role) {
        byte[] header = bytes(0x82, 127, 0x80, 0, 0, 0, 0, 0, 0, 0);
        if (role == Role.SERVER) {
            header[1] |= (byte) 0x80;
        }
        assertTrue(refusal(role, header).contains("most significant bit"));
    }

    @ParameterizedTest
    @EnumSource(Role.class)
    void controlFramesMayComeBetweenFragments(Role role) throws Exception {
        byte[] wire = concat(Wire.from(role, 0x01, utf8("He")), Wire.from(role, 0x89, utf8("a")),
                Wire.from(role, 0x00, utf8("l")), Wire.from(role, 0x8A, utf8("b")),
                Wire.from(role, 0x88, WsFrameEncoder.closePayload(1001, "")), Wire.from(role, 0x80, utf8("lo")));
        assertEquals(List.of("ping:61", "pong:62", "close:1001:", "text:Hello"),
                decodeAll(new WsFrameDecoder(role, 1000), wire).log);
    }

    @ParameterizedTest
    @EnumSource(Role.class)
    void framesBeforeTheBadOneAreDelivered(Role role) {
        Events events = new Events();
        byte[] wire = concat(Wire.from(role, 0x81, utf8("ok")), Wire.from(role, 0xC1, utf8("bad")),
                Wire.from(role, 0x81, utf8("never")));
        assertThrows(WsProtocolException.class,
                () -> new WsFrameDecoder(role, 1000).decode(ByteBuffer.wrap(wire), events));
        assertEquals(List.of("text:ok"), events.log);
    }
}
