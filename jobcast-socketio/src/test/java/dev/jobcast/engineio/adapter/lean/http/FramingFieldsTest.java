// The fields that frame a request, which a strict server must not guess at: exactly one
// Host (RFC 9112 section 3.2), one well-formed Content-Length (RFC 9112 section 6.3), and
// no Transfer-Encoding, which the lean path never needs (RFC 9112 section 6.1: 501).
package dev.jobcast.engineio.adapter.lean.http;

import static dev.jobcast.engineio.adapter.lean.http.Heads.assertRefused;
import static dev.jobcast.engineio.adapter.lean.http.Heads.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FramingFieldsTest {

    private static String post(String... fieldLines) {
        StringBuilder sb = new StringBuilder("POST /socket.io/ HTTP/1.1\r\n");
        for (String f : fieldLines) {
            sb.append(f).append("\r\n");
        }
        return sb.append("\r\n").toString();
    }

    @Test
    void http11WithoutHostIsRefused() {
        assertRefused(400, "GET / HTTP/1.1\r\nAccept: */*\r\n\r\n");
    }

    @Test
    void twoHostsAreRefusedWhateverTheCaseOrVersion() {
        assertRefused(400, "GET / HTTP/1.1\r\nHost: a\r\nHost: a\r\n\r\n");
        assertRefused(400, "GET / HTTP/1.1\r\nHost: a\r\nhost: b\r\n\r\n");
        assertRefused(400, "GET / HTTP/1.0\r\nHost: a\r\nHOST: b\r\n\r\n");
    }

    @ParameterizedTest
    @ValueSource(strings = {"www.example.com", "localhost:3000", "127.0.0.1:80", "[::1]:8080", "[fe80::1%25eth0]",
        "", "xn--caf-dma.example", "a:"})
    void hostsOfEveryFormAreAccepted(String host) {
        assertEquals(host, parse("GET / HTTP/1.1\r\nHost: " + host + "\r\n\r\n").header("Host").orElseThrow());
    }

    @ParameterizedTest
    @ValueSource(strings = {"a b", "a/b", "a@b", "a:b:c", "[::1", "a:80x", "caf\u00e9", "a%zz"})
    void invalidHostsAreRefused(String host) {
        assertRefused(400, "GET / HTTP/1.1\r\nHost: " + host + "\r\n\r\n");
    }

    @Test
    void contentLengthIsReadAndZeroWhenAbsent() {
        assertEquals(5, parse(post("Host: a", "Content-Length: 5")).contentLength());
        assertEquals(5, parse(post("Host: a", "content-length:0005")).contentLength());
        assertEquals(0, parse(post("Host: a", "Content-Length: 0")).contentLength());
        assertEquals(0, parse(post("Host: a")).contentLength());
        assertEquals(999_999_999_999_999_999L, parse(post("Host: a", "Content-Length: 999999999999999999")).contentLength());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "+5", "-1", "5 5", "5,5", "5, 5", "0x5", "5.0", "1e3", "\u00b2",
        "1000000000000000000", "99999999999999999999999"})
    void aMalformedContentLengthIsRefused(String value) {
        assertRefused(400, post("Host: a", "Content-Length: " + value));
    }

    @Test
    void twoContentLengthsAreRefusedEvenWhenEqual() {
        assertRefused(400, post("Host: a", "Content-Length: 5", "Content-Length: 5"));
        assertRefused(400, post("Host: a", "Content-Length: 5", "content-length: 6"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"chunked", "gzip, chunked", "identity", ""})
    void anyTransferEncodingIs501(String coding) {
        assertRefused(501, post("Host: a", "Transfer-Encoding: " + coding));
        assertRefused(501, post("Host: a", "Content-Length: 5", "transfer-encoding: " + coding));
        assertRefused(501, post("Host: a", "Transfer-Encoding: " + coding, "Content-Length: 5"));
    }
}
