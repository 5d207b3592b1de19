package dev.jobcast.engineio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jobcast.engineio.port.HttpTransport;
import dev.jobcast.socketio.Socket;
import dev.jobcast.socketio.SocketIoConfig;
import dev.jobcast.socketio.SocketIoServer;
import dev.jobcast.socketio.codec.Json;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The outbound bound: a client that does not read is closed as a "slow client" once its
 * queue is full, instead of the server buffering without limit, while a healthy client in
 * the same room gets every broadcast in order. And conflatable broadcasts replace each
 * other in a queue instead of filling it.
 */
@ParameterizedClass(name = "on {0}")
@EnumSource(HttpTransport.class)
class SlowClientTest {
    /** The transport this run of the class is on: every test runs on both. */
    @Parameter
    HttpTransport transport;

    private static final String ROOM = "jobs";
    private static final Pattern TICK = Pattern.compile("^42\\[\"tick\",(\\d+)[,\\]]");

    private static ActorSystem<Void> system;
    private static HttpTransport on;

    @BeforeParameterizedClassInvocation
    static void start(HttpTransport transport) {
        system = HttpTestServer.newSystem("SlowClientTest");
        on = transport;
    }

    @AfterParameterizedClassInvocation
    static void stop() throws Exception {
        HttpTestServer.terminate(system);
    }

    /** A Socket.IO server whose sockets all join {@link #ROOM}, with small outbound limits. */
    private static final class Fixture implements AutoCloseable {
        final SocketIoServer io = new SocketIoServer(system, SocketIoConfig.defaults());
        final EngineServer engine;
        final HttpTestServer http;
        final Map<String, EngineSocket> engineSockets = new ConcurrentHashMap<>();
        final Map<String, Socket> sockets = new ConcurrentHashMap<>();
        final Map<String, CompletableFuture<String>> disconnects = new ConcurrentHashMap<>();
        final Map<String, CompletableFuture<Void>> joined = new ConcurrentHashMap<>();
        final AtomicInteger fences = new AtomicInteger();

        Fixture(int maxPackets, long maxBytes) throws Exception {
            io.sockets().onConnection(socket -> {
                sockets.put(socket.id(), socket);
                socket.onDisconnect(reason -> disconnectOf(socket.id()).complete(reason));
                socket.join(ROOM).thenRun(() -> joinedOf(socket.id()).complete(null));
            });
            // Wraps the Socket.IO app only to keep each session's EngineSocket for queue checks.
            EngineApp app = engineSocket -> {
                engineSockets.put(engineSocket.sid(), engineSocket);
                return io.onOpen(engineSocket);
            };
            engine = new EngineServer(system,
                    EngineConfig.defaults("/socket.io/").withOutboundLimits(maxPackets, maxBytes), app);
            http = HttpTestServer.start(system, on, engine);
        }

        CompletableFuture<String> disconnectOf(String socketId) {
            return disconnects.computeIfAbsent(socketId, id -> new CompletableFuture<>());
        }

        CompletableFuture<Void> joinedOf(String socketId) {
            return joined.computeIfAbsent(socketId, id -> new CompletableFuture<>());
        }

        /** A WebSocket client, connected and in the room. */
        RawSocketIo webSocketClient() throws Exception {
            RawSocketIo c = RawSocketIo.connect(http, "/socket.io/");
            await(joinedOf(c.socketSid()));
            return c;
        }

        /** A polling client, connected and in the room; returns its socket id. */
        String pollingClient(Polling p) throws Exception {
            p.handshake();
            assertEquals(200, p.post("40").statusCode());
            String reply = p.get().body();
            assertTrue(reply.startsWith("40{"), reply);
            String socketId = Json.read(reply.substring(2)).get("sid").textValue();
            await(joinedOf(socketId));
            return socketId;
        }

        void broadcast(Object... args) {
            io.sockets().to(ROOM).emit("tick", args);
        }

        /**
         * The session's queue length once it has taken in every broadcast sent before this
         * call: a join round-trips through the room registry after those broadcasts, and the
         * registry's messages to one session keep their order.
         */
        int queuedAfterBroadcasts(String engineSid, String socketId) throws Exception {
            CompletableFuture<Integer> queued = new CompletableFuture<>();
            ActorRef<EngineCommand> session = engine.sessions().find(engineSid).orElseThrow();
            Socket socket = sockets.get(socketId);
            EngineSocket engineSocket = engineSockets.get(engineSid);
            session.tell(new EngineCommand.Run(() -> socket.join("fence-" + fences.incrementAndGet())
                    .thenRun(() -> queued.complete(engineSocket.queuedPackets()))));
            return await(queued);
        }

        /** Reads the queue length on the session's own actor, if the session is still there. */
        void sampleQueue(String engineSid, AtomicInteger max) {
            EngineSocket engineSocket = engineSockets.get(engineSid);
            engine.sessions().find(engineSid).ifPresent(session -> session.tell(new EngineCommand.Run(
                    () -> max.accumulateAndGet(engineSocket.queuedPackets(), Math::max))));
        }

        @Override
        public void close() {
            http.close();
        }
    }

    private static <T> T await(CompletableFuture<T> f) throws Exception {
        return f.get(HttpTestServer.TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    }

    /** Reads tick events until tick {@code last}, asserting they come in order from {@code next}. */
    private static int readTicks(RawSocketIo client, int next, int last) throws Exception {
        while (next <= last) {
            String frame = client.ws().nextText();
            Matcher m = TICK.matcher(frame);
            assertTrue(m.find(), "not a tick: " + frame.substring(0, Math.min(80, frame.length())));
            assertEquals(next, Integer.parseInt(m.group(1)), "ticks out of order or lost");
            next++;
        }
        return next;
    }

    @Test
    void aWebSocketClientThatStopsReadingIsClosedAsSlowWhileItsNeighbourGetsEverything() throws Exception {
        int maxPackets = 32;
        long maxBytes = 256 * 1024;
        String payload = "x".repeat(16 * 1024);
        try (Fixture f = new Fixture(maxPackets, maxBytes);
             RawSocketIo slow = f.webSocketClient();
             RawSocketIo healthy = f.webSocketClient()) {
            slow.ws().stopReading();
            CompletableFuture<String> slowGone = f.disconnectOf(slow.socketSid());
            AtomicInteger maxQueued = new AtomicInteger();

            // Bounded flood; the healthy client is kept at most 8 ticks behind, well within the bound.
            int sent = 0;
            int received = 0;
            while (!slowGone.isDone() && sent < 4_000) {
                f.sampleQueue(slow.engineSid(), maxQueued);
                f.broadcast(sent, payload);
                sent++;
                received = readTicks(healthy, received, sent - 8);
            }

            assertEquals(CloseReasons.SLOW_CLIENT, await(slowGone),
                    "the flood of " + sent + " x 16 KiB never overflowed the slow client's queue");
            assertTrue(f.engine.sessions().find(slow.engineSid()).isEmpty());
            assertTrue(maxQueued.get() <= maxPackets, "queue held " + maxQueued.get() + " packets");

            readTicks(healthy, received, sent - 1);
            assertFalse(f.disconnectOf(healthy.socketSid()).isDone());
            assertTrue(f.engine.sessions().find(healthy.engineSid()).isPresent());

            // Once it reads again, the slow client finds its connection closed.
            slow.ws().resumeReading();
            slow.ws().awaitEnd();
        }
    }

    @Test
    void aPollingClientHoldsExactlyTheBoundAndOneMoreClosesIt() throws Exception {
        int maxPackets = 8;
        try (Fixture f = new Fixture(maxPackets, 1024 * 1024);
             RawSocketIo healthy = f.webSocketClient()) {
            Polling slow = new Polling(f.http, "/socket.io/");
            String slowSocket = f.pollingClient(slow);
            // From here the polling client never GETs: everything stays in its queue.

            for (int i = 0; i < maxPackets; i++) {
                f.broadcast(i);
            }
            assertEquals(maxPackets, f.queuedAfterBroadcasts(slow.sid(), slowSocket));
            assertFalse(f.disconnectOf(slowSocket).isDone());

            f.broadcast(maxPackets);

            assertEquals(CloseReasons.SLOW_CLIENT, await(f.disconnectOf(slowSocket)));
            // Its next poll gets the CLOSE packet only (the queue is dropped), then it is gone.
            assertEquals("1", slow.get().body());
            assertTrue(f.engine.sessions().find(slow.sid()).isEmpty());
            assertEquals(400, slow.get().statusCode());
            readTicks(healthy, 0, maxPackets);
            assertFalse(f.disconnectOf(healthy.socketSid()).isDone());
        }
    }

    @Test
    void conflatedBroadcastsReplaceEachOtherWhileQueued() throws Exception {
        try (Fixture f = new Fixture(4, 1024 * 1024);
             RawSocketIo healthy = f.webSocketClient()) {
            Polling waiting = new Polling(f.http, "/socket.io/");
            String waitingSocket = f.pollingClient(waiting);

            // 100 updates of two jobs, far more than the bound of 4 packets.
            for (int i = 0; i < 100; i++) {
                f.io.sockets().to(ROOM).conflate("job-" + (i % 2)).emit("progress", i % 2, i);
            }

            assertEquals(2, f.queuedAfterBroadcasts(waiting.sid(), waitingSocket));
            assertFalse(f.disconnectOf(waitingSocket).isDone());
            // Only the latest of each job is left, in the order they were last updated.
            assertEquals("42[\"progress\",0,98]\u001e42[\"progress\",1,99]", waiting.get().body());

            // The healthy client may have had some replaced too, but per job always in order, up to the latest.
            Map<Integer, Integer> last = new HashMap<>(Map.of(0, -1, 1, -1));
            List<String> seen = new ArrayList<>();
            while (last.get(0) != 98 || last.get(1) != 99) {
                String frame = healthy.ws().nextText();
                seen.add(frame);
                var args = Json.read(frame.substring(2));
                int job = args.get(1).intValue();
                int seq = args.get(2).intValue();
                assertTrue(seq > last.get(job), "job " + job + " went back: " + seen);
                last.put(job, seq);
            }
            assertFalse(f.disconnectOf(healthy.socketSid()).isDone());
        }
    }
}
