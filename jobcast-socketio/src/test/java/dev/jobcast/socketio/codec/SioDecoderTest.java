// Golden vectors from the Socket.IO protocol v5 document ("Packet encoding" examples and
// "Sample session") and every rejection the decoder promises.
package dev.jobcast.socketio.codec;

import static dev.jobcast.socketio.codec.SioEncoderTest.array;
import static dev.jobcast.socketio.codec.SioEncoderTest.json;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SioDecoderTest {

    private static final String PH0 = "{\"_placeholder\":true,\"num\":0}";
    private static final String PH1 = "{\"_placeholder\":true,\"num\":1}";
    private static final byte[] B1234 = {1, 2, 3, 4};

    private final SioDecoder decoder = new SioDecoder(10);

    private SioPacket decode(String text) throws SioDecodeException {
        SioPacket p = decoder.onText(text);
        assertTrue(p != null, "expected a complete packet");
        return p;
    }

    @Test
    void connect() throws Exception {
        assertEquals(SioPacket.connect("/", null), decode("0"));
        assertEquals(SioPacket.connect("/admin", null), decode("0/admin,"));
        assertEquals(SioPacket.connect("/admin", json("{\"token\":\"123\"}")),
                decode("0/admin,{\"token\":\"123\"}"));
        assertEquals(SioPacket.connect("/admin", json("{\"sid\":\"oSO0OpakMV_3jnilAAAA\"}")),
                decode("0/admin,{\"sid\":\"oSO0OpakMV_3jnilAAAA\"}"));
    }

    @Test
    void namespaceWithoutCommaRunsToTheEnd() throws Exception {
        assertEquals(SioPacket.connect("/admin", null), decode("0/admin"));
        assertEquals(SioPacket.disconnect("/admin"), decode("1/admin"));
    }

    @Test
    void connectError() throws Exception {
        assertEquals(SioPacket.connectError("/", "Not authorized", null),
                decode("4{\"message\":\"Not authorized\"}"));
        SioPacket legacy = decode("4\"Not authorized\"");
        assertEquals(SioType.CONNECT_ERROR, legacy.type());
        assertEquals("Not authorized", legacy.data().textValue());
    }

    @Test
    void disconnect() throws Exception {
        assertEquals(SioPacket.disconnect("/"), decode("1"));
        assertEquals(SioPacket.disconnect("/admin"), decode("1/admin,"));
    }

    @Test
    void events() throws Exception {
        assertEquals(SioPacket.event("/", array("foo"), null), decode("2[\"foo\"]"));
        assertEquals(SioPacket.event("/admin", array("bar"), null), decode("2/admin,[\"bar\"]"));
        SioPacket hello = decode("2[\"hello\",1]");
        assertEquals(SioPacket.event("/", array("hello", 1), null), hello);
        assertEquals("hello", hello.eventName());
    }

    @Test
    void eventsWithAckId() throws Exception {
        assertEquals(SioPacket.event("/", array("foo"), 12L), decode("212[\"foo\"]"));
        assertEquals(SioPacket.event("/admin", array("project:delete", 123), 456L),
                decode("2/admin,456[\"project:delete\",123]"));
    }

    @Test
    void acks() throws Exception {
        assertEquals(SioPacket.ack("/admin", 456, array()), decode("3/admin,456[]"));
        assertEquals(SioPacket.ack("/admin", 13, array("bar")), decode("3/admin,13[\"bar\"]"));
    }

    @Test
    void binaryEvent() throws Exception {
        assertNull(decoder.onText("51-[\"hello\"," + PH0 + "]"));
        SioPacket p = decoder.onBinary(B1234);
        assertEquals(SioType.EVENT, p.type());
        assertEquals(SioPacket.event("/", array("hello", B1234), null), p);
        assertArrayEquals(B1234, p.data().get(1).binaryValue());
    }

    @Test
    void binaryEventWithMultipleAttachments() throws Exception {
        assertNull(decoder.onText("52-/admin,[\"baz\"," + PH0 + "," + PH1 + "]"));
        assertNull(decoder.onBinary(new byte[] {1, 2}));
        SioPacket p = decoder.onBinary(new byte[] {3, 4});
        assertEquals(SioPacket.event("/admin", array("baz", new byte[] {1, 2}, new byte[] {3, 4}),
                null), p);
    }

    @Test
    void placeholdersAreResolvedByNumNotByPosition() throws Exception {
        assertNull(decoder.onText("52-[\"x\",{\"k\":" + PH1 + "}," + PH0 + "]"));
        assertNull(decoder.onBinary(new byte[] {0}));
        SioPacket p = decoder.onBinary(new byte[] {1});
        assertArrayEquals(new byte[] {1}, p.data().get(1).get("k").binaryValue());
        assertArrayEquals(new byte[] {0}, p.data().get(2).binaryValue());
    }

    @Test
    void binaryAcks() throws Exception {
        assertNull(decoder.onText("61-/admin,456[" + PH0 + "]"));
        assertEquals(SioPacket.ack("/admin", 456, array(B1234)), decoder.onBinary(B1234));
        assertNull(decoder.onText("61-15[\"bar\"," + PH0 + "]"));
        SioPacket p = decoder.onBinary(B1234);
        assertEquals(SioType.ACK, p.type());
        assertEquals(SioPacket.ack("/", 15, array("bar", B1234)), p);
    }

    @Test
    void decoderIsReusableAfterABinaryPacket() throws Exception {
        assertNull(decoder.onText("51-[\"a\"," + PH0 + "]"));
        decoder.onBinary(B1234);
        assertEquals(SioPacket.event("/", array("b"), null), decode("2[\"b\"]"));
    }

    @Test
    void placeholderLookalikeInPlainEventIsData() throws Exception {
        SioPacket p = decode("2[\"a\"," + PH0 + "]");
        assertTrue(p.data().get(1).isObject());
    }

    @Test
    void largestSafeId() throws Exception {
        assertEquals(SioPacket.MAX_ID, decode("29007199254740991[\"x\"]").id());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        // framing
        "", "7", "9[\"a\"]", "x", "-1", " 2[\"a\"]",
        // attachment count
        "5[\"a\"]", "5-[\"a\"]", "5a-[\"a\"]", "51", "50-[\"a\"]", "511-[\"a\"]",
        "51234567890-[\"a\"]", "5-1-[\"a\"]",
        // namespace and id
        "2admin,[\"a\"]", "0/a\u001eb,", "212345678901234567[\"a\"]", "29007199254740992[\"a\"]",
        // JSON
        "2[\"a\"", "2[\"a\"]x", "2[\"a\"] [\"b\"]", "2 ", "2/admin,", "2{'a':1}",
        // payload shape
        "0[]", "0\"x\"", "0null", "0/admin,true", "1{}", "1/admin,[]", "1null", "4", "4[]", "41",
        "2", "2[]", "2[1]", "2[null]", "2{}", "2\"a\"", "2[\"connect\"]", "2[\"disconnect\",1]",
        "3", "3[]", "3/admin,[]", "312{}", "312\"a\"",
        // placeholders
        "51-[\"a\"]", "51-[\"a\",{\"_placeholder\":true,\"num\":1}]",
        "51-[\"a\",{\"_placeholder\":true,\"num\":-1}]",
        "51-[\"a\",{\"_placeholder\":true,\"num\":\"0\"}]",
        "51-[\"a\",{\"_placeholder\":true,\"num\":0.0}]",
        "51-[\"a\",{\"_placeholder\":true,\"num\":99999999999}]",
        "51-[\"a\",{\"_placeholder\":true}]",
        "52-[\"a\",{\"_placeholder\":true,\"num\":0}]",
        "52-[\"a\",{\"_placeholder\":true,\"num\":0},{\"_placeholder\":true,\"num\":0}]",
        "51-[\"a\",{\"_placeholder\":true,\"num\":0},{\"_placeholder\":true,\"num\":1}]",
        "51-{\"_placeholder\":true,\"num\":0}", "61-[]", "61-1[]"})
    void rejects(String text) {
        assertThrows(SioDecodeException.class, () -> decoder.onText(text));
    }

    @Test
    void rejectsNullText() {
        assertThrows(SioDecodeException.class, () -> decoder.onText(null));
    }

    @Test
    void rejectsTooManyAttachmentsForThisDecoder() throws Exception {
        SioDecoder strict = new SioDecoder(1);
        assertNull(strict.onText("51-[\"a\"," + PH0 + "]"));
        strict.onBinary(B1234);
        assertThrows(SioDecodeException.class,
                () -> strict.onText("52-[\"a\"," + PH0 + "," + PH1 + "]"));
        assertThrows(SioDecodeException.class,
                () -> new SioDecoder(0).onText("51-[\"a\"," + PH0 + "]"));
    }

    @Test
    void rejectsBinaryWhenNothingIsPending() {
        assertThrows(SioDecodeException.class, () -> decoder.onBinary(B1234));
    }

    @Test
    void rejectsTextWhileAttachmentsArePendingAndDropsThePacket() throws Exception {
        assertNull(decoder.onText("52-[\"a\"," + PH0 + "," + PH1 + "]"));
        assertNull(decoder.onBinary(B1234));
        assertThrows(SioDecodeException.class, () -> decoder.onText("2[\"b\"]"));
        assertThrows(SioDecodeException.class, () -> decoder.onBinary(B1234),
                "the interrupted packet must be gone");
        assertEquals(SioPacket.event("/", array("c"), null), decode("2[\"c\"]"));
    }

    @Test
    void rejectsNullAttachment() throws Exception {
        assertNull(decoder.onText("51-[\"a\"," + PH0 + "]"));
        assertThrows(SioDecodeException.class, () -> decoder.onBinary(null));
    }

    @Test
    void rejectsHostileNesting() {
        assertThrows(SioDecodeException.class, () -> decoder.onText("2[\"a\"," + "[".repeat(50_000)));
    }

    @Test
    void rejectsNegativeLimit() {
        assertThrows(IllegalArgumentException.class, () -> new SioDecoder(-1));
    }
}
