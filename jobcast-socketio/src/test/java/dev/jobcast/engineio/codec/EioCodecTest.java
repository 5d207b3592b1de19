// Golden vectors from the Engine.IO protocol v4 document ("Packet encoding", "Handshake",
// "Upgrade") and the rejections EioCodec promises.
package dev.jobcast.engineio.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EioCodecTest {

    private static final byte[] BYTES_1234 = {1, 2, 3, 4};

    @Test
    void typeCodesFollowTheSpecTable() {
        String codes = "0123456";
        for (EioType t : EioType.values()) {
            assertEquals(codes.charAt(t.ordinal()), t.code());
            assertEquals(t, EioType.fromCode(t.code()));
        }
        assertNull(EioType.fromCode('7'));
        assertNull(EioType.fromCode('b'));
        assertNull(EioType.fromCode('/'));
    }

    @Test
    void textMessage() throws Exception {
        assertEquals("4hello", EioCodec.encodeText(EioPacket.message("hello")));
        assertEquals(EioPacket.message("hello"), EioCodec.decodeText("4hello"));
        assertEquals(EioPacket.message(""), EioCodec.decodeText("4"));
    }

    @Test
    void controlPacketsCarryNoData() throws Exception {
        assertEquals("1", EioCodec.encodeText(EioPacket.close()));
        assertEquals("2", EioCodec.encodeText(EioPacket.ping()));
        assertEquals("3", EioCodec.encodeText(EioPacket.pong()));
        assertEquals("5", EioCodec.encodeText(EioPacket.upgrade()));
        assertEquals("6", EioCodec.encodeText(EioPacket.noop()));
        assertEquals(EioPacket.upgrade(), EioCodec.decodeText("5"));
        assertEquals("", EioCodec.decodeText("2").text());
    }

    @Test
    void upgradeProbe() throws Exception {
        assertEquals(EioPacket.ping("probe"), EioCodec.decodeText("2probe"));
        assertEquals("3probe", EioCodec.encodeText(EioPacket.pong("probe")));
    }

    @Test
    void handshakeOpenPacket() throws Exception {
        String json = "{\"sid\":\"lv_VI97HAXpY6yYWAAAC\",\"upgrades\":[\"websocket\"],"
                + "\"pingInterval\":25000,\"pingTimeout\":5000,\"maxPayload\":1000000}";
        assertEquals("0" + json, EioCodec.encodeText(EioPacket.open(json)));
        EioPacket p = EioCodec.decodeText("0" + json);
        assertEquals(EioType.OPEN, p.type());
        assertEquals(json, p.text());
    }

    @Test
    void binaryFrameIsARawMessage() {
        EioPacket p = EioCodec.decodeBinaryFrame(BYTES_1234);
        assertTrue(p.isBinary());
        assertEquals(EioType.MESSAGE, p.type());
        assertNull(p.text());
        assertArrayEquals(BYTES_1234, p.binary());
    }

    @Test
    void payloadWithPingBetweenMessages() throws Exception {
        String body = "4hello\u001e2\u001e4world";
        List<EioPacket> packets =
                List.of(EioPacket.message("hello"), EioPacket.ping(), EioPacket.message("world"));
        assertEquals(packets, EioCodec.decodePayload(body));
        assertEquals(body, EioCodec.encodePayload(packets));
    }

    @Test
    void payloadWithBase64Binary() throws Exception {
        String body = "4hello\u001ebAQIDBA==";
        List<EioPacket> packets = List.of(EioPacket.message("hello"), EioPacket.message(BYTES_1234));
        assertEquals(packets, EioCodec.decodePayload(body));
        assertEquals(body, EioCodec.encodePayload(packets));
    }

    @Test
    void payloadOfSocketIoEvents() throws Exception {
        // "Sample session", request 5 of the Socket.IO v5 document.
        List<EioPacket> decoded = EioCodec.decodePayload("42[\"hello\"]\u001e42[\"world\"]");
        assertEquals(List.of(EioPacket.message("2[\"hello\"]"), EioPacket.message("2[\"world\"]")),
                decoded);
    }

    @Test
    void payloadKeepsMultiByteCharacters() throws Exception {
        List<EioPacket> packets = List.of(EioPacket.message("hello"), EioPacket.message("€€€"));
        assertEquals("4hello\u001e4€€€", EioCodec.encodePayload(packets));
        assertEquals(packets, EioCodec.decodePayload("4hello\u001e4€€€"));
    }

    @Test
    void singlePacketPayload() throws Exception {
        assertEquals(List.of(EioPacket.noop()), EioCodec.decodePayload("6"));
        assertEquals("6", EioCodec.encodePayload(List.of(EioPacket.noop())));
    }

    @Test
    void emptyBinaryMessageSurvivesPolling() throws Exception {
        List<EioPacket> packets = List.of(EioPacket.message(new byte[0]));
        assertEquals("b", EioCodec.encodePayload(packets));
        assertEquals(packets, EioCodec.decodePayload("b"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "7", "9hello", "x", "b!!!", "bA", "b AQID"})
    void decodeTextRejects(String frame) {
        assertThrows(EioDecodeException.class, () -> EioCodec.decodeText(frame));
    }

    @Test
    void decodeTextRejectsNull() {
        assertThrows(EioDecodeException.class, () -> EioCodec.decodeText(null));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "\u001e", "4a\u001e", "\u001e4a", "4a\u001e\u001e4b", "4a\u001e9",
            "4a\u001eb%%", "x"})
    void decodePayloadRejects(String body) {
        assertThrows(EioDecodeException.class, () -> EioCodec.decodePayload(body));
    }

    @Test
    void encodeTextRejectsBinary() {
        assertThrows(IllegalArgumentException.class,
                () -> EioCodec.encodeText(EioPacket.message(BYTES_1234)));
    }

    @Test
    void encodePayloadRejectsWhatCannotBeFramed() {
        assertThrows(IllegalArgumentException.class, () -> EioCodec.encodePayload(List.of()));
        assertThrows(IllegalArgumentException.class,
                () -> EioCodec.encodePayload(List.of(EioPacket.message("a\u001eb"))));
    }

    @Test
    void packetsCompareBinaryByContent() {
        EioPacket a = EioPacket.message(new byte[] {1, 2});
        EioPacket b = EioPacket.message(new byte[] {1, 2});
        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
        assertNotEquals(a, EioPacket.message(new byte[] {1, 3}));
        assertNotEquals(a, EioPacket.message("\u0001\u0002"));
        assertFalse(EioPacket.message("x").isBinary());
    }

    @Test
    void onlyMessagesMayBeBinary() {
        assertThrows(IllegalArgumentException.class,
                () -> new EioPacket(EioType.PING, null, BYTES_1234));
        assertThrows(IllegalArgumentException.class,
                () -> new EioPacket(EioType.MESSAGE, "x", BYTES_1234));
        assertEquals("", new EioPacket(EioType.PING, null, null).text());
    }
}
