// The head's limits: a head of exactly the limit is accepted and one byte more is refused
// (431, or 414 while still in the target) without the parser ever taking a byte past it,
// so a megabyte of header costs no more than the limit; too many fields is 431 as well.
package dev.jobcast.engineio.adapter.lean.http;

import static dev.jobcast.engineio.adapter.lean.http.Heads.bytes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jobcast.engineio.adapter.lean.http.RequestHeadParser.Complete;
import dev.jobcast.engineio.adapter.lean.http.RequestHeadParser.Failed;
import dev.jobcast.engineio.adapter.lean.http.RequestHeadParser.Result;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

class HeadLimitsTest {

    private static final int LIMIT = RequestHeadParser.DEFAULT_MAX_HEAD_BYTES;
    private static final String START = "GET / HTTP/1.1\r\nHost: a\r\nX-Pad: ";

    /** A valid head of exactly {@code size} bytes. */
    static String headOf(int size) {
        return START + "p".repeat(size - START.length() - 4) + "\r\n\r\n";
    }

    private static void assertHeldWithinLimit(RequestHeadParser parser, int limit) {
        assertTrue(parser.buffered() <= limit, "held " + parser.buffered());
        assertTrue(parser.lineCapacity() <= limit, "line buffer of " + parser.lineCapacity());
    }

    @Test
    void aHeadOfExactlyTheLimitIsAccepted() {
        String head = headOf(LIMIT);
        ByteBuffer in = ByteBuffer.wrap(bytes(head + "GET /next"));
        RequestHead h = assertInstanceOf(Complete.class, new RequestHeadParser().feed(in)).head();
        assertEquals(LIMIT, h.size());
        assertEquals(LIMIT, in.position(), "the next request's bytes stay in the buffer");
        assertEquals(h, Heads.parse(head));
    }

    @Test
    void oneByteOverIsRefusedWithoutTakingIt() {
        ByteBuffer in = ByteBuffer.wrap(bytes(headOf(LIMIT + 1)));
        RequestHeadParser parser = new RequestHeadParser();
        Failed f = assertInstanceOf(Failed.class, parser.feed(in));
        assertEquals(431, f.status());
        assertEquals(LIMIT, in.position(), "the byte past the limit was not taken");
        assertEquals(LIMIT, parser.buffered());
        assertHeldWithinLimit(parser, LIMIT);
        assertEquals(f, Heads.refuse(headOf(LIMIT + 1)), "byte by byte as whole");
    }

    @Test
    void anEmptyLineBeforeTheHeadIsNotCountedAgainstTheLimit() {
        ByteBuffer in = ByteBuffer.wrap(bytes("\r\n" + headOf(LIMIT)));
        assertEquals(LIMIT, assertInstanceOf(Complete.class, new RequestHeadParser().feed(in)).head().size());
    }

    @Test
    void aMegabyteHeaderIsRefusedAtTheLimit() {
        ByteBuffer in = ByteBuffer.wrap(bytes(START + "p".repeat(1 << 20) + "\r\n\r\n"));
        RequestHeadParser parser = new RequestHeadParser();
        assertEquals(431, assertInstanceOf(Failed.class, parser.feed(in)).status());
        assertEquals(LIMIT, in.position());
        assertHeldWithinLimit(parser, LIMIT);
    }

    @Test
    void aMegabyteHeaderInReadsIsRefusedAtTheLimit() {
        byte[] all = bytes(START + "p".repeat(1 << 20) + "\r\n\r\n");
        RequestHeadParser parser = new RequestHeadParser();
        Result r = RequestHeadParser.Result.NEED_MORE;
        int offered = 0;
        while (r instanceof RequestHeadParser.NeedMore) {
            r = parser.feed(ByteBuffer.wrap(all, offered, 1500));
            offered += 1500;
            assertHeldWithinLimit(parser, LIMIT);
        }
        assertEquals(431, assertInstanceOf(Failed.class, r).status());
        assertTrue(offered <= LIMIT + 1500, "refused within a read of the limit, after " + offered);
    }

    @Test
    void aMegabyteTargetIs414() {
        ByteBuffer in = ByteBuffer.wrap(bytes("GET /" + "a".repeat(1 << 20) + " HTTP/1.1\r\nHost: a\r\n\r\n"));
        RequestHeadParser parser = new RequestHeadParser();
        assertEquals(414, assertInstanceOf(Failed.class, parser.feed(in)).status());
        assertEquals(LIMIT, in.position());
        assertHeldWithinLimit(parser, LIMIT);
    }

    @Test
    void aMegabyteWithoutASpaceIsNoRequestLine() {
        ByteBuffer in = ByteBuffer.wrap(bytes("G".repeat(1 << 20)));
        assertEquals(400, assertInstanceOf(Failed.class, new RequestHeadParser().feed(in)).status());
        assertEquals(LIMIT, in.position());
    }

    @Test
    void smallLimitsCountTheWholeHead() {
        String head = "GET / HTTP/1.1\r\nHost: a\r\n\r\n";
        RequestHeadParser exact = new RequestHeadParser(head.length(), 1);
        assertInstanceOf(Complete.class, exact.feed(ByteBuffer.wrap(bytes(head))));
        RequestHeadParser under = new RequestHeadParser(head.length() - 1, 1);
        assertEquals(431, assertInstanceOf(Failed.class, under.feed(ByteBuffer.wrap(bytes(head)))).status());
    }

    @Test
    void theFieldLimitCountsLines() {
        StringBuilder fields = new StringBuilder();
        for (int i = 1; i < RequestHeadParser.DEFAULT_MAX_FIELDS; i++) {
            fields.append("X-").append(i).append(": v\r\n");
        }
        String most = "GET / HTTP/1.1\r\nHost: a\r\n" + fields;
        assertEquals(RequestHeadParser.DEFAULT_MAX_FIELDS, Heads.parse(most + "\r\n").headers().size());
        Heads.assertRefused(431, most + "X-Last: v\r\n\r\n");
        RequestHeadParser two = new RequestHeadParser(1024, 2);
        String three = "GET / HTTP/1.1\r\nHost: a\r\nA: 1\r\nB: 2\r\n\r\n";
        assertEquals(431, assertInstanceOf(Failed.class, two.feed(ByteBuffer.wrap(bytes(three)))).status());
    }

    @Test
    void limitsTooSmallForAnyHeadAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new RequestHeadParser(15, 64));
        assertThrows(IllegalArgumentException.class, () -> new RequestHeadParser(8192, 0));
    }
}
