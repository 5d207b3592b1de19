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
 * Text messages must be UTF-8 (RFC 6455 sections 5.6 and 8.1), checked on the whole message
 * once it is put together; otherwise the connection fails with 1007.
 */
class Utf8Test {

    // Overlong "/", an encoded surrogate, past U+10FFFF, a lone continuation byte, cut short.
    private static final byte[][] NOT_UTF8 = {
        bytes(0xC0, 0xAF), bytes(0xED, 0xA0, 0x80), bytes(0xF4, 0x90, 0x80, 0x80), bytes(0x80), bytes(0xE2, 0x82),
        bytes('o', 'k', 0xC3, 0x28),
    };

    private static WsFrameDecoder decoder(Role role) {
        return new WsFrameDecoder(role, 1000);
    }

    @ParameterizedTest
    @EnumSource(Role.class)
    void textOfEveryLength(Role role) throws Exception {
        String text = "aé€😀";
        assertEquals(List.of("text:" + text), decodeAll(decoder(role), Wire.from(role, 0x81, utf8(text))).log);
    }

    @ParameterizedTest
    @EnumSource(Role.class)
    void aSingleFrameThatIsNotUtf8(Role role) {
        for (byte[] bad : NOT_UTF8) {
            assertEquals(WsCloseCodes.INVALID_DATA, Wire.refusal(decoder(role), Wire.from(role, 0x81, bad)),
                    Events.hex(bad));
        }
    }

    @ParameterizedTest
    @EnumSource(Role.class)
    void aCharacterCutBetweenFragments(Role role) throws Exception {
        byte[] euro = utf8("€");
        byte[] wire = concat(Wire.from(role, 0x01, new byte[] {euro[0]}), Wire.from(role, 0x00, new byte[] {euro[1]}),
                Wire.from(role, 0x80, new byte[] {euro[2]}));
        assertEquals(List.of("text:€"), decodeAll(decoder(role), wire).log);
    }

    @ParameterizedTest
    @EnumSource(Role.class)
    void badUtf8CutBetweenFragmentsFailsOnTheLast(Role role) throws Exception {
        WsFrameDecoder d = decoder(role);
        Events events = new Events();
        // C3 would start a two-byte character; 28 "(" cannot continue it.
        assertEquals(0, d.decode(ByteBuffer.wrap(Wire.from(role, 0x01, bytes('a', 0xC3))), events));
        WsProtocolException e = assertThrows(WsProtocolException.class,
                () -> d.decode(ByteBuffer.wrap(Wire.from(role, 0x80, bytes(0x28, 'b'))), events));
        assertEquals(WsCloseCodes.INVALID_DATA, e.closeCode());
        assertTrue(events.log.isEmpty());
    }

    @ParameterizedTest
    @EnumSource(Role.class)
    void aCharacterNeverFinished(Role role) {
        byte[] wire = concat(Wire.from(role, 0x01, bytes('a')), Wire.from(role, 0x80, bytes(0xF0, 0x9F, 0x98)));
        assertEquals(WsCloseCodes.INVALID_DATA, Wire.refusal(decoder(role), wire));
    }

    @ParameterizedTest
    @EnumSource(Role.class)
    void binaryIsNotChecked(Role role) throws Exception {
        for (byte[] bad : NOT_UTF8) {
            assertEquals(List.of("binary:" + Events.hex(bad)),
                    decodeAll(decoder(role), Wire.from(role, 0x82, bad)).log);
        }
    }
}
