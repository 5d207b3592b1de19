package dev.jobcast.socketio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jobcast.engineio.EngineConfig;
import dev.jobcast.engineio.EngineServer;
import dev.jobcast.engineio.HttpTestServer;
import dev.jobcast.engineio.RawWebSocket;
import dev.jobcast.engineio.port.HttpTransport;
import dev.jobcast.socketio.codec.Json;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.apache.pekko.actor.typed.ActorSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A namespace may give each of its sockets an inbound allowance of its own
 * (Namespace.inboundRate): its sockets may send far more than a connection's default, without
 * drawing on their connection's allowance, and are bounded by their own; other namespaces keep
 * sharing the connection's.
 */
@ParameterizedClass(name = "on {0}")
@EnumSource(HttpTransport.class)
class NamespaceInboundRateTest {
    @Parameter
    HttpTransport transport;

    /** The connection's allowance. */
    private static final int BURST = 10;
    /** Each /workers socket's. */
    private static final int WORKER_BURST = 60;
    /** Next to no refill (one event in 1000 s): what a test may send is the burst alone, however slow. */
    private static final double RATE = 0.001;

    private static ActorSystem<Void> system;
    private static HttpTestServer server;
    private static final Map<String, CompletableFuture<String>> disconnects = new ConcurrentHashMap<>();
    private static final Map<String, AtomicInteger> handled = new ConcurrentHashMap<>();

    @BeforeParameterizedClassInvocation
    static void start(HttpTransport transport) throws Exception {
        system = HttpTestServer.newSystem("NamespaceInboundRateTest");
        SocketIoServer io = new SocketIoServer(system, SocketIoConfig.defaults().withInboundRate(RATE, BURST));
        Consumer<Socket> echo = socket -> {
            socket.onDisconnect(reason -> disconnectOf(socket.id()).complete(reason));
            socket.on("echo", (s, args, ack) -> {
                handled(s.id()).incrementAndGet();
                if (ack != null) {
                    Socket.ackArgs(ack, args);
                }
            });
        };
        io.sockets().onConnection(echo);
        io.namespace("/workers").inboundRate(RATE, WORKER_BURST).onConnection(echo);
        io.namespace("/people").onConnection(echo);
        server = HttpTestServer.start(system, transport, new EngineServer(system, EngineConfig.defaults("/socket.io/"), io));
    }

    @AfterParameterizedClassInvocation
    static void stop() throws Exception {
        HttpTestServer.terminate(system);
    }

    private static CompletableFuture<String> disconnectOf(String socketId) {
        return disconnects.computeIfAbsent(socketId, id -> new CompletableFuture<>());
    }

    private static AtomicInteger handled(String socketId) {
        return handled.computeIfAbsent(socketId, id -> new AtomicInteger());
    }

    // ---- a raw Socket.IO client of several namespaces

    private static String prefix(String nsp) {
        return nsp.equals("/") ? "" : nsp + ",";
    }

    private static RawWebSocket open() throws Exception {
        RawWebSocket ws = RawWebSocket.engineIo(server, "/socket.io/");
        ws.readOpen();
        return ws;
    }

    /** Connects {@code ws} to {@code nsp}; returns the socket's id. */
    private static String join(RawWebSocket ws, String nsp) throws Exception {
        ws.sendText("40" + prefix(nsp));
        String reply = ws.nextText();
        assertTrue(reply.startsWith("40" + prefix(nsp) + "{"), "CONNECT reply: " + reply);
        return Json.read(reply.substring(2 + prefix(nsp).length())).get("sid").textValue();
    }

    private static void assertEchoes(RawWebSocket ws, String nsp, int ackId) throws Exception {
        String token = nsp + " " + ackId;
        ws.sendText("42" + prefix(nsp) + ackId + "[\"echo\",\"" + token + "\"]");
        assertEquals("43" + prefix(nsp) + ackId + "[\"" + token + "\"]", ws.nextText());
    }

    /** Sends {@code n} events without acks; the server may cut the connection before the last. */
    private static void flood(RawWebSocket ws, String nsp, int n) {
        try {
            for (int i = 0; i < n; i++) {
                ws.sendText("42" + prefix(nsp) + "[\"echo\",\"flood " + i + "\"]");
            }
        } catch (ExecutionException | java.util.concurrent.TimeoutException cutOff) {
            // closed for the rate: that is what the test waits for
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static String reasonOf(String socketId) throws Exception {
        return disconnectOf(socketId).get(HttpTestServer.TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    }

    // ---- cases

    @Test
    void aWorkerSocketMaySendItsOwnBurstFarBeyondTheConnectionDefault() throws Exception {
        try (RawWebSocket ws = open()) {
            String worker = join(ws, "/workers");
            for (int i = 1; i <= WORKER_BURST; i++) {
                assertEchoes(ws, "/workers", i);
            }
            assertEquals(WORKER_BURST, handled(worker).get());
            assertFalse(disconnectOf(worker).isDone());
        }
    }

    @Test
    void theMainNamespaceKeepsTheConnectionDefault() throws Exception {
        try (RawWebSocket ws = open()) {
            String main = join(ws, "/");
            flood(ws, "/", 5 * BURST);
            assertEquals(DisconnectReasons.RATE_LIMITED, reasonOf(main));
            assertEquals(BURST, handled(main).get(), "the connection's burst, not the workers'");
        }
    }

    @Test
    void aWorkerSocketIsBoundedByItsOwnAllowance() throws Exception {
        try (RawWebSocket ws = open()) {
            String worker = join(ws, "/workers");
            flood(ws, "/workers", 3 * WORKER_BURST);
            assertEquals(DisconnectReasons.RATE_LIMITED, reasonOf(worker));
            assertEquals(WORKER_BURST, handled(worker).get(), "events past its burst are dropped unhandled");
        }
    }

    @Test
    void aWorkerSocketDoesNotDrawOnItsConnectionsAllowance() throws Exception {
        try (RawWebSocket ws = open()) {
            String main = join(ws, "/");
            String worker = join(ws, "/workers");
            for (int i = 1; i <= WORKER_BURST; i++) {
                assertEchoes(ws, "/workers", i);
            }
            // The connection's whole burst is still there for the main namespace.
            for (int i = 1; i <= BURST; i++) {
                assertEchoes(ws, "/", i);
            }
            assertFalse(disconnectOf(main).isDone());
            assertFalse(disconnectOf(worker).isDone());
            // And the main namespace's use left the worker's own allowance as it was: spent.
            ws.sendText("42/workers,[\"echo\",\"one too many\"]");
            assertEquals(DisconnectReasons.RATE_LIMITED, reasonOf(worker));
            assertEquals(WORKER_BURST, handled(worker).get());
            assertEquals(BURST, handled(main).get());
        }
    }

    @Test
    void eachWorkerSocketHasAnAllowanceOfItsOwn() throws Exception {
        try (RawWebSocket a = open(); RawWebSocket b = open()) {
            String first = join(a, "/workers");
            String second = join(b, "/workers");
            for (int i = 1; i <= WORKER_BURST; i++) {
                assertEchoes(a, "/workers", i);
                assertEchoes(b, "/workers", i);
            }
            assertEquals(WORKER_BURST, handled(first).get());
            assertEquals(WORKER_BURST, handled(second).get());
            assertFalse(disconnectOf(first).isDone());
            assertFalse(disconnectOf(second).isDone());
        }
    }

    @Test
    void aNamespaceWithoutAnAllowanceOfItsOwnSharesTheConnections() throws Exception {
        try (RawWebSocket ws = open()) {
            String main = join(ws, "/");
            String people = join(ws, "/people");
            for (int i = 1; i <= BURST / 2; i++) {
                assertEchoes(ws, "/", i);
                assertEchoes(ws, "/people", i);
            }
            // Both drew on the same BURST: the next event of either is one too many.
            ws.sendText("42/people,[\"echo\",\"one too many\"]");
            assertEquals(DisconnectReasons.RATE_LIMITED, reasonOf(people));
            assertEquals(BURST / 2, handled(main).get());
            assertEquals(BURST / 2, handled(people).get());
        }
    }

    @Test
    void anAllowanceNeedsARateAndABurst() {
        SocketIoServer io = new SocketIoServer(system, SocketIoConfig.defaults());
        Namespace ns = io.namespace("/x");
        assertThrows(IllegalArgumentException.class, () -> ns.inboundRate(0, 10));
        assertThrows(IllegalArgumentException.class, () -> ns.inboundRate(-1, 10));
        assertThrows(IllegalArgumentException.class, () -> ns.inboundRate(Double.NaN, 10));
        assertThrows(IllegalArgumentException.class, () -> ns.inboundRate(10, 0));
        assertEquals(null, ns.newLimiter(0), "none given: the connection's");
        ns.inboundRate(1, 2);
        RateLimiter own = ns.newLimiter(0);
        assertTrue(own.tryAcquire(0));
        assertTrue(own.tryAcquire(0));
        assertFalse(own.tryAcquire(0));
        assertTrue(ns.newLimiter(0).tryAcquire(0), "each socket gets a fresh one");
    }
}
