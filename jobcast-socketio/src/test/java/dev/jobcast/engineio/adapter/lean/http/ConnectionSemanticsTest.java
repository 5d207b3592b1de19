// What a head says of its connection: whether it persists (RFC 9112 section 9.3) and
// whether it asks to become a WebSocket (RFC 6455 section 4.2.1, RFC 9110 section 7.8).
package dev.jobcast.engineio.adapter.lean.http;

import static dev.jobcast.engineio.adapter.lean.http.Heads.get;
import static dev.jobcast.engineio.adapter.lean.http.Heads.parse;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ConnectionSemanticsTest {

    /** The client handshake of RFC 6455 section 1.2. */
    static final String RFC6455_HANDSHAKE = "GET /chat HTTP/1.1\r\n"
            + "Host: server.example.com\r\n"
            + "Upgrade: websocket\r\n"
            + "Connection: Upgrade\r\n"
            + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
            + "Origin: http://example.com\r\n"
            + "Sec-WebSocket-Protocol: chat, superchat\r\n"
            + "Sec-WebSocket-Version: 13\r\n"
            + "\r\n";

    @Test
    void http11PersistsUnlessTheClientSaysClose() {
        assertTrue(parse(get("/")).keepAlive());
        assertTrue(parse(get("/", "Connection: keep-alive")).keepAlive());
        assertFalse(parse(get("/", "Connection: close")).keepAlive());
        assertFalse(parse(get("/", "Connection: Keep-Alive, CLOSE")).keepAlive());
        assertFalse(parse(get("/", "Connection: te", "Connection: close")).keepAlive(), "over two lines");
    }

    @Test
    void http10PersistsOnlyWhenAsked() {
        assertFalse(parse("GET / HTTP/1.0\r\n\r\n").keepAlive());
        assertTrue(parse("GET / HTTP/1.0\r\nConnection: Keep-Alive\r\n\r\n").keepAlive());
        assertFalse(parse("GET / HTTP/1.0\r\nConnection: keep-alive, close\r\n\r\n").keepAlive());
        assertFalse(parse("GET / HTTP/1.0\r\nConnection: keep-alive-not\r\n\r\n").keepAlive(), "tokens, not substrings");
    }

    @Test
    void theRfcHandshakeIsAnUpgrade() {
        RequestHead h = parse(RFC6455_HANDSHAKE);
        assertTrue(h.isWebSocketUpgrade());
        assertTrue(h.headerHasToken("Sec-WebSocket-Protocol", "superchat"));
    }

    @Test
    void browsersSpellingsAreUpgrades() {
        // Firefox sends "keep-alive, Upgrade"; tokens compare case-insensitively.
        assertTrue(parse(get("/", "Connection: keep-alive, Upgrade", "Upgrade: websocket")).isWebSocketUpgrade());
        assertTrue(parse(get("/", "Connection: UPGRADE", "Upgrade: WebSocket")).isWebSocketUpgrade());
        assertTrue(parse(get("/", "Connection: upgrade", "Upgrade: h2c, websocket")).isWebSocketUpgrade());
    }

    @Test
    void anythingShortOfItIsNoUpgrade() {
        assertFalse(parse(get("/", "Upgrade: websocket")).isWebSocketUpgrade(), "no Connection");
        assertFalse(parse(get("/", "Connection: Upgrade")).isWebSocketUpgrade(), "no Upgrade");
        assertFalse(parse(get("/", "Connection: Upgrade", "Upgrade: h2c")).isWebSocketUpgrade());
        assertFalse(parse(get("/", "Connection: Upgraded", "Upgrade: websocket")).isWebSocketUpgrade());
        assertFalse(parse(get("/", "Connection: Upgrade", "Upgrade: websockets")).isWebSocketUpgrade());
        assertFalse(parse("POST / HTTP/1.1\r\nHost: a\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n\r\n")
                .isWebSocketUpgrade(), "not a GET");
        assertFalse(parse("GET / HTTP/1.0\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n\r\n")
                .isWebSocketUpgrade(), "HTTP/1.0 cannot upgrade");
    }
}
