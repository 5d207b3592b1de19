package dev.jobcast.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jobcast.engineio.EngineConfig;
import dev.jobcast.engineio.EngineServer;
import dev.jobcast.engineio.port.HttpBinding;
import dev.jobcast.engineio.port.HttpTransport;
import dev.jobcast.socketio.Ack;
import dev.jobcast.socketio.AttributeKey;
import dev.jobcast.socketio.Broadcast;
import dev.jobcast.socketio.ConnectDecision;
import dev.jobcast.socketio.Namespace;
import dev.jobcast.socketio.Socket;
import dev.jobcast.socketio.SocketIoConfig;
import dev.jobcast.socketio.SocketIoServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.http.javadsl.server.Directives;

/**
 * A test-only Socket.IO server, built with the library only, that end-to-end tests drive
 * from the client side: every server action a test needs (join a room, broadcast, ask the
 * client for an acknowledgement, kick it, cut its transport) is an event the client emits.
 *
 * <p>It binds one free port on 127.0.0.1 and serves two Socket.IO servers there, because
 * connection state recovery is a setting of a whole {@link SocketIoServer} and changes what
 * clients see (every event then carries its offset as an extra, last argument):
 * <ul>
 *   <li>{@value #PATH}: recovery off. Namespace "/" with the control events below, and "/secure", whose middleware refuses a CONNECT unless
 *       {@code auth.token} is {@value #SECURE_TOKEN} (CONNECT_ERROR "unauthorized" with data
 *       {@code {"reason": "missing token" | "wrong token"}}); accepted sockets get a
 *       {@code welcome} event with the data the middleware attached.</li>
 *   <li>{@value #RECOVERY_PATH}: recovery on with a {@link #RECOVERY_WINDOW} window.
 *       Namespace "/" with the same control events, and "/slow-auth", the same again behind a
 *       middleware that takes {@link #SLOW_AUTH} to accept each CONNECT and first broadcasts
 *       {@code checking(auth)} to the room named by {@code auth.watch} (if any): tests use it to
 *       act while a recovering client is being checked.</li>
 * </ul>
 *
 * <p>Control events of "/" (each answers through the client's ack when it asked for one):
 * <ul>
 *   <li>{@code join {room}}: joins; acks (with the socket's rooms) once broadcasts to the room
 *       reach the socket.</li>
 *   <li>{@code leave {room}}: leaves; acks with the socket's rooms.</li>
 *   <li>{@code rooms}: acks with the socket's rooms.</li>
 *   <li>{@code broadcast {room, event, data?, except?}}: emits {@code event(data)} to the
 *       members of {@code room} (the sender too if it is one) minus those of {@code except};
 *       both are a room name or an array of them. Then acks.</li>
 *   <li>{@code server-ack {event, data, timeoutMs?}}: the server emits {@code event(data)} to
 *       this socket with an acknowledgement (default timeout 5 s) and acks the client's answer
 *       back as {@code {reply: [...args]}}, or {@code {error: "timeout" | message}}.</li>
 *   <li>{@code kick {close?}}: the server disconnects the socket (the client sees "io server
 *       disconnect"); with {@code close: true} the whole connection goes too.</li>
 *   <li>{@code drop}: the server cuts the connection's transport as a network failure would
 *       ({@link Socket#dropConnection()}): no DISCONNECT is sent, the socket ends with the
 *       recoverable reason "transport close" and the client reconnects on its own.</li>
 * </ul>
 * When a socket of "/" disconnects, the server broadcasts {@code left {id, reason}} to the room
 * {@code "watch:" + id}, so tests can observe the reason the server saw.
 */
public final class FixtureServer implements AutoCloseable {
    /** Who /secure's middleware says the client is. */
    static final AttributeKey<String> USER = AttributeKey.of("user", String.class);
    public static final String PATH = "/socket.io/";
    public static final String RECOVERY_PATH = "/recovery/";
    public static final String SECURE_TOKEN = "let-me-in";
    public static final Duration RECOVERY_WINDOW = Duration.ofSeconds(30);
    public static final Duration DEFAULT_ACK_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration SLOW_AUTH = Duration.ofMillis(300);

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final ActorSystem<Void> system;
    private final HttpBinding.Bound binding;

    private FixtureServer(ActorSystem<Void> system, HttpBinding.Bound binding) {
        this.system = system;
        this.binding = binding;
    }

    /** Starts the servers in an actor system of their own, on a free port of 127.0.0.1. */
    public static FixtureServer start() {
        return start(HttpTransport.PEKKO_HTTP);
    }

    /** The same, served by {@code transport}. */
    public static FixtureServer start(HttpTransport transport) {
        ActorSystem<Void> system = ActorSystem.create(Behaviors.empty(), "jobcast-fixture");
        try {
            EngineServer main = endpoint(system, PATH, SocketIoConfig.defaults());
            EngineServer recovering = endpoint(system, RECOVERY_PATH,
                    SocketIoConfig.defaults().withRecovery(SocketIoConfig.Recovery.on(RECOVERY_WINDOW)));
            HttpBinding.Bound binding = HttpBinding.bind(system, "127.0.0.1", 0, transport,
                            List.of(main, recovering), Directives.reject())
                    .toCompletableFuture().get(10, TimeUnit.SECONDS);
            return new FixtureServer(system, binding);
        } catch (Exception e) {
            system.terminate();
            throw new IllegalStateException("fixture server did not start", e);
        }
    }

    public int port() {
        return binding.localAddress().getPort();
    }

    /** The base URL clients connect to, e.g. {@code http://127.0.0.1:41234}. */
    public String url() {
        return "http://127.0.0.1:" + port();
    }

    /** Stops the servers and their actor system, waiting for it to terminate. */
    @Override
    public void close() {
        system.terminate();
        try {
            system.getWhenTerminated().toCompletableFuture().get(15, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("fixture actor system did not terminate", e);
        }
    }

    // ---- the servers --------------------------------------------------------------------------

    private static EngineServer endpoint(ActorSystem<?> system, String path, SocketIoConfig config) {
        SocketIoServer io = new SocketIoServer(system, config);
        io.sockets().onConnection(FixtureServer::controlHandlers);
        if (config.recovery().enabled()) {
            Namespace slow = io.namespace("/slow-auth");
            slow.use(request -> slowCheck(slow, request.auth())).onConnection(FixtureServer::controlHandlers);
        } else {
            io.namespace("/secure")
                    .use(request -> CompletableFuture.completedFuture(checkToken(request.auth())))
                    .onConnection(socket -> socket.emit("welcome", Map.of("user", socket.get(USER))));
        }
        return new EngineServer(system, EngineConfig.defaults(path), io);
    }

    /** Announces the CONNECT it checks to the room named by auth.watch, then accepts it, slowly. */
    private static CompletionStage<ConnectDecision> slowCheck(Namespace ns, JsonNode auth) {
        if (auth.path("watch").isTextual()) {
            ns.to(auth.get("watch").textValue()).emit("checking", auth);
        }
        return CompletableFuture.supplyAsync(() -> ConnectDecision.accept(),
                CompletableFuture.delayedExecutor(SLOW_AUTH.toMillis(), TimeUnit.MILLISECONDS));
    }

    private static ConnectDecision checkToken(JsonNode auth) {
        JsonNode token = auth.path("token");
        if (!token.isTextual()) {
            return refuse("missing token");
        }
        if (!SECURE_TOKEN.equals(token.textValue())) {
            return refuse("wrong token");
        }
        return ConnectDecision.accept(USER, "tester");
    }

    private static ConnectDecision refuse(String reason) {
        return new ConnectDecision.Refuse("unauthorized", JSON.objectNode().put("reason", reason));
    }

    private static void controlHandlers(Socket socket) {
        Namespace ns = socket.namespace();
        String id = socket.id();
        socket.onDisconnect(reason -> ns.to("watch:" + id).emit("left", JSON.objectNode()
                .put("id", id).put("reason", reason)));

        socket.on("join", (s, args, ack) -> s.join(text(args, "room"))
                // Completes on the socket's actor (the room registry's answer comes through it).
                .thenRun(() -> answer(ack, rooms(s))));
        socket.on("leave", (s, args, ack) -> {
            s.leave(text(args, "room"));
            answer(ack, rooms(s));
        });
        socket.on("rooms", (s, args, ack) -> answer(ack, rooms(s)));
        socket.on("broadcast", (s, args, ack) -> {
            JsonNode request = args.path(0);
            String[] rooms = names(request.path("room"));
            if (rooms.length == 0) {
                throw new IllegalArgumentException("broadcast needs a room: " + args);
            }
            Broadcast broadcast = ns.to(rooms).except(names(request.path("except")));
            if (request.has("data")) {
                broadcast.emit(text(args, "event"), request.get("data"));
            } else {
                broadcast.emit(text(args, "event"));
            }
            answer(ack);
        });
        socket.on("server-ack", (s, args, ack) -> {
            JsonNode request = args.path(0);
            Duration timeout = request.has("timeoutMs")
                    ? Duration.ofMillis(request.get("timeoutMs").asLong()) : DEFAULT_ACK_TIMEOUT;
            // Completes on the socket's actor: the client's ACK, the timeout and a disconnect all run there.
            s.emitWithAck(text(args, "event"), timeout, argsOf(request)).whenComplete((reply, error) -> {
                ObjectNode report = JSON.objectNode();
                if (error == null) {
                    report.set("reply", reply);
                } else {
                    Throwable cause = error instanceof CompletionException ? error.getCause() : error;
                    report.put("error", cause instanceof TimeoutException ? "timeout" : String.valueOf(cause.getMessage()));
                }
                answer(ack, report);
            });
        });
        socket.on("kick", (s, args, ack) -> s.disconnect(args.path(0).path("close").asBoolean(false)));
        socket.on("drop", (s, args, ack) -> s.dropConnection());
    }

    private static void answer(Ack ack, Object... args) {
        if (ack != null) {
            ack.send(args);
        }
    }

    /** The event arguments of a request: its {@code data}, or none. */
    private static Object[] argsOf(JsonNode request) {
        return request.has("data") ? new Object[] {request.get("data")} : new Object[0];
    }

    private static String text(ArrayNode args, String field) {
        JsonNode value = args.path(0).path(field);
        if (!value.isTextual()) {
            throw new IllegalArgumentException("missing text field '" + field + "' in " + args);
        }
        return value.textValue();
    }

    private static String[] names(JsonNode roomOrRooms) {
        List<String> names = new ArrayList<>();
        if (roomOrRooms.isTextual()) {
            names.add(roomOrRooms.textValue());
        } else {
            roomOrRooms.forEach(n -> names.add(n.asText()));
        }
        return names.toArray(String[]::new);
    }

    private static ArrayNode rooms(Socket socket) {
        ArrayNode rooms = JSON.arrayNode();
        socket.rooms().forEach(rooms::add);
        return rooms;
    }
}
