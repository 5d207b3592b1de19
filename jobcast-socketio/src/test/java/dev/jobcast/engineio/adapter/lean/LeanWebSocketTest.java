package dev.jobcast.engineio.adapter.lean;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jobcast.echo.EchoServer;
import dev.jobcast.engineio.EngineServer;
import dev.jobcast.engineio.HttpTestServer;
import dev.jobcast.engineio.adapter.lean.ws.WsCloseCodes;
import dev.jobcast.engineio.adapter.lean.ws.WsFrameEncoder;
import dev.jobcast.engineio.codec.EioPacket;
import dev.jobcast.engineio.port.HttpTransport;
import dev.jobcast.socketio.codec.Json;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.util.ByteString;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The lean transport's WebSocket side over a plain socket (RFC 6455): the upgrade, Engine.IO
 * over frames, pings, the close handshake, and clients that break the framing rules.
 */
class LeanWebSocketTest {
    private static final String WS = "/socket.io/?EIO=4&transport=websocket";

    private static ActorSystem<Void> system;
    private static int port;

    @BeforeAll
    static void start() throws Exception {
        system = HttpTestServer.newSystem("LeanWebSocketTest");
        port = HttpTestServer.start(system, HttpTransport.LEAN,
                EchoServer.endpoints(system).toArray(EngineServer[]::new)).port();
    }

    @AfterAll
    static void stop() throws Exception {
        HttpTestServer.terminate(system);
    }

    /** Opens a Socket.IO connection on the default namespace and returns its socket id. */
    private static String connectSocketIo(RawWs ws) throws Exception {
        String open = ws.nextText();
        assertTrue(open.startsWith("0{\"sid\":"), open);
        ws.sendText("40");
        String connected = ws.nextText();
        assertTrue(connected.startsWith("40{\"sid\":"), connected);
        assertEquals("42[\"auth\",{}]", ws.nextText());
        return Json.read(connected.substring(2)).get("sid").textValue();
    }

    @Test
    void socketIoEventsGoBothWaysOverFrames() throws Exception {
        try (RawWs ws = RawWs.open(port, WS)) {
            connectSocketIo(ws);
            ws.sendText("42[\"message\",\"hé\",{\"n\":1}]");
            assertEquals("42[\"message-back\",\"hé\",{\"n\":1}]", ws.nextText());
        }
    }

    @Test
    void aFragmentedMessageIsPutTogether() throws Exception {
        try (RawWs ws = RawWs.open(port, WS)) {
            connectSocketIo(ws);
            byte[] whole = "42[\"message\",\"in two parts\"]".getBytes(StandardCharsets.UTF_8);
            ws.send(WsFrameEncoder.frame(WsFrameEncoder.TEXT, false, whole, 0, 10, true, 0x11223344));
            ws.send(WsFrameEncoder.clientPing("between".getBytes(StandardCharsets.UTF_8), 7));
            ws.send(WsFrameEncoder.frame(WsFrameEncoder.CONTINUATION, true, whole, 10, whole.length - 10, true, 99));
            assertArrayEquals("between".getBytes(StandardCharsets.UTF_8), ((RawWs.Pong) ws.next()).payload());
            assertEquals("42[\"message-back\",\"in two parts\"]", ws.nextText());
        }
    }

    @Test
    void aPingIsAnsweredWithItsPayload() throws Exception {
        try (RawWs ws = RawWs.open(port, WS)) {
            ws.nextText(); // OPEN
            ws.send(WsFrameEncoder.clientPing(new byte[] {1, 2, 3}, 42));
            RawWs.Frame f = ws.next();
            assertTrue(f instanceof RawWs.Pong, String.valueOf(f));
            assertArrayEquals(new byte[] {1, 2, 3}, ((RawWs.Pong) f).payload());
        }
    }

    @Test
    void aCloseFrameIsEchoedAndTheConnectionEnds() throws Exception {
        try (RawWs ws = RawWs.open(port, WS)) {
            ws.nextText();
            ws.send(WsFrameEncoder.clientClose(WsCloseCodes.GOING_AWAY, "bye", 5));
            assertEquals(new RawWs.Close(WsCloseCodes.GOING_AWAY, ""), ws.next());
            assertTrue(ws.http().closedByServer());
        }
    }

    @Test
    void anUnmaskedClientFrameFailsTheConnectionWith1002() throws Exception {
        try (RawWs ws = RawWs.open(port, WS)) {
            ws.nextText();
            ws.sendRaw(WsFrameEncoder.serverText("40"));
            RawWs.Frame f = ws.next();
            assertTrue(f instanceof RawWs.Close c && c.code() == WsCloseCodes.PROTOCOL_ERROR, String.valueOf(f));
            assertTrue(ws.http().closedByServer());
        }
    }

    @Test
    void invalidUtf8InATextFrameFailsTheConnectionWith1007() throws Exception {
        try (RawWs ws = RawWs.open(port, WS)) {
            ws.nextText();
            byte[] bad = {'4', '2', (byte) 0xC3, (byte) 0x28};
            ws.send(WsFrameEncoder.frame(WsFrameEncoder.TEXT, true, bad, 0, bad.length, true, 1234));
            RawWs.Frame f = ws.next();
            assertTrue(f instanceof RawWs.Close c && c.code() == WsCloseCodes.INVALID_DATA, String.valueOf(f));
        }
    }

    @Test
    void aPollingSessionUpgradesToAWebSocketOnTheLeanPath() throws Exception {
        String sid;
        try (RawHttp polling = new RawHttp(port)) {
            RawHttp.Response open = polling.get("/socket.io/?EIO=4&transport=polling");
            sid = Json.read(open.text().substring(1)).get("sid").textValue();
            assertEquals("ok", polling.post("/socket.io/?EIO=4&transport=polling&sid=" + sid, "40").text());
            String payload = polling.get("/socket.io/?EIO=4&transport=polling&sid=" + sid).text();
            assertTrue(payload.startsWith("40{"), payload);
            // The server's "auth" event follows the CONNECT reply: in the same poll, or, when the
            // poll was already waiting and went out with the reply alone, first on the WebSocket.
            boolean authPending = !payload.contains("42[\"auth\"");
            try (RawWs ws = RawWs.open(port, WS + "&sid=" + sid)) {
                ws.sendText("2probe");
                assertEquals("3probe", ws.nextText());
                ws.sendText("5");
                ws.sendText("42[\"message\",\"upgraded\"]");
                if (authPending) {
                    assertEquals("42[\"auth\",{}]", ws.nextText());
                }
                assertEquals("42[\"message-back\",\"upgraded\"]", ws.nextText());
            }
        }
    }

    @Test
    void anUpgradeWithoutAValidKeyIsRefused() throws Exception {
        try (RawHttp c = new RawHttp(port)) {
            c.send("GET " + WS + " HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Key: short\r\nSec-WebSocket-Version: 13\r\n\r\n");
            RawHttp.Response r = c.read();
            assertEquals(400, r.status());
            assertTrue(r.text().contains("Sec-WebSocket-Key"), r.text());
        }
    }

    @Test
    void aBatchOfPacketsIsFramedIntoOneBufferForOneWrite() {
        ByteString bytes = LeanWebSocket.encode(List.of(EioPacket.message("2[\"a\"]"), EioPacket.message(new byte[] {9})));
        ByteString expected = ByteString.fromArray(WsFrameEncoder.serverText("42[\"a\"]"))
                .concat(ByteString.fromArray(WsFrameEncoder.serverBinary(new byte[] {9})));
        assertEquals(expected, bytes);
    }
}
