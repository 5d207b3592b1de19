// The requests the lean path exists for, as Engine.IO v4 clients send them: the polling
// handshake, a poll, a POST of packets, the CORS preflight and the WebSocket upgrade.
package dev.jobcast.engineio.adapter.lean.http;

import static dev.jobcast.engineio.adapter.lean.http.Heads.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EngineIoRequestsTest {

    @Test
    void thePollingHandshake() {
        RequestHead h = parse("GET /socket.io/?EIO=4&transport=polling&t=OabcD HTTP/1.1\r\n"
                + "Host: localhost:8080\r\n"
                + "Accept: */*\r\n"
                + "Origin: http://localhost:5173\r\n"
                + "\r\n");
        assertEquals("/socket.io/", h.path());
        assertEquals(Map.of("EIO", "4", "transport", "polling", "t", "OabcD"), h.query());
        assertTrue(h.keepAlive());
        assertFalse(h.isWebSocketUpgrade());
    }

    @Test
    void aPollOfASession() {
        RequestHead h = parse("GET /socket.io/?EIO=4&transport=polling&t=OabcE.0&sid=lv_VI97HAXpY6yYWAAAC HTTP/1.1\r\n"
                + "Host: localhost:8080\r\n"
                + "Connection: keep-alive\r\n"
                + "\r\n");
        assertEquals("lv_VI97HAXpY6yYWAAAC", h.query().get("sid"));
        assertEquals("OabcE.0", h.query().get("t"));
    }

    @Test
    void aPostOfPackets() {
        RequestHead h = parse("POST /socket.io/?EIO=4&transport=polling&t=OabcF&sid=lv_VI97HAXpY6yYWAAAC HTTP/1.1\r\n"
                + "Host: localhost:8080\r\n"
                + "Content-Type: text/plain;charset=UTF-8\r\n"
                + "Content-Length: 5\r\n"
                + "\r\n");
        assertEquals("POST", h.method());
        assertEquals(5, h.contentLength());
        assertEquals(Optional.of("text/plain;charset=UTF-8"), h.header("content-type"));
    }

    @Test
    void theCorsPreflight() {
        RequestHead h = parse("OPTIONS /socket.io/?EIO=4&transport=polling&t=OabcG HTTP/1.1\r\n"
                + "Host: api.example.com\r\n"
                + "Origin: https://app.example.com\r\n"
                + "Access-Control-Request-Method: POST\r\n"
                + "Access-Control-Request-Headers: content-type, authorization\r\n"
                + "\r\n");
        assertEquals("OPTIONS", h.method());
        assertEquals(Optional.of("POST"), h.header("Access-Control-Request-Method"));
        assertTrue(h.headerHasToken("Access-Control-Request-Headers", "Authorization"));
    }

    @Test
    void theWebSocketUpgrade() {
        RequestHead h = parse("GET /socket.io/?EIO=4&transport=websocket&sid=lv_VI97HAXpY6yYWAAAC HTTP/1.1\r\n"
                + "Host: localhost:8080\r\n"
                + "Connection: Upgrade\r\n"
                + "Upgrade: websocket\r\n"
                + "Sec-WebSocket-Version: 13\r\n"
                + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                + "Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits\r\n"
                + "\r\n");
        assertTrue(h.isWebSocketUpgrade());
        assertEquals("websocket", h.query().get("transport"));
        assertEquals(Optional.of("dGhlIHNhbXBsZSBub25jZQ=="), h.header("sec-websocket-key"));
        assertEquals(Optional.of("13"), h.header("Sec-WebSocket-Version"));
    }

    @Test
    void aWebSocketWithoutPollingFirst() {
        RequestHead h = parse("GET /socket.io/?EIO=4&transport=websocket HTTP/1.1\r\n"
                + "Host: localhost\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n"
                + "Sec-WebSocket-Key: x3JJHMbDL1EzLkh9GBhXDw==\r\nSec-WebSocket-Version: 13\r\n\r\n");
        assertTrue(h.isWebSocketUpgrade());
        assertFalse(h.query().containsKey("sid"));
    }
}
