package dev.jobcast.socketio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jobcast.engineio.CloseReasons;
import dev.jobcast.engineio.EngineConfig;
import dev.jobcast.engineio.EngineServer;
import dev.jobcast.engineio.HttpTestServer;
import dev.jobcast.engineio.RawSocketIo;
import dev.jobcast.engineio.port.HttpTransport;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
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
 * Malformed Socket.IO packets over a raw WebSocket end only their own connection (an unknown
 * namespace only gets a CONNECT_ERROR); a neighbour connected to the same server keeps
 * working and new clients still connect.
 */
@ParameterizedClass(name = "on {0}")
@EnumSource(HttpTransport.class)
class SocketIoBadInputTest {
    /** The transport this run of the class is on: every test runs on both. */
    @Parameter
    HttpTransport transport;

    private static ActorSystem<Void> system;
    private static HttpTestServer server;
    private static EngineServer engine;
    private static final Map<String, CompletableFuture<String>> disconnects = new ConcurrentHashMap<>();

    private RawSocketIo neighbour;

    @BeforeParameterizedClassInvocation
    static void start(HttpTransport transport) throws Exception {
        system = HttpTestServer.newSystem("SocketIoBadInputTest");
        SocketIoServer io = new SocketIoServer(system, SocketIoConfig.defaults());
        io.sockets().onConnection(socket -> {
            CompletableFuture<String> reason = disconnectOf(socket.id());
            socket.onDisconnect(reason::complete);
            socket.on("echo", (s, args, ack) -> {
                if (ack != null) {
                    Socket.ackArgs(ack, args);
                }
            });
        });
        engine = new EngineServer(system, EngineConfig.defaults("/socket.io/"), io);
        server = HttpTestServer.start(system, transport, engine);
    }

    @AfterParameterizedClassInvocation
    static void stop() throws Exception {
        HttpTestServer.terminate(system);
    }

    private static CompletableFuture<String> disconnectOf(String socketId) {
        return disconnects.computeIfAbsent(socketId, id -> new CompletableFuture<>());
    }

    @BeforeEach
    void connectNeighbour() throws Exception {
        neighbour = RawSocketIo.connect(server, "/socket.io/");
    }

    @AfterEach
    void closeNeighbour() {
        neighbour.close();
    }

    /** The connection ended: its socket left with {@code reason} and its Engine.IO session is gone. */
    private static void assertEnded(RawSocketIo client, String reason) throws Exception {
        client.ws().awaitEnd();
        assertEquals(reason, disconnectOf(client.socketSid()).get(HttpTestServer.TIMEOUT.toSeconds(), TimeUnit.SECONDS));
        assertTrue(engine.sessions().find(client.engineSid()).isEmpty());
    }

    private void assertOthersUnaffected() throws Exception {
        neighbour.assertEchoes(1, "still here");
        assertFalse(disconnectOf(neighbour.socketSid()).isDone());
        try (RawSocketIo fresh = RawSocketIo.connect(server, "/socket.io/")) {
            fresh.assertEchoes(7, "fresh");
        }
    }

    @Test
    void theFixtureWorks() throws Exception {
        try (RawSocketIo client = RawSocketIo.connect(server, "/socket.io/")) {
            client.assertEchoes(3, "hello");
            client.ws().sendText("42[\"echo\",\"no ack wanted\"]");
            client.assertEchoes(4, "again");
        }
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {
        "4",                                            // no Socket.IO type
        "49",                                           // unknown type
        "42[\"echo\",",                                 // bad JSON
        "42[\"echo\"] trailing",                        // trailing garbage
        "42{\"not\":\"an array\"}",                     // event payload not an array
        "42[]",                                         // event without a name
        "42[7]",                                        // event name not a string
        "42[\"connect\"]",                              // reserved event name
        "43[\"no id\"]",                                // ack without an id
        "41{}",                                         // DISCONNECT with a payload
        "40\"not an object\"",                          // CONNECT payload not an object
        "45-[\"echo\",{\"_placeholder\":true,\"num\":0}]",   // binary without attachment count
        "450-[\"echo\"]",                               // zero attachments
        "4599-[\"echo\",{\"_placeholder\":true,\"num\":0}]", // more attachments than allowed
        "451-[\"echo\",{\"_placeholder\":true,\"num\":3}]",  // placeholder out of range
        "4x-[\"echo\"]",                                // attachment count not a number
        "40/bad\u001ename,",                            // namespace with the record separator
        "4299999999999999999[\"echo\"]",                // ack id beyond 2^53-1
    })
    void aMalformedPacketEndsOnlyItsConnection(String frame) throws Exception {
        try (RawSocketIo client = RawSocketIo.connect(server, "/socket.io/")) {
            client.ws().sendText(frame);
            assertEnded(client, CloseReasons.PARSE_ERROR);
        }
        assertOthersUnaffected();
    }

    @Test
    void aBinaryMessageWithoutABinaryHeaderEndsOnlyItsConnection() throws Exception {
        try (RawSocketIo client = RawSocketIo.connect(server, "/socket.io/")) {
            client.ws().sendBinary(new byte[] {1, 2, 3});
            assertEnded(client, CloseReasons.PARSE_ERROR);
        }
        assertOthersUnaffected();
    }

    @Test
    void aTextPacketWhileAttachmentsArePendingEndsOnlyItsConnection() throws Exception {
        try (RawSocketIo client = RawSocketIo.connect(server, "/socket.io/")) {
            client.ws().sendText("452-[\"echo\",{\"_placeholder\":true,\"num\":0},{\"_placeholder\":true,\"num\":1}]");
            client.ws().sendBinary(new byte[] {1});
            client.ws().sendText("42[\"echo\"]");
            assertEnded(client, CloseReasons.PARSE_ERROR);
        }
        assertOthersUnaffected();
    }

    @Test
    void aWellFormedBinaryEventStillWorks() throws Exception {
        try (RawSocketIo client = RawSocketIo.connect(server, "/socket.io/")) {
            client.ws().sendText("451-5[\"echo\",{\"_placeholder\":true,\"num\":0}]");
            client.ws().sendBinary(new byte[] {9, 8, 7});
            assertEquals("461-5[{\"_placeholder\":true,\"num\":0}]", client.ws().nextText());
            assertEquals(3, client.ws().nextBinary().length);
        }
    }

    @Test
    void anUnknownNamespaceGetsConnectErrorAndTheConnectionStays() throws Exception {
        try (RawSocketIo client = RawSocketIo.connect(server, "/socket.io/")) {
            client.ws().sendText("40/nope,");
            assertEquals("44/nope,{\"message\":\"Invalid namespace\"}", client.ws().nextText());

            client.assertEchoes(2, "main namespace still works");
            assertFalse(disconnectOf(client.socketSid()).isDone());
        }
        assertOthersUnaffected();
    }

    @Test
    void eventsForANamespaceNotJoinedAreIgnored() throws Exception {
        try (RawSocketIo client = RawSocketIo.connect(server, "/socket.io/")) {
            client.ws().sendText("42/elsewhere,5[\"echo\",\"lost\"]");
            client.assertEchoes(6, "next");
        }
    }
}
