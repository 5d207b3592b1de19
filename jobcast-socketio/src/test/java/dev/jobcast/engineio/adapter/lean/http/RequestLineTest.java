// The request-line of RFC 9112 section 3: RFC examples accepted, and each departure from
// method SP origin-form SP HTTP/1.x refused with its status.
package dev.jobcast.engineio.adapter.lean.http;

import static dev.jobcast.engineio.adapter.lean.http.Heads.assertRefused;
import static dev.jobcast.engineio.adapter.lean.http.Heads.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RequestLineTest {

    /** RFC 9112 section 2.1 (and RFC 9110 section 6.3): the client request of the example. */
    static final String RFC_EXAMPLE = "GET /hello.txt HTTP/1.1\r\n"
            + "User-Agent: curl/7.64.1\r\n"
            + "Host: www.example.com\r\n"
            + "Accept-Language: en, mi\r\n"
            + "\r\n";

    @Test
    void theRfcExampleRequest() {
        RequestHead h = parse(RFC_EXAMPLE);
        assertEquals("GET", h.method());
        assertEquals("/hello.txt", h.target());
        assertEquals("/hello.txt", h.path());
        assertEquals(Map.of(), h.query());
        assertEquals(1, h.minorVersion());
        assertEquals(List.of(new Header("User-Agent", "curl/7.64.1"), new Header("Host", "www.example.com"),
                new Header("Accept-Language", "en, mi")), h.headers());
        assertEquals(0, h.contentLength());
        assertEquals(RFC_EXAMPLE.length(), h.size());
    }

    @Test
    void http10NeedsNoHost() {
        RequestHead h = parse("GET / HTTP/1.0\r\n\r\n");
        assertEquals(0, h.minorVersion());
        assertEquals(List.of(), h.headers());
    }

    @Test
    void anyTokenIsAMethodAsSent() {
        assertEquals("M-SEARCH", parse("M-SEARCH / HTTP/1.1\r\nHost: a\r\n\r\n").method());
        // Methods are case-sensitive (RFC 9110 section 9.1): "get" is not GET, the caller judges it.
        assertEquals("get", parse("get / HTTP/1.1\r\nHost: a\r\n\r\n").method());
    }

    @Test
    void asteriskFormOnlyForOptions() {
        RequestHead h = parse("OPTIONS * HTTP/1.1\r\nHost: www.example.org:8001\r\n\r\n");
        assertEquals("*", h.target());
        assertEquals("*", h.path());
        assertRefused(400, "GET * HTTP/1.1\r\nHost: a\r\n\r\n");
    }

    @Test
    void absoluteAndAuthorityFormsAreRefused() {
        // The examples of RFC 9112 sections 3.2.2 and 3.2.3.
        assertRefused(400, "GET http://www.example.org/pub/WWW/TheProject.html HTTP/1.1\r\nHost: www.example.org\r\n\r\n");
        assertRefused(400, "CONNECT www.example.com:80 HTTP/1.1\r\nHost: www.example.com\r\n\r\n");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "GET  / HTTP/1.1", "GET /  HTTP/1.1", " GET / HTTP/1.1", "GET / HTTP/1.1 ", "GET\t/ HTTP/1.1",
        "GET /\tHTTP/1.1", "GET /", "GET", "GET / HTTP/1.1 extra", "/ HTTP/1.1",
    })
    void anythingButSingleSpacesIsRefused(String requestLine) {
        assertRefused(400, requestLine + "\r\nHost: a\r\n\r\n");
    }

    @ParameterizedTest
    @ValueSource(strings = {"GE(T", "GET/", "G\"T", "GET@", "{}"})
    void aMethodMustBeAToken(String method) {
        assertRefused(400, method + " / HTTP/1.1\r\nHost: a\r\n\r\n");
    }

    @ParameterizedTest
    @ValueSource(strings = {"HTTP/2.0", "HTTP/1.2", "HTTP/0.9", "HTTP/3.0"})
    void otherVersionsAre505(String version) {
        assertRefused(505, "GET / " + version + "\r\nHost: a\r\n\r\n");
    }

    @ParameterizedTest
    @ValueSource(strings = {"http/1.1", "HTTP/1.10", "HTTP/1", "HTTP/11", "HTTPS/1.1", "HTTP/1.1a", "HTTP/a.b"})
    void whatIsNoVersionIs400(String version) {
        assertRefused(400, "GET / " + version + "\r\nHost: a\r\n\r\n");
    }

    @Test
    void thePrefaceOfHttp2IsRefusedAsAVersion() {
        assertRefused(505, "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/caf\u00e9", "/caf\u00c3\u00a9", "/\u0080", "/\u00ff"})
    void nonAsciiBytesInTheRequestLineAreRefused(String target) {
        assertRefused(400, "GET " + target + " HTTP/1.1\r\nHost: a\r\n\r\n");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/\u0000", "/a\u0001b", "/\u007f", "/a\u001bb"})
    void controlBytesInTheRequestLineAreRefused(String target) {
        assertRefused(400, "GET " + target + " HTTP/1.1\r\nHost: a\r\n\r\n");
    }
}
