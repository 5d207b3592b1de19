package dev.jobcast.engineio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jobcast.engineio.port.HttpTransport;
import java.time.Duration;
import java.util.Map;
import org.apache.pekko.actor.typed.ActorSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The server-driven heartbeat. /strict/ pings every 200 ms and waits 100 ms for the pong, to
 * close silent clients quickly; /lenient/ pings as often but waits 10 s, so that a client that
 * does answer is never dropped by a slow test machine. Only generous upper bounds are asserted.
 */
@ParameterizedClass(name = "on {0}")
@EnumSource(HttpTransport.class)
class HeartbeatTest {
    /** The transport this run of the class is on: every test runs on both. */
    @Parameter
    HttpTransport transport;

    private static final Duration INTERVAL = Duration.ofMillis(200);

    private static ActorSystem<Void> system;
    private static HttpTestServer server;
    private static EchoApp app;
    private static EngineServer lenient;

    @BeforeParameterizedClassInvocation
    static void start(HttpTransport transport) throws Exception {
        system = HttpTestServer.newSystem("HeartbeatTest");
        app = new EchoApp();
        EngineServer strict = new EngineServer(system,
                EngineConfig.defaults("/strict/").withHeartbeat(INTERVAL, Duration.ofMillis(100)), app);
        lenient = new EngineServer(system,
                EngineConfig.defaults("/lenient/").withHeartbeat(INTERVAL, Duration.ofSeconds(10)), app);
        server = HttpTestServer.start(system, transport, strict, lenient);
    }

    @AfterParameterizedClassInvocation
    static void stop() throws Exception {
        HttpTestServer.terminate(system);
    }

    private static RawWebSocket silentClient(String path) throws Exception {
        return RawWebSocket.connect(server.ws(path + "?EIO=4&transport=websocket"), Map.of(), false);
    }

    @Test
    void theHandshakeAnnouncesTheHeartbeat() throws Exception {
        try (RawWebSocket ws = silentClient("/strict/")) {
            JsonNode open = ws.readOpen();
            assertEquals(200, open.get("pingInterval").intValue());
            assertEquals(100, open.get("pingTimeout").intValue());
        }
    }

    @Test
    void aWebSocketClientThatNeverAnswersIsClosedWithPingTimeout() throws Exception {
        try (RawWebSocket ws = silentClient("/strict/")) {
            String sid = ws.readOpen().get("sid").textValue();

            assertEquals("2", ws.nextText());

            // due after 300 ms; the bound only guards against "never"
            assertEquals(CloseReasons.PING_TIMEOUT, app.awaitClose(sid, Duration.ofSeconds(10)));
            ws.awaitEnd();
        }
    }

    @Test
    void aPollingClientThatNeverPollsIsClosedWithPingTimeout() throws Exception {
        Polling p = new Polling(server, "/strict/");
        p.handshake();
        // The ping is queued but never fetched, so it cannot be answered.
        assertEquals(CloseReasons.PING_TIMEOUT, app.awaitClose(p.sid(), Duration.ofSeconds(10)));
        assertEquals(400, p.get().statusCode());
    }

    @Test
    void aWebSocketClientThatAnswersStaysUpAcrossManyIntervals() throws Exception {
        try (RawWebSocket ws = silentClient("/lenient/")) {
            String sid = ws.readOpen().get("sid").textValue();
            // The next ping comes only after the previous pong: ten pings prove ten answers counted.
            for (int i = 0; i < 10; i++) {
                assertEquals("2", ws.nextText());
                ws.sendText("3");
            }
            assertFalse(app.isClosed(sid));
            assertTrue(lenient.sessions().find(sid).isPresent());
            ws.sendText("4alive");
            String next;
            while ((next = ws.nextText()).equals("2")) {
                ws.sendText("3");
            }
            assertEquals("4alive", next);
        }
    }

    @Test
    void aPollingClientThatAnswersStaysUpAcrossManyIntervals() throws Exception {
        Polling p = new Polling(server, "/lenient/");
        p.handshake();
        for (int i = 0; i < 5; i++) {
            assertEquals("2", p.get().body());
            assertEquals(200, p.post("3").statusCode());
        }
        assertFalse(app.isClosed(p.sid()));
        assertTrue(lenient.sessions().find(p.sid()).isPresent());
    }
}
