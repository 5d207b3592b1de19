package dev.jobcast.socketio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jobcast.engineio.EngineConfig;
import dev.jobcast.engineio.EngineServer;
import dev.jobcast.engineio.HttpTestServer;
import dev.jobcast.engineio.RawSocketIo;
import dev.jobcast.engineio.RawWebSocket;
import dev.jobcast.engineio.port.HttpTransport;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.pekko.actor.typed.ActorSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Inbound events per connection are limited (a token bucket): a client within its allowance
 * is served; a flooding one has its events past the burst dropped and, by default, its
 * connection closed with reason "rate limited", while a neighbour is untouched.
 */
@ParameterizedClass(name = "on {0}")
@EnumSource(HttpTransport.class)
class InboundRateLimitTest {
    /** The transport this run of the class is on: every test runs on both. */
    @Parameter
    HttpTransport transport;

    private static final int BURST = 10;
    private static ActorSystem<Void> system;
    private static HttpTestServer server;
    private static final Map<String, CompletableFuture<String>> disconnects = new ConcurrentHashMap<>();
    private static final Map<String, AtomicInteger> handled = new ConcurrentHashMap<>();

    @BeforeParameterizedClassInvocation
    static void start(HttpTransport transport) throws Exception {
        system = HttpTestServer.newSystem("InboundRateLimitTest");
        // One event a second after the burst: a test's flood cannot be refilled in time.
        SocketIoServer io = new SocketIoServer(system, SocketIoConfig.defaults().withInboundRate(1, BURST));
        io.sockets().onConnection(socket -> {
            socket.onDisconnect(reason -> disconnectOf(socket.id()).complete(reason));
            socket.on("echo", (s, args, ack) -> {
                handled.computeIfAbsent(s.id(), id -> new AtomicInteger()).incrementAndGet();
                if (ack != null) {
                    Socket.ackArgs(ack, args);
                }
            });
        });
        server = HttpTestServer.start(system, transport, new EngineServer(system, EngineConfig.defaults("/socket.io/"), io));
    }

    @AfterParameterizedClassInvocation
    static void stop() throws Exception {
        HttpTestServer.terminate(system);
    }

    private static CompletableFuture<String> disconnectOf(String socketId) {
        return disconnects.computeIfAbsent(socketId, id -> new CompletableFuture<>());
    }

    @Test
    void aClientWithinItsAllowanceIsServed() throws Exception {
        try (RawSocketIo client = RawSocketIo.connect(server, "/socket.io/")) {
            for (int i = 1; i < BURST; i++) {
                client.assertEchoes(i, "ok " + i);
            }
            assertFalse(disconnectOf(client.socketSid()).isDone());
        }
    }

    @Test
    void aFloodIsCutAtTheBurstAndTheConnectionClosedWhileANeighbourIsUntouched() throws Exception {
        try (RawSocketIo neighbour = RawSocketIo.connect(server, "/socket.io/");
             RawSocketIo flood = RawSocketIo.connect(server, "/socket.io/")) {
            int sent = 0;
            try {
                for (; sent < 5 * BURST; sent++) {
                    flood.ws().sendText("42[\"echo\",\"flood " + sent + "\"]");
                }
            } catch (java.util.concurrent.ExecutionException cutOff) {
                // The server may close the connection before the flood is all sent: that is the cut.
                assertTrue(sent > BURST, "cut after " + sent + " events, within the burst: " + cutOff);
            }
            assertEquals(DisconnectReasons.RATE_LIMITED,
                    disconnectOf(flood.socketSid()).get(HttpTestServer.TIMEOUT.toSeconds(), TimeUnit.SECONDS));
            List<String> frames = new ArrayList<>();
            RawWebSocket.Event end = null;
            while (end == null) {
                RawWebSocket.Event e = flood.ws().next(HttpTestServer.TIMEOUT);
                if (e instanceof RawWebSocket.Text t) {
                    frames.add(t.text());
                } else {
                    end = e;
                }
            }
            assertTrue(frames.contains("41"), "the client is told its namespace was disconnected: " + frames);
            assertEquals(BURST, handled.get(flood.socketSid()).get(), "events past the burst are dropped unhandled");

            neighbour.assertEchoes(1, "still here");
            assertFalse(disconnectOf(neighbour.socketSid()).isDone());
        }
    }
}
