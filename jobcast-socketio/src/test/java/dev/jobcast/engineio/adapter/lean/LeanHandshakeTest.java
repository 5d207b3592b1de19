package dev.jobcast.engineio.adapter.lean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jobcast.engineio.HandshakeRequest;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The handshake a lean session keeps: its raw head, turned into the same maps as Pekko HTTP's when asked. */
class LeanHandshakeTest {

    private static final String HEAD = "GET /socket.io/?EIO=4&transport=websocket&token=a%20b HTTP/1.1\r\n"
            + "Host: example.com\r\n"
            + "Upgrade: websocket\r\n"
            + "Connection: Upgrade\r\n"
            + "X-Trace: one\r\n"
            + "x-trace: two\r\n"
            + "Cookie: k=v\r\n"
            + "\r\n";

    private static HandshakeRequest handshake() {
        return LeanResponses.handshake(HEAD.getBytes(StandardCharsets.ISO_8859_1), "websocket",
                new InetSocketAddress("127.0.0.5", 40000), LeanSetup.MAX_HEAD_BYTES, LeanSetup.MAX_HEADER_FIELDS);
    }

    @Test
    void theQueryHeadersAndAddressAreThoseOfTheRequest() {
        HandshakeRequest h = handshake();
        assertEquals("websocket", h.transport());
        assertEquals(Map.of("EIO", "4", "transport", "websocket", "token", "a b"), h.query());
        assertEquals("example.com", h.headers().get("host"));
        assertEquals("one, two", h.headers().get("x-trace"), "repeated fields joined, names in lower case");
        assertEquals("k=v", h.header("COOKIE").orElseThrow());
        assertEquals("127.0.0.5", h.remoteAddress());
        assertEquals(5, h.headers().size());
    }

    @Test
    void itIsTheSameAsAHandshakeBuiltAtOnceFromTheSameFields() {
        HandshakeRequest.Parts deferred = handshake().parts();
        HandshakeRequest eager = new HandshakeRequest("websocket", deferred.query(), deferred.headers(),
                deferred.remoteAddress());
        assertEquals(eager.parts(), deferred);
        assertTrue(eager.toString().contains("x-trace=one, two"));
    }

    @Test
    void eachAskBuildsItsOwnMapsSoNothingIsKeptAndNobodyCanChangeThem() {
        HandshakeRequest h = handshake();
        assertNotSame(h.headers(), h.headers());
        assertEquals(h.headers(), h.headers());
        org.junit.jupiter.api.Assertions.assertThrows(UnsupportedOperationException.class,
                () -> h.headers().put("host", "evil"));
    }
}
