// Properties of the Engine.IO v4 codec ("Packet encoding"): lossless round trips and
// total decoding (a value or an EioDecodeException, never another exception).
package dev.jobcast.engineio.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class EioCodecPropertiesTest {

    @Property
    void payloadRoundTrips(@ForAll("payloads") List<EioPacket> packets) throws Exception {
        assertEquals(packets, EioCodec.decodePayload(EioCodec.encodePayload(packets)));
    }

    @Property
    void textFrameRoundTrips(@ForAll("textPackets") EioPacket packet) throws Exception {
        assertEquals(packet, EioCodec.decodeText(EioCodec.encodeText(packet)));
    }

    @Property
    void binaryFrameRoundTrips(@ForAll byte[] bytes) {
        assertEquals(EioPacket.message(bytes), EioCodec.decodeBinaryFrame(bytes.clone()));
    }

    @Property(tries = 3000)
    void decodePayloadIsTotal(@ForAll("wireLike") String body) {
        try {
            List<EioPacket> packets = EioCodec.decodePayload(body);
            assertEquals(body.chars().filter(c -> c == EioCodec.RECORD_SEPARATOR).count() + 1,
                    packets.size());
        } catch (EioDecodeException expected) {
            // the only failure allowed
        }
    }

    @Property(tries = 3000)
    void decodeTextIsTotal(@ForAll("wireLike") String frame) {
        try {
            EioCodec.decodeText(frame);
        } catch (EioDecodeException expected) {
            // the only failure allowed
        }
    }

    @Provide
    Arbitrary<List<EioPacket>> payloads() {
        Arbitrary<String> noSeparator = Arbitraries.strings().excludeChars(EioCodec.RECORD_SEPARATOR);
        Arbitrary<EioPacket> text = Combinators
                .combine(Arbitraries.of(EioType.class), noSeparator)
                .as((t, s) -> new EioPacket(t, s, null));
        Arbitrary<EioPacket> binary = Arbitraries.bytes().array(byte[].class).ofMaxSize(64)
                .map(EioPacket::message);
        return Arbitraries.oneOf(text, binary).list().ofMinSize(1).ofMaxSize(20);
    }

    @Provide
    Arbitrary<EioPacket> textPackets() {
        return Combinators.combine(Arbitraries.of(EioType.class), Arbitraries.strings())
                .as((t, s) -> new EioPacket(t, s, null));
    }

    /** Mostly characters that mean something on the wire, so the decoder's branches get hit. */
    @Provide
    Arbitrary<String> wireLike() {
        Arbitrary<String> alphabet = Arbitraries.strings()
                .withChars("0123456789b\u001eAQIDBA=+/-_ x")
                .ofMaxLength(40);
        return Arbitraries.oneOf(alphabet, Arbitraries.strings());
    }
}
