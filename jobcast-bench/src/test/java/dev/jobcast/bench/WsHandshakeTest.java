package dev.jobcast.bench;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jobcast.engineio.adapter.lean.ws.WsAccept;
import dev.jobcast.engineio.adapter.lean.ws.WsProtocolException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Random;
import org.junit.jupiter.api.Test;

class WsHandshakeTest {

    private static final String KEY = "dGhlIHNhbXBsZSBub25jZQ==";
    // RFC 6455 sections 1.3 and 4.2.2 (checked with python's hashlib and openssl too).
    private static final String ACCEPT = "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=";

    private static String response(String... headers) {
        return "HTTP/1.1 101 Switching Protocols\r\n" + String.join("\r\n", headers);
    }

    @Test
    void keysAreSixteenRandomBytesInBase64() {
        Random random = new Random(1);
        String a = WsHandshake.newKey(random);
        assertEquals(16, Base64.getDecoder().decode(a).length);
        assertTrue(WsAccept.isValidKey(a), "what a server checks");
        assertNotEquals(a, WsHandshake.newKey(random));
    }

    @Test
    void theRequestUpgradesTheUrisPathAndQuery() {
        String request = new String(WsHandshake.request(
                URI.create("ws://127.0.0.1:3000/socket.io/?EIO=4&transport=websocket"), KEY), StandardCharsets.US_ASCII);
        assertEquals("GET /socket.io/?EIO=4&transport=websocket HTTP/1.1\r\n"
                + "Host: 127.0.0.1:3000\r\n"
                + "Upgrade: websocket\r\n"
                + "Connection: Upgrade\r\n"
                + "Sec-WebSocket-Key: " + KEY + "\r\n"
                + "Sec-WebSocket-Version: 13\r\n\r\n", request);
        assertTrue(new String(WsHandshake.request(URI.create("ws://example.org"), KEY), StandardCharsets.US_ASCII)
                .startsWith("GET / HTTP/1.1\r\nHost: example.org\r\n"));
    }

    @Test
    void findsTheEndOfTheHeadOnlyOnceItCame() {
        ByteBuffer partial = ByteBuffer.wrap("HTTP/1.1 101 OK\r\nA: b\r\n\r".getBytes(StandardCharsets.US_ASCII));
        assertEquals(-1, WsHandshake.headEnd(partial));
        byte[] whole = "HTTP/1.1 101 OK\r\nA: b\r\n\r\n\u0081\u0001x".getBytes(StandardCharsets.ISO_8859_1);
        assertEquals(whole.length - 3, WsHandshake.headEnd(ByteBuffer.wrap(whole)));
    }

    @Test
    void acceptsARightAnswerInAnyCase() {
        assertDoesNotThrow(() -> WsHandshake.verify(response("upgrade: WebSocket", "connection: keep-alive, Upgrade",
                "sec-websocket-accept: " + ACCEPT), KEY));
    }

    @Test
    void refusesWrongAnswers() {
        assertThrows(WsProtocolException.class, () -> WsHandshake.verify(
                "HTTP/1.1 400 Bad Request\r\nContent-Length: 0", KEY));
        assertThrows(WsProtocolException.class, () -> WsHandshake.verify(response(
                "Upgrade: websocket", "Connection: Upgrade", "Sec-WebSocket-Accept: x" + ACCEPT), KEY));
        assertThrows(WsProtocolException.class, () -> WsHandshake.verify(response(
                "Upgrade: websocket", "Connection: Upgrade"), KEY));
        assertThrows(WsProtocolException.class, () -> WsHandshake.verify(response(
                "Upgrade: h2c", "Connection: Upgrade", "Sec-WebSocket-Accept: " + ACCEPT), KEY));
        assertThrows(WsProtocolException.class, () -> WsHandshake.verify(response(
                "Upgrade: websocket", "Sec-WebSocket-Accept: " + ACCEPT), KEY));
        WsProtocolException e = assertThrows(WsProtocolException.class, () -> WsHandshake.verify(response(
                "Upgrade: websocket", "Connection: Upgrade", "Sec-WebSocket-Accept: " + ACCEPT,
                "Sec-WebSocket-Extensions: permessage-deflate"), KEY));
        assertTrue(e.getMessage().contains("not offered"), e.getMessage());
        assertThrows(WsProtocolException.class, () -> WsHandshake.verify("SSH-2.0-OpenSSH", KEY));
    }
}
