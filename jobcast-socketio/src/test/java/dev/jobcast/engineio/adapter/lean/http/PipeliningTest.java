// A parser over a keep-alive connection: it stops at the end of each head, leaving a body
// and the next request in the buffer (RFC 9112 section 9.3.2), and is reset between them.
package dev.jobcast.engineio.adapter.lean.http;

import static dev.jobcast.engineio.adapter.lean.http.Heads.bytes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.jobcast.engineio.adapter.lean.http.RequestHeadParser.Complete;
import dev.jobcast.engineio.adapter.lean.http.RequestHeadParser.Failed;
import dev.jobcast.engineio.adapter.lean.http.RequestHeadParser.Result;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PipeliningTest {

    private static final String FIRST = "GET /socket.io/?EIO=4&transport=polling&sid=a HTTP/1.1\r\nHost: h\r\n\r\n";
    private static final String SECOND = "GET /socket.io/?EIO=4&transport=polling&sid=b HTTP/1.1\r\nHost: h\r\n\r\n";
    private static final String POST = "POST /socket.io/?EIO=4&transport=polling&sid=a HTTP/1.1\r\n"
            + "Host: h\r\nContent-Length: 6\r\n\r\n";

    private static RequestHead complete(Result r) {
        return assertInstanceOf(Complete.class, r).head();
    }

    @Test
    void twoRequestsInOneBuffer() {
        ByteBuffer in = ByteBuffer.wrap(bytes(FIRST + SECOND));
        RequestHeadParser parser = new RequestHeadParser();
        assertEquals("a", complete(parser.feed(in)).query().get("sid"));
        assertEquals(FIRST.length(), in.position(), "stopped right after the first head");
        parser.reset();
        assertEquals("b", complete(parser.feed(in)).query().get("sid"));
        assertEquals(0, in.remaining());
    }

    @Test
    void theBodyIsLeftForTheCallerThenTheNextHead() {
        ByteBuffer in = ByteBuffer.wrap(bytes(POST + "4hello" + SECOND));
        RequestHeadParser parser = new RequestHeadParser();
        RequestHead post = complete(parser.feed(in));
        assertEquals(6, post.contentLength());
        byte[] body = new byte[(int) post.contentLength()];
        in.get(body);
        assertEquals("4hello", new String(body, StandardCharsets.US_ASCII));
        parser.reset();
        assertEquals("b", complete(parser.feed(in)).query().get("sid"));
    }

    @Test
    void aStrayCrlfAfterABodyIsTolerated() {
        // Some HTTP/1.0-era clients end a POST body with an extra CRLF (RFC 9112 section 2.2).
        ByteBuffer in = ByteBuffer.wrap(bytes(POST + "4hello" + "\r\n" + SECOND));
        RequestHeadParser parser = new RequestHeadParser();
        long length = complete(parser.feed(in)).contentLength();
        in.position(in.position() + (int) length);
        parser.reset();
        assertEquals("b", complete(parser.feed(in)).query().get("sid"));
    }

    @Test
    void aCompleteParserTakesNothingMoreUntilReset() {
        ByteBuffer in = ByteBuffer.wrap(bytes(FIRST + SECOND));
        RequestHeadParser parser = new RequestHeadParser();
        Result first = parser.feed(in);
        assertSame(first, parser.feed(in));
        assertEquals(FIRST.length(), in.position());
    }

    @Test
    void aFailedParserStaysFailedUntilReset() {
        RequestHeadParser parser = new RequestHeadParser();
        Result failed = parser.feed(ByteBuffer.wrap(bytes("GET / HTTP/1.1\nHost: h\r\n\r\n")));
        assertEquals(400, assertInstanceOf(Failed.class, failed).status());
        ByteBuffer valid = ByteBuffer.wrap(bytes(SECOND));
        assertSame(failed, parser.feed(valid));
        assertEquals(0, valid.position(), "nothing taken once failed");
        parser.reset();
        assertEquals("b", complete(parser.feed(valid)).query().get("sid"));
    }

    @Test
    void aHeadSplitAcrossReadsContinuesWhereItStopped() {
        byte[] all = bytes(FIRST);
        RequestHeadParser parser = new RequestHeadParser();
        for (int cut = 0; cut < all.length; cut++) {
            parser.reset();
            assertInstanceOf(RequestHeadParser.NeedMore.class, parser.feed(ByteBuffer.wrap(all, 0, cut)));
            ByteBuffer rest = ByteBuffer.wrap(all, cut, all.length - cut);
            assertEquals(Heads.parse(FIRST), complete(parser.feed(rest)), "cut at " + cut);
        }
    }
}
