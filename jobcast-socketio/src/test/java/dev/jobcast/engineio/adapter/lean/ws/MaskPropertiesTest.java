// Properties of masking (RFC 6455 section 5.3): a client's frames carry the key and unmask to
// their payload, and masking in pieces, as frames arrive, is masking at once.
package dev.jobcast.engineio.adapter.lean.ws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

class MaskPropertiesTest {

    @Property(tries = 200)
    void clientFramesAreMaskedAndUnmaskToTheirPayload(
            @ForAll @Size(max = 70_000) byte[] payload, @ForAll int maskKey,
            @ForAll @IntRange(min = 0, max = 2) int kind) {
        int opcode = kind == 0 ? WsFrameEncoder.TEXT : kind == 1 ? WsFrameEncoder.BINARY : WsFrameEncoder.CONTINUATION;
        ByteBuffer f = WsFrameEncoder.frame(opcode, true, payload, 0, payload.length, true, maskKey);
        assertEquals(0x80 | opcode, f.get() & 0xFF, "FIN and the opcode");
        int b1 = f.get() & 0xFF;
        assertEquals(0x80, b1 & 0x80, "the mask bit");
        long length = b1 & 0x7F;
        if (length == 126) {
            length = f.getShort() & 0xFFFF;
            assertTrue(length > 125, "the shortest length encoding");
        } else if (length == 127) {
            length = f.getLong();
            assertTrue(length > 0xFFFF, "the shortest length encoding");
        }
        assertEquals(payload.length, length);
        assertEquals(maskKey, f.getInt());
        byte[] body = new byte[f.remaining()];
        f.get(body);
        WsFrameEncoder.mask(body, 0, body.length, maskKey, 0);
        assertEquals(Events.hex(payload), Events.hex(body));
    }

    @Property(tries = 500)
    void maskingInPiecesIsMaskingAtOnce(@ForAll @Size(max = 50) byte[] data, @ForAll int key,
                                        @ForAll @IntRange(min = 0, max = 50) int split) {
        int s = Math.min(split, data.length);
        byte[] whole = data.clone();
        WsFrameEncoder.mask(whole, 0, whole.length, key, 0);
        byte[] pieces = data.clone();
        WsFrameEncoder.mask(pieces, 0, s, key, 0);
        WsFrameEncoder.mask(pieces, s, pieces.length - s, key, s);
        assertEquals(Events.hex(whole), Events.hex(pieces));
        WsFrameEncoder.mask(whole, 0, whole.length, key, 0);
        assertEquals(Events.hex(data), Events.hex(whole), "masking twice gives it back");
    }
}
