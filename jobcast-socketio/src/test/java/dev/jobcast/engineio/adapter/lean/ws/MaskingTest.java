package dev.jobcast.engineio.adapter.lean.ws;

import static dev.jobcast.engineio.adapter.lean.ws.Wire.concat;
import static dev.jobcast.engineio.adapter.lean.ws.Wire.refusal;
import static dev.jobcast.engineio.adapter.lean.ws.Wire.utf8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jobcast.engineio.adapter.lean.ws.WsFrameDecoder.Role;
import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Masking by role (RFC 6455 sections 5.1 and 5.3): a server fails a connection whose client
 * does not mask, a client one whose server does; and unmasking works on every kind of buffer.
 */
class MaskingTest {

    private static WsFrameDecoder decoder(Role role) {
        return new WsFrameDecoder(role, 1000);
    }

    @Test
    void aServerRefusesAnUnmaskedFrame() {
        for (int first : new int[] {0x81, 0x82, 0x01, 0x88, 0x89, 0x8A}) {
            WsProtocolException e = assertThrows(WsProtocolException.class, () -> decoder(Role.SERVER)
                    .decode(ByteBuffer.wrap(Wire.server(first, utf8("ab"))), new Events()));
            assertEquals(WsCloseCodes.PROTOCOL_ERROR, e.closeCode(), "opcode byte " + first);
            assertTrue(e.getMessage().contains("unmasked"), e.getMessage());
        }
    }

    @Test
    void aClientRefusesAMaskedFrame() {
        for (int first : new int[] {0x81, 0x82, 0x01, 0x88, 0x89, 0x8A}) {
            WsProtocolException e = assertThrows(WsProtocolException.class, () -> decoder(Role.CLIENT)
                    .decode(ByteBuffer.wrap(Wire.client(first, utf8("ab"))), new Events()));
            assertEquals(WsCloseCodes.PROTOCOL_ERROR, e.closeCode(), "opcode byte " + first);
            assertTrue(e.getMessage().contains("masked server frame"), e.getMessage());
        }
    }

    @Test
    void theMaskBitIsCheckedOnItsTwoBytesAlone() {
        // Before any payload or key comes: the frame is wrong whatever follows.
        assertEquals(WsCloseCodes.PROTOCOL_ERROR, refusal(decoder(Role.SERVER), Wire.bytes(0x82, 0x7E)));
        assertEquals(WsCloseCodes.PROTOCOL_ERROR, refusal(decoder(Role.CLIENT), Wire.bytes(0x82, 0xFE)));
    }

    @Test
    void aZeroKeyIsStillAMaskedFrame() throws Exception {
        byte[] wire = Wire.frame(0x81, utf8("plain"), true, 0);
        assertEquals(List.of("text:plain"), Wire.decodeAll(decoder(Role.SERVER), wire).log);
    }

    @Test
    void everyKindOfBufferIsUnmasked() throws Exception {
        byte[] wire = concat(Wire.client(0x81, utf8("héllo")), Wire.client(0x82, utf8("bin")),
                Wire.client(0x01, utf8("frag")), Wire.client(0x89, utf8("p")), Wire.client(0x80, utf8("ment")),
                Wire.client(0x88, WsFrameEncoder.closePayload(1000, "bye")));
        for (Wire.Kind kind : Wire.Kind.values()) {
            Events events = new Events();
            ByteBuffer in = Wire.buffer(wire, kind);
            assertEquals(0, decoder(Role.SERVER).decode(in, events), kind.name());
            assertEquals(List.of("text:héllo", "binary:" + Events.hex(utf8("bin")), "ping:" + Events.hex(utf8("p")),
                    "text:fragment", "close:1000:bye"), events.log, kind.name());
        }
    }

    @Test
    void aReadOnlyBufferIsLeftAsItWas() throws Exception {
        byte[] wire = Wire.client(0x81, utf8("text"));
        byte[] backing = wire.clone();
        decoder(Role.SERVER).decode(ByteBuffer.wrap(backing).asReadOnlyBuffer(), new Events());
        assertArrayEquals(wire, backing, "unmasked in a copy, not in the bytes it must not change");
    }
}
