package dev.jobcast.engineio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jobcast.engineio.codec.EioPacket;
import dev.jobcast.engineio.port.HttpTransport;
import dev.jobcast.socketio.codec.Json;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.StringJoiner;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.ActorSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The polling-to-WebSocket upgrade over raw HTTP and a raw WebSocket: probe, release of the
 * held GET, the switch, and no message lost or reordered on the way. The heartbeat is long
 * (the defaults), so no ping gets in the way; /quick/ gives up on an upgrade after 300 ms.
 */
@ParameterizedClass(name = "on {0}")
@EnumSource(HttpTransport.class)
class UpgradeTest {
    /** The transport this run of the class is on: every test runs on both. */
    @Parameter
    HttpTransport transport;

    private static ActorSystem<Void> system;
    private static HttpTestServer server;
    private static EchoApp app;

    @BeforeParameterizedClassInvocation
    static void start(HttpTransport transport) throws Exception {
        system = HttpTestServer.newSystem("UpgradeTest");
        app = new EchoApp();
        EngineConfig defaults = EngineConfig.defaults("/engine.io/");
        EngineConfig quick = new EngineConfig("/quick/", defaults.pingInterval(), defaults.pingTimeout(),
                Duration.ofMillis(300), defaults.maxPayload(), defaults.allowedOrigins(), true, true,
                defaults.outboundMaxPackets(), defaults.outboundMaxBytes(), defaults.writeBatchPackets());
        server = HttpTestServer.start(system, transport, new EngineServer(system, defaults, app),
                new EngineServer(system, quick, app));
    }

    @AfterParameterizedClassInvocation
    static void stop() throws Exception {
        HttpTestServer.terminate(system);
    }

    private static Polling handshake(String path) throws Exception {
        Polling p = new Polling(server, path);
        JsonNode open = p.handshake();
        assertEquals(Json.read("[\"websocket\"]"), open.get("upgrades"));
        return p;
    }

    private static RawWebSocket upgradeSocket(Polling p, String path) throws Exception {
        return RawWebSocket.connect(server.ws(path + "?EIO=4&transport=websocket&sid=" + p.sid()));
    }

    private static String messages(String prefix, int from, int to) {
        StringJoiner payload = new StringJoiner("\u001e");
        for (int i = from; i < to; i++) {
            payload.add("4" + prefix + i);
        }
        return payload.toString();
    }

    private static void assertBadRequest(HttpResponse<String> r) throws Exception {
        assertEquals(400, r.statusCode(), r.body());
        assertEquals(3, Json.read(r.body()).get("code").intValue());
    }

    @Test
    void probeThenUpgradeMovesTheSessionToTheWebSocketWithoutLosingMessages() throws Exception {
        Polling p = handshake("/engine.io/");
        CompletableFuture<HttpResponse<String>> heldGet = p.getAsync();

        try (RawWebSocket ws = upgradeSocket(p, "/engine.io/")) {
            ws.sendText("2probe");
            assertEquals("3probe", ws.nextText());
            // The client stops polling now: a held GET is let go with a NOOP.
            assertEquals("6", heldGet.get(HttpTestServer.TIMEOUT.toSeconds(), TimeUnit.SECONDS).body());

            // Sent while the upgrade is under way: queued for whichever transport comes next.
            assertEquals(200, p.post(messages("during-", 0, 20)).statusCode());
            ws.sendText("5");

            for (int i = 0; i < 20; i++) {
                assertEquals("4during-" + i, ws.nextText());
            }
            ws.sendText("4after");
            assertEquals("4after", ws.nextText());

            // Polling is over for this session.
            assertBadRequest(p.get());
            assertBadRequest(p.post("4too late"));
            assertFalse(app.isClosed(p.sid()));
        }
    }

    @Test
    void messagesQueuedBeforeTheProbeArriveOverTheWebSocketInOrder() throws Exception {
        Polling p = handshake("/engine.io/");
        assertEquals(200, p.post(messages("before-", 0, 50)).statusCode());

        try (RawWebSocket ws = upgradeSocket(p, "/engine.io/")) {
            ws.sendText("2probe");
            assertEquals("3probe", ws.nextText());
            assertEquals(200, p.post(messages("before-", 50, 60)).statusCode());
            ws.sendText("5");

            for (int i = 0; i < 60; i++) {
                assertEquals("4before-" + i, ws.nextText());
            }
        }
    }

    @Test
    void aSecondUpgradeWhileOneIsInProgressIsClosed() throws Exception {
        Polling p = handshake("/engine.io/");
        try (RawWebSocket first = upgradeSocket(p, "/engine.io/")) {
            first.sendText("2probe");
            assertEquals("3probe", first.nextText());

            try (RawWebSocket second = upgradeSocket(p, "/engine.io/")) {
                second.awaitEnd();
            }

            first.sendText("5");
            first.sendText("4first wins");
            assertEquals("4first wins", first.nextText());

            try (RawWebSocket late = upgradeSocket(p, "/engine.io/")) {
                late.awaitEnd();
            }
            first.sendText("4still upgraded");
            assertEquals("4still upgraded", first.nextText());
        }
    }

    /** Anything but "2probe" first, or "5" before the probe was answered, drops only the probe. */
    @ParameterizedTest(name = "[{index}] \"{0}\"")
    @ValueSource(strings = {"5", "4hello", "2notprobe", "9"})
    void aBadProbeDropsTheProbeAndTheSessionStaysOnPolling(String frame) throws Exception {
        Polling p = handshake("/engine.io/");
        try (RawWebSocket ws = upgradeSocket(p, "/engine.io/")) {
            ws.sendText(frame);
            ws.awaitEnd();
        }
        assertEquals(200, p.post("4polling goes on").statusCode());
        assertEquals(List.of(EioPacket.message("polling goes on")), p.poll());
        assertFalse(app.isClosed(p.sid()));
    }

    @Test
    void anUpgradeThatIsNeverCompletedIsDroppedAndPollingGoesOn() throws Exception {
        Polling p = handshake("/quick/");
        try (RawWebSocket ws = upgradeSocket(p, "/quick/")) {
            // No "5" follows: after upgradeTimeout the server closes the probe (on a slow
            // machine possibly before the probe got here, so its answer is not required).
            try {
                ws.sendText("2probe");
            } catch (Exception alreadyClosed) {
                // the timeout won the race
            }
            RawWebSocket.Event first = ws.next();
            if (first instanceof RawWebSocket.Text t) {
                assertEquals("3probe", t.text());
            }
            ws.awaitEnd();
        }
        assertEquals(200, p.post("4still polling").statusCode());
        assertEquals("4still polling", p.get().body());
        assertFalse(app.isClosed(p.sid()));
    }

    @Test
    void aWebSocketSessionOffersNoUpgrade() throws Exception {
        try (RawWebSocket ws = RawWebSocket.engineIo(server, "/engine.io/")) {
            assertEquals(Json.read("[]"), ws.readOpen().get("upgrades"));
        }
    }
}
