// Golden vectors from the Socket.IO protocol v5 document ("Packet encoding" examples and
// "Sample session") plus the packets the encoder refuses to put on the wire.
package dev.jobcast.socketio.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BinaryNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;

class SioEncoderTest {

    private static final byte[] B1234 = {1, 2, 3, 4};

    static JsonNode json(String text) {
        try {
            return Json.read(text);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    static ArrayNode array(Object... items) {
        ArrayNode a = Json.MAPPER.createArrayNode();
        for (Object o : items) {
            if (o instanceof byte[] b) {
                a.add(BinaryNode.valueOf(b));
            } else if (o instanceof JsonNode n) {
                a.add(n);
            } else if (o instanceof Integer i) {
                a.add(i);
            } else {
                a.add((String) o);
            }
        }
        return a;
    }

    private static String text(SioPacket p) {
        EncodedPacket e = SioEncoder.encode(p);
        assertTrue(e.attachments().isEmpty(), "unexpected attachments");
        return e.text();
    }

    @Test
    void connect() {
        assertEquals("0", text(SioPacket.connect("/", null)));
        assertEquals("0/admin,", text(SioPacket.connect("/admin", null)));
        assertEquals("0/admin,{\"token\":\"123\"}",
                text(SioPacket.connect("/admin", json("{\"token\":\"123\"}"))));
    }

    @Test
    void connectReplyWithSid() {
        assertEquals("0/admin,{\"sid\":\"oSO0OpakMV_3jnilAAAA\"}",
                text(SioPacket.connect("/admin", json("{\"sid\":\"oSO0OpakMV_3jnilAAAA\"}"))));
        assertEquals("0{\"sid\":\"wZX3oN0bSVIhsaknAAAI\"}",
                text(SioPacket.connect("/", json("{\"sid\":\"wZX3oN0bSVIhsaknAAAI\"}"))));
    }

    @Test
    void connectError() {
        assertEquals("4{\"message\":\"Not authorized\"}",
                text(SioPacket.connectError("/", "Not authorized", null)));
        assertEquals("4/admin,{\"message\":\"Not authorized\",\"data\":{\"retry\":false}}",
                text(SioPacket.connectError("/admin", "Not authorized", json("{\"retry\":false}"))));
    }

    @Test
    void disconnect() {
        assertEquals("1", text(SioPacket.disconnect("/")));
        assertEquals("1/admin,", text(SioPacket.disconnect("/admin")));
    }

    @Test
    void events() {
        assertEquals("2[\"foo\"]", text(SioPacket.event("/", array("foo"), null)));
        assertEquals("2/admin,[\"bar\"]", text(SioPacket.event("/admin", array("bar"), null)));
        assertEquals("2[\"hello\",1]", text(SioPacket.event("/", array("hello", 1), null)));
        assertEquals("42[\"hey\",\"Jude\"]".substring(1),
                text(SioPacket.event("/", array("hey", "Jude"), null)));
    }

    @Test
    void eventsWithAckId() {
        assertEquals("212[\"foo\"]", text(SioPacket.event("/", array("foo"), 12L)));
        assertEquals("2/admin,456[\"project:delete\",123]",
                text(SioPacket.event("/admin", array("project:delete", 123), 456L)));
        assertEquals("2/admin,1[\"tellme\"]", text(SioPacket.event("/admin", array("tellme"), 1L)));
    }

    @Test
    void acks() {
        assertEquals("3/admin,13[\"bar\"]", text(SioPacket.ack("/admin", 13, array("bar"))));
        assertEquals("3/admin,456[]", text(SioPacket.ack("/admin", 456, array())));
        assertEquals("312[]", text(SioPacket.ack("/", 12, array())));
    }

    @Test
    void binaryEvent() {
        EncodedPacket e = SioEncoder.encode(SioPacket.event("/", array("baz", B1234), null));
        assertEquals("51-[\"baz\",{\"_placeholder\":true,\"num\":0}]", e.text());
        assertEquals(1, e.attachments().size());
        assertArrayEquals(B1234, e.attachments().get(0));

        EncodedPacket hello = SioEncoder.encode(SioPacket.event("/", array("hello", B1234), null));
        assertEquals("51-[\"hello\",{\"_placeholder\":true,\"num\":0}]", hello.text());
    }

    @Test
    void binaryEventWithMultipleAttachments() {
        byte[] a = {1, 2};
        byte[] b = {3, 4};
        EncodedPacket e = SioEncoder.encode(SioPacket.event("/admin", array("baz", a, b), null));
        assertEquals("52-/admin,[\"baz\",{\"_placeholder\":true,\"num\":0},"
                + "{\"_placeholder\":true,\"num\":1}]", e.text());
        assertEquals(new EncodedPacket(e.text(), List.of(new byte[] {1, 2}, new byte[] {3, 4})), e);
        assertSame(a, e.attachments().get(0), "attachments are shared, not copied");
    }

    @Test
    void binaryAcks() {
        EncodedPacket e = SioEncoder.encode(SioPacket.ack("/", 15, array("bar", B1234)));
        assertEquals("61-15[\"bar\",{\"_placeholder\":true,\"num\":0}]", e.text());
        EncodedPacket admin = SioEncoder.encode(SioPacket.ack("/admin", 456, array(B1234)));
        assertEquals("61-/admin,456[{\"_placeholder\":true,\"num\":0}]", admin.text());
        EncodedPacket session = SioEncoder.encode(SioPacket.ack("/admin", 1, array(B1234)));
        assertEquals("61-/admin,1[{\"_placeholder\":true,\"num\":0}]", session.text());
    }

    @Test
    void placeholdersAreNumberedDepthFirst() {
        ObjectNode inner = Json.MAPPER.createObjectNode();
        inner.set("b", BinaryNode.valueOf(new byte[] {1}));
        ObjectNode obj = Json.MAPPER.createObjectNode();
        obj.set("a", array(new byte[] {0}, inner));
        obj.set("c", BinaryNode.valueOf(new byte[] {2}));
        EncodedPacket e = SioEncoder.encode(SioPacket.event("/", array("x", obj), null));
        assertEquals("53-[\"x\",{\"a\":[{\"_placeholder\":true,\"num\":0},"
                + "{\"b\":{\"_placeholder\":true,\"num\":1}}],\"c\":{\"_placeholder\":true,\"num\":2}}]",
                e.text());
        for (int i = 0; i < 3; i++) {
            assertArrayEquals(new byte[] {(byte) i}, e.attachments().get(i));
        }
    }

    @Test
    void doesNotMutateTheCallersTree() {
        ArrayNode args = array("x", B1234, array(new byte[] {9}));
        ArrayNode before = args.deepCopy();
        SioEncoder.encode(SioPacket.event("/", args, null));
        assertEquals(before, args);
        assertTrue(args.get(1).isBinary());
    }

    @Test
    void typeFollowsTheData() {
        SioPacket typedBinaryWithoutBinary =
                new SioPacket(SioType.BINARY_EVENT, "/", null, array("plain"));
        assertEquals("2[\"plain\"]", text(typedBinaryWithoutBinary));
        SioPacket typedBinaryAck = new SioPacket(SioType.BINARY_ACK, "/", 3L, array(B1234));
        assertEquals("61-3[{\"_placeholder\":true,\"num\":0}]",
                SioEncoder.encode(typedBinaryAck).text());
    }

    @Test
    void eventName() {
        assertEquals("foo", SioPacket.event("/", array("foo", 1), null).eventName());
        assertEquals(null, SioPacket.ack("/", 1, array("foo")).eventName());
        assertEquals(null, SioPacket.event("/", array(1), null).eventName());
    }

    @Test
    void rejectsUnframeableNamespaces() {
        assertThrows(IllegalArgumentException.class,
                () -> SioEncoder.encode(SioPacket.event("/a,b", array("x"), null)));
        assertThrows(IllegalArgumentException.class,
                () -> SioEncoder.encode(SioPacket.event("admin", array("x"), null)));
        assertThrows(IllegalArgumentException.class,
                () -> SioEncoder.encode(SioPacket.event("", array("x"), null)));
        assertThrows(IllegalArgumentException.class,
                () -> SioEncoder.encode(SioPacket.connectError("/a\u001e", "no", null)));
    }

    @Test
    void rejectsPayloadsTheDecoderWouldReject() {
        assertInvalid(SioPacket.event("/", array(), null));
        assertInvalid(SioPacket.event("/", array(1), null));
        assertInvalid(SioPacket.event("/", array(B1234), null));
        assertInvalid(SioPacket.event("/", array("disconnect"), null));
        assertInvalid(new SioPacket(SioType.ACK, "/", null, array()));
        assertInvalid(new SioPacket(SioType.EVENT, "/", null, null));
        assertInvalid(new SioPacket(SioType.DISCONNECT, "/", null, json("{}")));
        assertInvalid(SioPacket.connect("/", json("[]")));
        assertInvalid(new SioPacket(SioType.CONNECT_ERROR, "/", null, json("1")));
        assertInvalid(new SioPacket(SioType.CONNECT_ERROR, "/", null, null));
    }

    @Test
    void rejectsBinaryOutsideEventsAndAcks() {
        ObjectNode auth = Json.MAPPER.createObjectNode();
        auth.set("key", BinaryNode.valueOf(B1234));
        assertInvalid(SioPacket.connect("/", auth));
        assertInvalid(SioPacket.connectError("/", "no", BinaryNode.valueOf(B1234)));
    }

    @Test
    void idMustBeASafeInteger() {
        assertThrows(IllegalArgumentException.class,
                () -> SioPacket.event("/", array("x"), -1L));
        assertThrows(IllegalArgumentException.class,
                () -> SioPacket.ack("/", SioPacket.MAX_ID + 1, array()));
        assertEquals("29007199254740991[\"x\"]",
                text(SioPacket.event("/", array("x"), SioPacket.MAX_ID)));
    }

    private static void assertInvalid(SioPacket p) {
        assertThrows(IllegalArgumentException.class, () -> SioEncoder.encode(p));
    }
}
