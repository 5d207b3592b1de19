// Test helpers that feed a request head whole and byte by byte, and check the two agree:
// the parser is incremental, so where the reads fall must never change what it answers.
package dev.jobcast.engineio.adapter.lean.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.jobcast.engineio.adapter.lean.http.RequestHeadParser.Complete;
import dev.jobcast.engineio.adapter.lean.http.RequestHeadParser.Failed;
import dev.jobcast.engineio.adapter.lean.http.RequestHeadParser.Result;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

final class Heads {

    private Heads() {
    }

    /** The bytes of a head written with chars 0-255 standing for bytes. */
    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    static Result whole(String head) {
        return new RequestHeadParser().feed(ByteBuffer.wrap(bytes(head)));
    }

    /** Feeds one more byte at a time, up to the first result that is not NEED_MORE. */
    static Result byteByByte(RequestHeadParser parser, byte[] head) {
        ByteBuffer in = ByteBuffer.wrap(head).limit(0);
        Result r = parser.feed(in);
        while (r instanceof RequestHeadParser.NeedMore && in.limit() < head.length) {
            in.limit(in.limit() + 1);
            r = parser.feed(in);
        }
        return r;
    }

    /** The head parsed from {@code head}, the same whole as byte by byte. */
    static RequestHead parse(String head) {
        Result whole = whole(head);
        assertInstanceOf(Complete.class, whole, () -> "expected a head, got " + whole);
        assertEquals(whole, byteByByte(new RequestHeadParser(), bytes(head)), "byte by byte as whole");
        return ((Complete) whole).head();
    }

    /** The refusal of {@code head}, the same whole as byte by byte. */
    static Failed refuse(String head) {
        Result whole = whole(head);
        assertInstanceOf(Failed.class, whole, () -> "expected a refusal, got " + whole);
        assertEquals(whole, byteByByte(new RequestHeadParser(), bytes(head)), "byte by byte as whole");
        return (Failed) whole;
    }

    static void assertRefused(int status, String head) {
        Failed f = refuse(head);
        assertEquals(status, f.status(), () -> "status of " + f + " for " + head.replace("\r\n", "\\r\\n"));
    }

    /** A minimal HTTP/1.1 GET of {@code target} with the field lines given, each without CRLF. */
    static String get(String target, String... fieldLines) {
        StringBuilder sb = new StringBuilder("GET ").append(target).append(" HTTP/1.1\r\nHost: localhost\r\n");
        for (String f : fieldLines) {
            sb.append(f).append("\r\n");
        }
        return sb.append("\r\n").toString();
    }
}
