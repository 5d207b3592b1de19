// Properties of the incremental parser: a valid head built from parts, cut into reads
// anywhere, parses to those parts, the same as fed whole; arbitrary or mutated bytes never
// make it throw, it always ends in a result, and it never holds more than its limit.
package dev.jobcast.engineio.adapter.lean.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jobcast.engineio.adapter.lean.http.RequestHeadParser.Complete;
import dev.jobcast.engineio.adapter.lean.http.RequestHeadParser.Failed;
import dev.jobcast.engineio.adapter.lean.http.RequestHeadParser.NeedMore;
import dev.jobcast.engineio.adapter.lean.http.RequestHeadParser.Result;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

class RequestHeadParserPropertiesTest {

    /** A head as written on the wire (chars 0-255 for bytes) and what it must parse to. */
    record Generated(String wire, RequestHead expected) {
        byte[] bytes() {
            return Heads.bytes(wire);
        }
    }

    /** One edit of a valid head: overwrite, insert or delete a byte at a place. */
    record Mutation(int kind, int at, byte value) {
        byte[] apply(byte[] in) {
            if (in.length == 0) {
                return in;
            }
            int i = Math.floorMod(at, in.length);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.write(in, 0, i);
            switch (kind) {
                case 0 -> out.write(value);
                case 1 -> {
                    out.write(value);
                    out.write(in[i]);
                }
                default -> {
                    // Deleted: nothing written for in[i].
                }
            }
            out.write(in, i + 1, in.length - i - 1);
            return out.toByteArray();
        }
    }

    // ---- valid heads ----

    @Property(tries = 500)
    void aValidHeadInAnyReadsParsesToItsParts(
            @ForAll("heads") Generated g,
            @ForAll @Size(min = 1, max = 30) List<@IntRange(min = 1, max = 64) Integer> reads,
            @ForAll @Size(max = 40) byte[] tail) {
        byte[] head = g.bytes();
        byte[] wire = concat(head, tail);
        Result whole = new RequestHeadParser().feed(ByteBuffer.wrap(wire));
        assertEquals(new Complete(g.expected()), whole, g.wire());

        ByteBuffer in = ByteBuffer.wrap(wire).limit(0);
        Result inReads = feedInReads(new RequestHeadParser(), in, reads, RequestHeadParser.DEFAULT_MAX_HEAD_BYTES);
        assertEquals(whole, inReads);
        assertEquals(head.length, in.position(), "the bytes after the head stay in the buffer");
    }

    // ---- anything at all ----

    @Property(tries = 1000)
    void arbitraryBytesNeverBreakTheParser(
            @ForAll("junk") byte[] wire,
            @ForAll @Size(min = 1, max = 30) List<@IntRange(min = 1, max = 300) Integer> reads,
            @ForAll @IntRange(min = 16, max = 600) int limit) {
        checkNeverBreaks(wire, reads, limit);
    }

    @Property(tries = 1000)
    void mutatedValidHeadsNeverBreakTheParser(
            @ForAll("heads") Generated g,
            @ForAll @Size(min = 1, max = 4) List<@From("mutations") Mutation> mutations,
            @ForAll @Size(min = 1, max = 30) List<@IntRange(min = 1, max = 64) Integer> reads,
            @ForAll @IntRange(min = 16, max = 1200) int limit) {
        byte[] wire = g.bytes();
        for (Mutation m : mutations) {
            wire = m.apply(wire);
        }
        checkNeverBreaks(wire, reads, limit);
    }

    private static void checkNeverBreaks(byte[] wire, List<Integer> reads, int limit) {
        Result whole = new RequestHeadParser(limit, 16).feed(ByteBuffer.wrap(wire));
        ByteBuffer in = ByteBuffer.wrap(wire).limit(0);
        Result inReads = feedInReads(new RequestHeadParser(limit, 16), in, reads, limit);
        assertEquals(whole, inReads, "where the reads fall changes nothing");
        // One tolerated empty line before the head is all it takes beyond the limit.
        assertTrue(in.position() <= limit + 2, "took " + in.position() + " bytes");
        if (inReads instanceof Complete c) {
            assertTrue(c.head().size() <= limit);
        } else if (inReads instanceof Failed f) {
            assertTrue(List.of(400, 414, 431, 501, 505).contains(f.status()), f.toString());
            assertNotNull(f.reason());
        } else {
            assertEquals(in.limit(), in.position(), "more is needed only when every byte was taken");
        }
    }

    /**
     * Feeds as a connection reads: each read adds the next size (cycling) to what the buffer
     * holds, until a result or the end; checks after every feed that nothing past the limit
     * is held.
     */
    private static Result feedInReads(RequestHeadParser parser, ByteBuffer in, List<Integer> reads, int limit) {
        Result r = parser.feed(in);
        for (int i = 0; r instanceof NeedMore && in.limit() < in.capacity(); i++) {
            in.limit(Math.min(in.capacity(), in.limit() + reads.get(i % reads.size())));
            r = parser.feed(in);
            assertNotNull(r);
            assertTrue(parser.buffered() <= limit, "held " + parser.buffered());
            assertTrue(parser.lineCapacity() <= limit, "line buffer of " + parser.lineCapacity());
        }
        return r;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    @Provide
    Arbitrary<Mutation> mutations() {
        Arbitrary<Byte> interesting = Arbitraries.of((byte) '\r', (byte) '\n', (byte) ' ', (byte) '\t', (byte) ':',
                (byte) 0, (byte) '%', (byte) '?', (byte) 0x80, (byte) 0xFF, (byte) '/', (byte) ',');
        Arbitrary<Byte> any = Arbitraries.bytes();
        Arbitrary<Byte> value = Arbitraries.frequencyOf(Tuple.of(3, interesting), Tuple.of(1, any));
        return Combinators.combine(Arbitraries.integers().between(0, 2), Arbitraries.integers(), value)
                .as(Mutation::new);
    }

    @Provide
    Arbitrary<byte[]> junk() {
        Arbitrary<byte[]> raw = Arbitraries.bytes().array(byte[].class).ofMaxSize(2000);
        // HTTP-ish pieces reach further into the parser than uniform bytes.
        Arbitrary<String> piece = Arbitraries.of("GET ", "OPTIONS ", "* ", "/", "/socket.io/?EIO=4", " HTTP/1.1",
                " HTTP/1.0", "\r\n", "\r", "\n", "Host: a", "Content-Length: 5", "Transfer-Encoding: chunked",
                ":", " ", "\t", "%", "%C3%A9", "x", "\u00e9", "\u0000", "\r\n\r\n");
        Arbitrary<byte[]> pieces = piece.list().ofMaxSize(200).map(l -> Heads.bytes(String.join("", l)));
        return Arbitraries.oneOf(raw, pieces);
    }

    // ---- generating valid heads ----

    private static final List<String> ATOMS = List.of("a", "Z", "0", "9", "-", ".", "_", "~", "!", "$", "'", "(",
            ")", "*", ",", ";", ":", "@", "/", "?", " ", "+", "&", "=", "%", "#", "\"", "\u00e9", "\u20ac",
            "\ud83d\ude00");
    private static final String TCHARS = "!#$%&'*+-.^_`|~0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";

    /** A request-target: the wire form, the decoded path and the expected query. */
    record Target(String method, String wire, String path, Map<String, String> query) {
    }

    @Provide
    Arbitrary<Generated> heads() {
        Arbitrary<List<Header>> fields = Combinators.combine(
                otherField().list().ofMaxSize(12),
                Arbitraries.of("Host", "host", "HOST"),
                Arbitraries.of("localhost", "example.com:8080", "[::1]:3000", "127.0.0.1", ""),
                Arbitraries.integers().between(0, 12),
                Arbitraries.longs().between(0, 999_999_999_999_999_999L).injectNull(0.5),
                Arbitraries.integers().between(0, 13)
        ).as((others, hostName, host, hostAt, length, lengthAt) -> {
            List<Header> all = new ArrayList<>(others);
            all.add(Math.min(hostAt, all.size()), new Header(hostName, host));
            if (length != null) {
                all.add(Math.min(lengthAt, all.size()), new Header("Content-Length", Long.toString(length)));
            }
            return all;
        });
        return Combinators.combine(target(), fields, Arbitraries.integers().between(0, 1),
                Arbitraries.of(true, false), ows(), ows()
        ).as((t, fs, minor, hostFor10, before, after) -> {
            List<Header> sent = new ArrayList<>(fs);
            if (minor == 0 && !hostFor10) {
                sent.removeIf(h -> h.name().equalsIgnoreCase("Host"));
            }
            StringBuilder wire = new StringBuilder(t.method()).append(' ').append(t.wire())
                    .append(" HTTP/1.").append(minor).append("\r\n");
            long length = 0;
            for (Header h : sent) {
                // OWS around a value is the sender's to add and the parser's to trim.
                wire.append(h.name()).append(':').append(before).append(h.value()).append(after).append("\r\n");
                if (h.name().equals("Content-Length")) {
                    length = Long.parseLong(h.value());
                }
            }
            wire.append("\r\n");
            RequestHead expected = new RequestHead(t.method(), t.wire(), t.path(), t.query(), sent, minor,
                    length, wire.length());
            return new Generated(wire.toString(), expected);
        });
    }

    private static Arbitrary<String> ows() {
        return Arbitraries.of("", " ", "\t", "  ", " \t ");
    }

    private static Arbitrary<Header> otherField() {
        Arbitrary<String> name = Arbitraries.strings().withChars(TCHARS.toCharArray()).ofMinLength(1).ofMaxLength(12)
                .filter(n -> !n.equalsIgnoreCase("Host") && !n.equalsIgnoreCase("Content-Length")
                        && !n.equalsIgnoreCase("Transfer-Encoding"));
        // VCHAR and obs-text, with SP and HTAB only inside, since the ends are trimmed.
        Arbitrary<String> word = Arbitraries.strings().withCharRange('!', '~').withCharRange('\u0080', '\u00ff')
                .ofMinLength(1).ofMaxLength(12);
        Arbitrary<String> value = Combinators.combine(word.list().ofMaxSize(4), ows().filter(s -> !s.isEmpty()))
                .as((words, gap) -> String.join(gap, words));
        return Combinators.combine(name, value).as(Header::new);
    }

    private static Arbitrary<Target> target() {
        Arbitrary<String> method = Arbitraries.oneOf(Arbitraries.of("GET", "POST", "OPTIONS", "PUT", "DELETE"),
                Arbitraries.strings().withChars(TCHARS.toCharArray()).ofMinLength(1).ofMaxLength(10));
        Arbitrary<String> text = Arbitraries.of(ATOMS).list().ofMaxSize(8).map(l -> String.join("", l));
        Arbitrary<List<String>> segments = text.list().ofMaxSize(4);
        Arbitrary<List<Tuple.Tuple2<String, String>>> pairs = Combinators.combine(text, text).as((n, v) -> Tuple.of(n, v))
                .list().ofMaxSize(5);
        return Combinators.combine(method, Arbitraries.of(true, false), segments, pairs.injectNull(0.3))
                .as((m, asterisk, segs, query) -> {
                    if (m.equals("OPTIONS") && asterisk) {
                        return new Target(m, "*", "*", Map.of());
                    }
                    StringBuilder wire = new StringBuilder();
                    for (String s : segs) {
                        wire.append('/').append(encode(s, false));
                    }
                    if (segs.isEmpty()) {
                        wire.append('/');
                    }
                    String path = segs.isEmpty() ? "/" : "/" + String.join("/", segs);
                    Map<String, String> expected = new LinkedHashMap<>();
                    if (query != null) {
                        wire.append('?');
                        List<String> written = new ArrayList<>();
                        for (Tuple.Tuple2<String, String> p : query) {
                            written.add(encode(p.get1(), true) + "=" + encode(p.get2(), true));
                            expected.putIfAbsent(p.get1(), p.get2());
                        }
                        wire.append(String.join("&", written));
                    }
                    return new Target(m, wire.toString(), path, expected);
                });
    }

    /** Percent-encodes as UTF-8 all but unreserved characters; a form writes space as '+'. */
    private static String encode(String s, boolean form) {
        StringBuilder out = new StringBuilder();
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xFF;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "-._~".indexOf(c) >= 0
                    || (!form && "!$'()*,;:@+=&".indexOf(c) >= 0)) {
                out.append((char) c);
            } else if (form && c == ' ') {
                out.append('+');
            } else {
                out.append('%').append(String.format("%02X", c));
            }
        }
        return out.toString();
    }
}
