// Properties of the Socket.IO v5 codec ("Packet encoding"): random packets, binary attachments
// anywhere in the tree, survive encode -> decode; the decoder is total on arbitrary input.
package dev.jobcast.socketio.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BinaryNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;

class SioCodecPropertiesTest {

    private static final int MAX_ATTACHMENTS = 1000;

    // ---- round trip ----

    @Property(tries = 2000)
    void encodeThenDecodeGivesThePacketBack(@ForAll("packets") SioPacket packet) throws Exception {
        JsonNode before = packet.data() == null ? null : packet.data().deepCopy();
        EncodedPacket encoded = SioEncoder.encode(packet);
        assertEquals(before, packet.data(), "encoder mutated the caller's tree");
        assertEquals(countBinary(packet.data()), encoded.attachments().size());
        Statistics.collect(base(packet.type()), encoded.attachments().isEmpty() ? "text" : "binary");

        SioPacket expected = new SioPacket(base(packet.type()), packet.nsp(), packet.id(),
                packet.data());
        assertEquals(expected, decodeAll(new SioDecoder(MAX_ATTACHMENTS), encoded));
    }

    private static SioPacket decodeAll(SioDecoder decoder, EncodedPacket e) throws Exception {
        SioPacket p = decoder.onText(e.text());
        for (byte[] attachment : e.attachments()) {
            assertNull(p, "packet completed before its last attachment");
            p = decoder.onBinary(attachment);
        }
        return p;
    }

    private static SioType base(SioType t) {
        return t == SioType.BINARY_EVENT ? SioType.EVENT : t == SioType.BINARY_ACK ? SioType.ACK : t;
    }

    private static int countBinary(JsonNode n) {
        if (n == null) {
            return 0;
        }
        int c = n.isBinary() ? 1 : 0;
        for (JsonNode child : n) {
            c += countBinary(child);
        }
        return c;
    }

    // ---- totality ----

    @Property(tries = 5000)
    void onTextIsTotal(@ForAll("wireText") String text) {
        SioDecoder decoder = new SioDecoder(10);
        try {
            decoder.onText(text);
        } catch (SioDecodeException expected) {
            // the only failure allowed
        }
    }

    @Property(tries = 2000)
    void anyMessageSequenceIsHandled(@ForAll("messageSequences") List<Object> messages) {
        SioDecoder decoder = new SioDecoder(3);
        for (Object m : messages) {
            try {
                if (m instanceof String s) {
                    decoder.onText(s);
                } else {
                    decoder.onBinary((byte[]) m);
                }
            } catch (SioDecodeException expected) {
                // the only failure allowed; the decoder must stay usable afterwards
            }
        }
    }

    @Property(tries = 3000)
    void mutatedEncodingsAreHandled(@ForAll("packets") SioPacket packet,
                                    @ForAll("mutations") List<Tuple.Tuple3<Integer, Integer, Character>> edits) {
        EncodedPacket encoded = SioEncoder.encode(packet);
        StringBuilder sb = new StringBuilder(encoded.text());
        for (Tuple.Tuple3<Integer, Integer, Character> edit : edits) {
            int at = Math.floorMod(edit.get2(), sb.length() + 1);
            switch (edit.get1()) {
                case 0 -> sb.insert(at, edit.get3().charValue());
                case 1 -> { if (at < sb.length()) sb.deleteCharAt(at); }
                default -> { if (at < sb.length()) sb.setCharAt(at, edit.get3()); }
            }
        }
        // A mutation may turn a binary header into a plain packet, so the attachments that
        // follow may be unexpected: every message is fed, each may fail on its own.
        SioDecoder decoder = new SioDecoder(MAX_ATTACHMENTS);
        try {
            decoder.onText(sb.toString());
        } catch (SioDecodeException expected) {
            // the only failure allowed
        }
        for (byte[] attachment : encoded.attachments()) {
            try {
                decoder.onBinary(attachment);
            } catch (SioDecodeException expected) {
                // the only failure allowed
            }
        }
    }

    // ---- generators ----

    @Provide
    Arbitrary<SioPacket> packets() {
        Arbitrary<String> nsp = Arbitraries.oneOf(Arbitraries.just("/"),
                Arbitraries.strings().excludeChars(',', '\u001e').ofMaxLength(10).map(s -> "/" + s));
        Arbitrary<Long> id = Arbitraries.longs().between(0, SioPacket.MAX_ID);
        Arbitrary<Long> maybeId = id.injectNull(0.4);
        Arbitrary<ObjectNode> plainObject = objects(trees(false));
        Arbitrary<ArrayNode> args = trees(true).list().ofMaxSize(4).map(SioCodecPropertiesTest::arrayOf);
        Arbitrary<String> name = Arbitraries.strings().ofMaxLength(12)
                .filter(s -> !PayloadRules.RESERVED_EVENTS.contains(s));

        Arbitrary<SioPacket> connect = Combinators.combine(nsp, maybeId, plainObject.injectNull(0.3))
                .as((n, i, d) -> new SioPacket(SioType.CONNECT, n, i, d));
        Arbitrary<SioPacket> disconnect = Combinators.combine(nsp, maybeId)
                .as((n, i) -> new SioPacket(SioType.DISCONNECT, n, i, null));
        Arbitrary<JsonNode> errorData = Arbitraries.oneOf(
                Arbitraries.strings().map(s -> Json.MAPPER.getNodeFactory().textNode(s)),
                plainObject.map(o -> (JsonNode) o));
        Arbitrary<SioPacket> connectError = Combinators.combine(nsp, maybeId, errorData)
                .as((n, i, d) -> new SioPacket(SioType.CONNECT_ERROR, n, i, d));
        Arbitrary<SioPacket> event = Combinators.combine(
                        Arbitraries.of(SioType.EVENT, SioType.BINARY_EVENT), nsp, maybeId, name, args)
                .as((t, n, i, nm, a) -> {
                    a.insert(0, nm);
                    return new SioPacket(t, n, i, a);
                });
        Arbitrary<SioPacket> ack = Combinators.combine(
                        Arbitraries.of(SioType.ACK, SioType.BINARY_ACK), nsp, id, args)
                .as((t, n, i, a) -> new SioPacket(t, n, i, a));
        return Arbitraries.frequencyOf(Tuple.of(4, event), Tuple.of(3, ack), Tuple.of(1, connect),
                Tuple.of(1, disconnect), Tuple.of(1, connectError));
    }

    private Arbitrary<JsonNode> trees(boolean withBinary) {
        return Arbitraries.recursive(() -> leaves(withBinary),
                inner -> Arbitraries.oneOf(inner,
                        inner.list().ofMaxSize(4).map(SioCodecPropertiesTest::arrayOf),
                        objects(inner).map(o -> (JsonNode) o)),
                0, 4);
    }

    private static Arbitrary<ObjectNode> objects(Arbitrary<JsonNode> values) {
        // "_placeholder" is the only key that would make data ambiguous with an attachment.
        Arbitrary<String> key = Arbitraries.strings().ofMaxLength(8).filter(k -> !k.equals("_placeholder"));
        return Combinators.combine(key, values).as(Tuple::of).list().ofMaxSize(4).map(entries -> {
            ObjectNode o = Json.MAPPER.createObjectNode();
            entries.forEach(e -> o.set(e.get1(), e.get2()));
            return o;
        });
    }

    private static Arbitrary<JsonNode> leaves(boolean withBinary) {
        // Numbers are produced by parsing their text, so they get the node class the decoder uses.
        Arbitrary<JsonNode> numbers = Arbitraries.oneOf(
                Arbitraries.longs().map(String::valueOf),
                Arbitraries.bigIntegers().between(
                        new java.math.BigInteger("-1" + "0".repeat(30)),
                        new java.math.BigInteger("1" + "0".repeat(30))).map(String::valueOf),
                Arbitraries.bigDecimals().ofScale(3).map(String::valueOf),
                Arbitraries.of("1E+2", "1.5e-7", "100.0", "-2.50", "0.10000000000000000000000001"))
                .map(SioCodecPropertiesTest::parse);
        Arbitrary<JsonNode> plain = Arbitraries.oneOf(numbers,
                Arbitraries.strings().map(s -> Json.MAPPER.getNodeFactory().textNode(s)),
                Arbitraries.of(parse("true"), parse("false"), parse("null")));
        if (!withBinary) {
            return plain;
        }
        Arbitrary<JsonNode> binary = Arbitraries.bytes().array(byte[].class).ofMaxSize(16)
                .map(BinaryNode::valueOf);
        return Arbitraries.frequencyOf(Tuple.of(3, plain), Tuple.of(1, binary));
    }

    private static ArrayNode arrayOf(List<JsonNode> items) {
        ArrayNode a = Json.MAPPER.createArrayNode();
        items.forEach(a::add);
        return a;
    }

    private static JsonNode parse(String json) {
        try {
            return Json.read(json);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** Fragments that steer random text into the decoder's deeper branches. */
    @Provide
    Arbitrary<String> wireText() {
        Arbitrary<String> tokens = Arbitraries.of("0", "1", "2", "3", "4", "5", "6", "7", "-", "/",
                ",", "/admin,", "12", "9007199254740993", "99999999999999999999", "[", "]", "{",
                "}", "\"a\"", "\"connect\"", ":", "true", "null", "1.5", "-0", " ", "\u0000",
                "{\"_placeholder\":true,\"num\":0}", "{\"_placeholder\":true,\"num\":1}",
                "{\"_placeholder\":true,\"num\":", "\"_placeholder\"", "\"num\"", "1-", "2-")
                .list().ofMaxSize(14).map(l -> String.join("", l));
        return Arbitraries.oneOf(tokens, Arbitraries.strings().ofMaxLength(30),
                Arbitraries.strings().withChars("0123456789-/,[]{}\":_ ").ofMaxLength(30));
    }

    @Provide
    Arbitrary<List<Object>> messageSequences() {
        Arbitrary<Object> text = wireText().map(s -> (Object) s);
        Arbitrary<Object> headers = Arbitraries.of(
                "51-[\"a\",{\"_placeholder\":true,\"num\":0}]",
                "62-/x,7[{\"_placeholder\":true,\"num\":1},{\"_placeholder\":true,\"num\":0}]",
                "2[\"a\"]");
        Arbitrary<Object> binary = Arbitraries.bytes().array(byte[].class).ofMaxSize(8)
                .map(b -> (Object) b);
        return Arbitraries.oneOf(text, headers, binary).list().ofMaxSize(12);
    }

    @Provide
    Arbitrary<List<Tuple.Tuple3<Integer, Integer, Character>>> mutations() {
        Arbitrary<Character> c = Arbitraries.oneOf(Arbitraries.chars(),
                Arbitraries.of('0', '1', '5', '9', '-', '/', ',', '[', ']', '{', '}', '"', ':'));
        return Combinators.combine(Arbitraries.integers().between(0, 2),
                        Arbitraries.integers().greaterOrEqual(0), c)
                .as(Tuple::of).list().ofMinSize(1).ofMaxSize(3);
    }
}
