package dev.jobcast.javaclient;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.jobcast.echo.EchoServer;
import dev.jobcast.engineio.HttpTestServer;
import dev.jobcast.engineio.port.HttpTransport;
import io.socket.client.Ack;
import io.socket.client.IO;
import io.socket.client.Manager;
import io.socket.client.Socket;
import io.socket.engineio.client.Transport;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import org.apache.pekko.actor.typed.ActorSystem;
import org.json.JSONArray;
import org.json.JSONObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Interoperability with the official Java client (io.socket:socket.io-client 2.1) against
 * the echo server, on each transport setup the client supports.
 */
@ParameterizedClass(name = "on {0}")
@EnumSource(HttpTransport.class)
class JavaClientTest {
    /** The transport this run of the class is on: every test runs on both. */
    @Parameter
    HttpTransport transport;


    /** How the client connects. */
    enum Mode {
        WEBSOCKET_ONLY(false, "websocket"),
        POLLING_ONLY(false, "polling"),
        POLLING_THEN_UPGRADE(true, "polling", "websocket");

        final boolean upgrade;
        final String[] transports;

        Mode(boolean upgrade, String... transports) {
            this.upgrade = upgrade;
            this.transports = transports;
        }

        /** The transport the session must end up on. */
        String finalTransport() {
            return transports[transports.length - 1];
        }
    }

    private static ActorSystem<Void> system;
    private static HttpTestServer server;
    private static OkHttpClient http;

    private final List<Socket> sockets = new ArrayList<>();

    @BeforeParameterizedClassInvocation
    static void start(HttpTransport transport) throws Exception {
        system = HttpTestServer.newSystem("JavaClientTest");
        server = HttpTestServer.start(system, transport,
                EchoServer.endpoints(system).toArray(dev.jobcast.engineio.EngineServer[]::new));
        http = new OkHttpClient.Builder().build();
    }

    @AfterParameterizedClassInvocation
    static void stop() throws Exception {
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
        HttpTestServer.terminate(system);
    }

    @AfterEach
    void closeSockets() {
        sockets.forEach(Socket::close);
    }

    /** Everything one client socket observed. */
    private static final class Client {
        final Socket socket;
        /** Transports the client created, in order (an upgrade probe included). */
        final List<String> transports = new CopyOnWriteArrayList<>();
        final CompletableFuture<Void> connected = new CompletableFuture<>();
        final CompletableFuture<Object[]> connectError = new CompletableFuture<>();
        final BlockingQueue<Object[]> auth = new LinkedBlockingQueue<>();
        final BlockingQueue<Object[]> messageBack = new LinkedBlockingQueue<>();

        Client(Socket socket) {
            this.socket = socket;
        }
    }

    private Client client(Mode mode, String namespace, Map<String, String> auth) throws Exception {
        IO.Options options = new IO.Options();
        options.forceNew = true;
        options.reconnection = false;
        options.transports = mode.transports;
        options.upgrade = mode.upgrade;
        options.auth = auth;
        options.callFactory = http;
        options.webSocketFactory = http;
        Socket socket = IO.socket(server.http(namespace).toString(), options);
        sockets.add(socket);
        Client c = new Client(socket);
        socket.io().on(Manager.EVENT_TRANSPORT, args -> c.transports.add(((Transport) args[0]).name));
        socket.on(Socket.EVENT_CONNECT, args -> c.connected.complete(null));
        socket.on(Socket.EVENT_CONNECT_ERROR, c.connectError::complete);
        socket.on("auth", c.auth::add);
        socket.on("message-back", c.messageBack::add);
        socket.connect();
        return c;
    }

    /** Connects and, when the mode upgrades, waits until the upgrade to WebSocket is done. */
    private Client connected(Mode mode, String namespace, Map<String, String> auth) throws Exception {
        Client c = client(mode, namespace, auth);
        await(c.connected);
        assertNotNull(c.socket.id());
        long deadline = System.nanoTime() + HttpTestServer.TIMEOUT.toNanos();
        while (!mode.finalTransport().equals(currentTransport(c.socket))) {
            if (System.nanoTime() > deadline) {
                fail("never reached " + mode.finalTransport() + ", still on " + currentTransport(c.socket));
            }
            Thread.sleep(10);
        }
        return c;
    }

    /**
     * The transport the client's Engine.IO socket uses now. The client has no public accessor
     * for it (its "transport" event fires when a transport is created, before an upgrade
     * completes), so this reads Manager.engine.transport by reflection.
     */
    private static String currentTransport(Socket socket) throws Exception {
        Field engineField = Manager.class.getDeclaredField("engine");
        engineField.setAccessible(true);
        Object engine = engineField.get(socket.io());
        Field transportField = io.socket.engineio.client.Socket.class.getDeclaredField("transport");
        transportField.setAccessible(true);
        Transport transport = (Transport) transportField.get(engine);
        return transport == null ? null : transport.name;
    }

    private static <T> T await(CompletableFuture<T> f) throws Exception {
        return f.get(HttpTestServer.TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    }

    private static Object[] next(BlockingQueue<Object[]> q) throws Exception {
        Object[] args = q.poll(HttpTestServer.TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        if (args == null) {
            fail("no event within " + HttpTestServer.TIMEOUT);
        }
        return args;
    }

    private static Object[] emitWithAck(Socket socket, String event, Object... args) throws Exception {
        CompletableFuture<Object[]> ack = new CompletableFuture<>();
        socket.emit(event, args, (Ack) ack::complete);
        return await(ack);
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void connectsOnTheExpectedTransportsAndGetsItsAuthBack(Mode mode) throws Exception {
        Client c = connected(mode, "/", Map.of("token", "t-123", "user", "ada"));

        JSONObject auth = (JSONObject) next(c.auth)[0];
        assertEquals("t-123", auth.getString("token"));
        assertEquals("ada", auth.getString("user"));
        assertEquals(List.of(mode.transports), c.transports);
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void messageIsEchoedAsMessageBack(Mode mode) throws Exception {
        Client c = connected(mode, "/", Map.of());

        c.socket.emit("message", "hello", 42, new JSONObject().put("nested", new JSONArray().put(1).put("two")));

        Object[] back = next(c.messageBack);
        assertEquals(3, back.length);
        assertEquals("hello", back[0]);
        assertEquals(42, back[1]);
        assertEquals("{\"nested\":[1,\"two\"]}", back[2].toString());
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void messageWithAckIsAcknowledgedWithTheSameArguments(Mode mode) throws Exception {
        Client c = connected(mode, "/", Map.of());

        Object[] ack = emitWithAck(c.socket, "message-with-ack", "ping", 7, true);

        assertEquals(3, ack.length);
        assertEquals("ping", ack[0]);
        assertEquals(7, ack[1]);
        assertEquals(true, ack[2]);
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void binaryGoesBothWays(Mode mode) throws Exception {
        Client c = connected(mode, "/", Map.of());
        byte[] bytes = new byte[256];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) i;
        }

        c.socket.emit("message", bytes, "label");
        Object[] back = next(c.messageBack);
        assertArrayEquals(bytes, (byte[]) back[0]);
        assertEquals("label", back[1]);

        Object[] ack = emitWithAck(c.socket, "message-with-ack", new JSONObject().put("blob", new byte[] {1, 2, 3}));
        assertArrayEquals(new byte[] {1, 2, 3}, (byte[]) ((JSONObject) ack[0]).get("blob"));
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void theCustomNamespaceConnectsWithItsAuth(Mode mode) throws Exception {
        Client c = connected(mode, "/custom", Map.of("token", "custom-token"));

        JSONObject auth = (JSONObject) next(c.auth)[0];
        assertEquals("custom-token", auth.getString("token"));
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void anUnknownNamespaceGetsInvalidNamespace(Mode mode) throws Exception {
        Client c = client(mode, "/nope", Map.of());

        Object[] error = await(c.connectError);

        assertTrue(error[0] instanceof JSONObject, String.valueOf(error[0]));
        assertEquals("Invalid namespace", ((JSONObject) error[0]).getString("message"));
        assertFalse(c.connected.isDone());
    }
}
