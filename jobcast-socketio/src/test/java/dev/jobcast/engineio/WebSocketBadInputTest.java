package dev.jobcast.engineio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jobcast.engineio.port.HttpTransport;
import org.apache.pekko.actor.typed.ActorSystem;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Bad Engine.IO input over WebSocket ends only that connection: a neighbour connection on
 * the same server keeps working, and the server still answers a fresh handshake.
 */
@ParameterizedClass(name = "on {0}")
@EnumSource(HttpTransport.class)
class WebSocketBadInputTest {
    /** The transport this run of the class is on: every test runs on both. */
    @Parameter
    HttpTransport transport;

    private static final int MAX_PAYLOAD = 1_000;

    private static ActorSystem<Void> system;
    private static HttpTestServer server;
    private static EchoApp app;
    private static EngineServer engine;

    private RawWebSocket neighbour;

    @BeforeParameterizedClassInvocation
    static void start(HttpTransport transport) throws Exception {
        system = HttpTestServer.newSystem("WebSocketBadInputTest");
        app = new EchoApp();
        engine = new EngineServer(system, EngineConfig.defaults("/engine.io/").withMaxPayload(MAX_PAYLOAD), app);
        server = HttpTestServer.start(system, transport, engine);
    }

    @AfterParameterizedClassInvocation
    static void stop() throws Exception {
        HttpTestServer.terminate(system);
    }

    @BeforeEach
    void openNeighbour() throws Exception {
        neighbour = RawWebSocket.engineIo(server, "/engine.io/");
        neighbour.readOpen();
    }

    @AfterEach
    void closeNeighbour() {
        neighbour.close();
    }


    /** The neighbour still echoes, answers a client ping, and the server takes a new session. */
    private void assertServerStillWorks() throws Exception {
        neighbour.sendText("4still here");
        assertEquals("4still here", neighbour.nextText());
        neighbour.sendText("2hello?");
        assertEquals("3hello?", neighbour.nextText());
        assertFalse(neighbour.isEnded());
        try (RawWebSocket fresh = RawWebSocket.engineIo(server, "/engine.io/")) {
            assertTrue(fresh.readOpen().get("sid").isTextual());
        }
        assertTrue(new Polling(server, "/engine.io/").handshake().get("sid").isTextual());
    }

    private static void assertSessionGone(String sid, String reason) throws Exception {
        assertEquals(reason, app.awaitClose(sid));
        assertTrue(engine.sessions().find(sid).isEmpty());
    }

    @Test
    void aTextFrameLargerThanMaxPayloadClosesThatSession() throws Exception {
        try (RawWebSocket ws = RawWebSocket.engineIo(server, "/engine.io/")) {
            String sid = ws.readOpen().get("sid").textValue();

            ws.sendText("4" + "x".repeat(MAX_PAYLOAD));

            ws.awaitEnd();
            assertSessionGone(sid, CloseReasons.TRANSPORT_ERROR);
        }
        assertServerStillWorks();
    }

    @Test
    void maxPayloadCountsUtf8BytesNotCharacters() throws Exception {
        // Fewer characters than maxPayload, three times as many bytes: over the limit, as on polling.
        String euros = "\u20ac".repeat(MAX_PAYLOAD / 2);
        try (RawWebSocket ws = RawWebSocket.engineIo(server, "/engine.io/")) {
            String sid = ws.readOpen().get("sid").textValue();

            ws.sendText("4" + euros);

            ws.awaitEnd();
            assertSessionGone(sid, CloseReasons.TRANSPORT_ERROR);
        }
        assertServerStillWorks();
    }

    @Test
    void aBinaryFrameLargerThanMaxPayloadClosesThatSession() throws Exception {
        try (RawWebSocket ws = RawWebSocket.engineIo(server, "/engine.io/")) {
            String sid = ws.readOpen().get("sid").textValue();

            ws.sendBinary(new byte[MAX_PAYLOAD + 1]);

            ws.awaitEnd();
            assertSessionGone(sid, CloseReasons.TRANSPORT_ERROR);
        }
        assertServerStillWorks();
    }

    @Test
    void framesUpToMaxPayloadAreEchoed() throws Exception {
        try (RawWebSocket ws = RawWebSocket.engineIo(server, "/engine.io/")) {
            ws.readOpen();
            String text = "4" + "x".repeat(MAX_PAYLOAD - 1);
            ws.sendText(text);
            assertEquals(text, ws.nextText());
            byte[] bytes = new byte[MAX_PAYLOAD];
            bytes[MAX_PAYLOAD - 1] = 42;
            ws.sendBinary(bytes);
            assertArrayEquals(bytes, ws.nextBinary());
        }
    }

    /** "" empty, "9"/"x" unknown types, "0" OPEN and "5" UPGRADE are not for a client to send here. */
    @ParameterizedTest(name = "[{index}] \"{0}\"")
    @ValueSource(strings = {"", "9", "x", "0{}", "5", "b!!"})
    void aMalformedFrameClosesOnlyThatSession(String frame) throws Exception {
        try (RawWebSocket ws = RawWebSocket.engineIo(server, "/engine.io/")) {
            String sid = ws.readOpen().get("sid").textValue();

            ws.sendText(frame);

            ws.awaitEnd();
            assertSessionGone(sid, CloseReasons.PARSE_ERROR);
        }
        assertServerStillWorks();
    }

    @Test
    void aClosePacketEndsTheSessionNormally() throws Exception {
        try (RawWebSocket ws = RawWebSocket.engineIo(server, "/engine.io/")) {
            String sid = ws.readOpen().get("sid").textValue();
            ws.sendText("1");
            ws.awaitEnd();
            assertSessionGone(sid, CloseReasons.TRANSPORT_CLOSE);
        }
        assertServerStillWorks();
    }

    @Test
    void droppingTheConnectionEndsTheSession() throws Exception {
        String sid;
        try (RawWebSocket ws = RawWebSocket.engineIo(server, "/engine.io/")) {
            sid = ws.readOpen().get("sid").textValue();
        }
        String reason = app.awaitClose(sid);
        assertTrue(reason.equals(CloseReasons.TRANSPORT_CLOSE) || reason.equals(CloseReasons.TRANSPORT_ERROR), reason);
        assertServerStillWorks();
    }
}
