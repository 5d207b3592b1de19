// Line endings of RFC 9112 section 2.2: every line ends with CRLF; a bare CR or a bare LF is
// refused rather than guessed at, and one empty line before the request-line is tolerated.
package dev.jobcast.engineio.adapter.lean.http;

import static dev.jobcast.engineio.adapter.lean.http.Heads.assertRefused;
import static dev.jobcast.engineio.adapter.lean.http.Heads.bytes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.jobcast.engineio.adapter.lean.http.RequestHeadParser.Complete;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LineEndingsTest {

    @ParameterizedTest
    @ValueSource(strings = {
        "GET / HTTP/1.1\nHost: a\r\n\r\n",
        "GET / HTTP/1.1\r\nHost: a\n\r\n",
        "GET / HTTP/1.1\r\nHost: a\r\n\n",
        "GET / HTTP/1.1\n\n",
        "\nGET / HTTP/1.1\r\nHost: a\r\n\r\n",
    })
    void aBareLfIsRefused(String head) {
        assertRefused(400, head);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "GET / HTTP/1.1\rHost: a\r\n\r\n",
        "GET / HTTP/1.1\r\nHost: a\r\r\n\r\n",
        "GET / HTTP/1.1\r\nHost: a\rb\r\n\r\n",
        "GET / HTTP/1.1\r\nHost: a\r\n\r\r\n",
        "GET /\r HTTP/1.1\r\nHost: a\r\n\r\n",
        "\rGET / HTTP/1.1\r\nHost: a\r\n\r\n",
    })
    void aBareCrIsRefused(String head) {
        assertRefused(400, head);
    }

    @Test
    void oneEmptyLineBeforeTheRequestLineIsSkippedAndNotCounted() {
        String request = "GET / HTTP/1.1\r\nHost: a\r\n\r\n";
        ByteBuffer in = ByteBuffer.wrap(bytes("\r\n" + request));
        RequestHead h = assertInstanceOf(Complete.class, new RequestHeadParser().feed(in)).head();
        assertEquals(request.length(), h.size());
        assertEquals(0, in.remaining());
        assertEquals(h, Heads.parse(request));
    }

    @Test
    void twoEmptyLinesBeforeTheRequestLineAreRefused() {
        assertRefused(400, "\r\n\r\nGET / HTTP/1.1\r\nHost: a\r\n\r\n");
    }
}
