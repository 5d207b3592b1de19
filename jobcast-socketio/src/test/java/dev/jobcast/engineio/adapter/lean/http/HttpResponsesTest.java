// Golden bytes of the responses the lean path writes (RFC 9112 sections 4-6, RFC 6455
// section 4.2.2), and the refusal of any part that would end a line early and inject fields.
package dev.jobcast.engineio.adapter.lean.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HttpResponsesTest {

    private static void assertBytes(String expected, byte[] actual) {
        assertEquals(expected, new String(actual, StandardCharsets.ISO_8859_1));
        assertArrayEquals(expected.getBytes(StandardCharsets.ISO_8859_1), actual);
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aPollingAnswerThatKeepsTheConnection() {
        assertBytes("HTTP/1.1 200 OK\r\n"
                        + "Content-Type: text/plain; charset=UTF-8\r\n"
                        + "Content-Length: 2\r\n"
                        + "\r\n"
                        + "ok",
                HttpResponses.response(200, "OK", List.of(new Header("Content-Type", "text/plain; charset=UTF-8")),
                        utf8("ok"), false));
    }

    @Test
    void theLengthCountsBytesNotCharacters() {
        // "4é" is three bytes in UTF-8; the body goes out as given.
        assertBytes("HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\n4\u00c3\u00a9",
                HttpResponses.response(200, "OK", List.of(), utf8("4\u00e9"), false));
    }

    @Test
    void noBodyIsContentLengthZero() {
        assertBytes("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n", HttpResponses.response(200, "OK", List.of(), null, false));
        assertBytes("HTTP/1.1 200 OK\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
                HttpResponses.response(200, "OK", List.of(), new byte[0], true));
    }

    @Test
    void aJsonErrorThatCloses() {
        assertBytes("HTTP/1.1 400 Bad Request\r\n"
                        + "Content-Type: application/json\r\n"
                        + "Content-Length: 34\r\n"
                        + "Connection: close\r\n"
                        + "\r\n"
                        + "{\"code\":3,\"message\":\"Bad request\"}",
                HttpResponses.error(400, "{\"code\":3,\"message\":\"Bad request\"}", true));
    }

    @Test
    void aJsonErrorThatKeepsTheConnection() {
        assertBytes("HTTP/1.1 431 Request Header Fields Too Large\r\n"
                        + "Content-Type: application/json\r\n"
                        + "Content-Length: 2\r\n"
                        + "\r\n"
                        + "{}",
                HttpResponses.error(431, "{}", false));
    }

    @Test
    void aPreflightAnswerHasNoContentLength() {
        // RFC 9110 section 8.6: a 204 must not carry Content-Length.
        assertBytes("HTTP/1.1 204 No Content\r\n"
                        + "Access-Control-Allow-Origin: https://app.example.com\r\n"
                        + "Access-Control-Allow-Methods: GET, POST\r\n"
                        + "Vary: Origin\r\n"
                        + "\r\n",
                HttpResponses.response(204, "No Content", List.of(
                        new Header("Access-Control-Allow-Origin", "https://app.example.com"),
                        new Header("Access-Control-Allow-Methods", "GET, POST"),
                        new Header("Vary", "Origin")), null, false));
        assertThrows(IllegalArgumentException.class,
                () -> HttpResponses.response(204, "No Content", List.of(), utf8("x"), false));
    }

    @Test
    void theSwitchOfRfc6455() {
        // The accept of RFC 6455 section 1.3, for the key dGhlIHNhbXBsZSBub25jZQ==.
        assertBytes("HTTP/1.1 101 Switching Protocols\r\n"
                        + "Upgrade: websocket\r\n"
                        + "Connection: Upgrade\r\n"
                        + "Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n"
                        + "\r\n",
                HttpResponses.switchingProtocols("s3pPLMBiTxaQ9kYGzzhZRbK+xOo="));
    }

    @Test
    void anHttp10ClientMayBeToldKeepAlive() {
        assertBytes("HTTP/1.1 200 OK\r\nConnection: keep-alive\r\nContent-Length: 0\r\n\r\n",
                HttpResponses.response(200, "OK", List.of(new Header("Connection", "keep-alive")), null, false));
    }

    @Test
    void obsTextGoesOutAsOneByteAndAnEmptyReasonKeepsItsSpace() {
        assertBytes("HTTP/1.1 599 \r\nX-Name: caf\u00e9\r\nContent-Length: 0\r\n\r\n",
                HttpResponses.response(599, HttpResponses.reasonPhrase(599), List.of(new Header("X-Name", "caf\u00e9")),
                        null, false));
    }

    @ParameterizedTest
    @ValueSource(strings = {"a\r\nSet-Cookie: x=1", "a\nSet-Cookie: x=1", "a\rb", "a\u0000b", "a\u007fb",
        "a\u0085b\r\n", "\u20ac", "a\u2028b"})
    void aValueThatWouldBreakTheHeadIsRefused(String value) {
        assertThrows(IllegalArgumentException.class,
                () -> HttpResponses.response(200, "OK", List.of(new Header("X-App", value)), null, false));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "X App", "X:App", "X-App\r\nSet-Cookie", "X\nA", "Caf\u00e9", "X(A)"})
    void aNameThatIsNoTokenIsRefused(String name) {
        assertThrows(IllegalArgumentException.class,
                () -> HttpResponses.response(200, "OK", List.of(new Header(name, "v")), null, false));
    }

    @Test
    void everyValueTheParserAcceptsCanBeEchoed() {
        // CORS answers echo Origin and Access-Control-Request-Headers: whatever byte the parser
        // lets into a value, the writer must take back, or an echo would throw mid-response.
        for (int b = 0; b < 256; b++) {
            String value = "a" + (char) b + "a";
            RequestHeadParser.Result r = Heads.whole(Heads.get("/", "Origin: " + value));
            if (r instanceof RequestHeadParser.Complete c) {
                String origin = c.head().header("Origin").orElseThrow();
                assertEquals(value, origin);
                HttpResponses.response(204, "No Content", List.of(new Header("Access-Control-Allow-Origin", origin)),
                        null, false);
            } else {
                assertThrows(IllegalArgumentException.class,
                        () -> HttpResponses.response(200, "OK", List.of(new Header("X", value)), null, false),
                        () -> "byte " + Integer.toHexString(value.charAt(1)) + " refused in, but not out");
            }
        }
    }

    @Test
    void aReasonWithALineBreakIsRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> HttpResponses.response(200, "OK\r\nSet-Cookie: x=1", List.of(), null, false));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Content-Length", "content-length", "Transfer-Encoding"})
    void theFramingIsTheWritersOwn(String name) {
        assertThrows(IllegalArgumentException.class,
                () -> HttpResponses.response(200, "OK", List.of(new Header(name, "5")), null, false));
    }

    @Test
    void aConnectionFieldContradictingCloseIsRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> HttpResponses.response(200, "OK", List.of(new Header("Connection", "keep-alive")), null, true));
    }

    @Test
    void onlyFinalStatusesHaveAResponse() {
        for (int status : new int[] {-1, 0, 99, 100, 101, 199, 600, 1000}) {
            assertThrows(IllegalArgumentException.class, () -> HttpResponses.response(status, "X", List.of(), null, false));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "abc\r\nSet-Cookie: x=1", "abc def", "abc\u0000"})
    void anAcceptThatIsNoBase64IsRefused(String accept) {
        assertThrows(IllegalArgumentException.class, () -> HttpResponses.switchingProtocols(accept));
    }
}
