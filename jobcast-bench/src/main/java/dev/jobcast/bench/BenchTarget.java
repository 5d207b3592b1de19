package dev.jobcast.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jobcast.engineio.EngineConfig;
import dev.jobcast.engineio.EngineServer;
import dev.jobcast.engineio.port.HttpBinding;
import dev.jobcast.engineio.port.HttpTransport;
import dev.jobcast.socketio.Broadcast;
import dev.jobcast.socketio.Namespace;
import dev.jobcast.socketio.Socket;
import dev.jobcast.socketio.SocketIoConfig;
import dev.jobcast.socketio.SocketIoServer;
import dev.jobcast.socketio.codec.Json;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.http.javadsl.ServerBinding;
import org.apache.pekko.http.javadsl.server.Directives;

/**
 * The fan-out contract served by the library alone (no jobs, no database): on the default
 * namespace, `join` {room} joins the room and acknowledges once broadcasts to it reach the
 * socket; the control API on its own port publishes `update` events to rooms.
 */
public final class BenchTarget implements AutoCloseable {
    /** Rooms one socket may be in besides its own: joins are client-driven, so they are bounded. */
    static final int MAX_ROOMS_PER_SOCKET = 16;

    private final ActorSystem<Void> system;
    private final ScheduledExecutorService ticker;
    private final int port;
    private final int controlPort;

    private BenchTarget(ActorSystem<Void> system, ScheduledExecutorService ticker, int port, int controlPort) {
        this.system = system;
        this.ticker = ticker;
        this.port = port;
        this.controlPort = controlPort;
    }

    /** Binds both ports (0 picks a free one) and returns once they accept connections. */
    public static BenchTarget start(String host, int port, String controlHost, int controlPort, TargetConfig config)
            throws Exception {
        return start(host, port, controlHost, controlPort, config, HttpTransport.LEAN);
    }

    public static BenchTarget start(String host, int port, String controlHost, int controlPort, TargetConfig config,
                                    HttpTransport transport) throws Exception {
        ActorSystem<Void> system = ActorSystem.create(Behaviors.empty(), "jobcast-bench-target", config.toConfig());
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "bench-publisher");
            t.setDaemon(true);
            return t;
        });
        try {
            SocketIoServer io = new SocketIoServer(system, SocketIoConfig.defaults());
            io.sockets().onConnection(BenchTarget::onConnection);
            EngineServer engine = new EngineServer(system, EngineConfig.defaults("/socket.io/"), io);
            HttpBinding.Bound sio = HttpBinding.bind(system, host, port, transport, List.of(engine), Directives.reject())
                    .toCompletableFuture().get(30, TimeUnit.SECONDS);
            ServerBinding control = HttpBinding.bind(system, controlHost, controlPort,
                            new ControlRoutes(ControlRoutes.SERVER_NAME, io,
                                    new Publisher(r -> roomSink(io.sockets(), r), ticker), null, null).route())
                    .toCompletableFuture().get(30, TimeUnit.SECONDS);
            return new BenchTarget(system, ticker, sio.localAddress().getPort(), control.localAddress().getPort());
        } catch (Exception e) {
            ticker.shutdownNow();
            system.terminate();
            throw e;
        }
    }

    /** A run's updates as room broadcasts of the `update` event, sent at once. */
    private static Publisher.Sink roomSink(Namespace namespace, Publisher.Request request) {
        Broadcast[] rooms = new Broadcast[request.rooms()];
        for (int k = 0; k < rooms.length; k++) {
            rooms[k] = namespace.to(request.prefix() + k);
        }
        return (room, seq) -> {
            rooms[room].emit(UpdatePayload.EVENT, UpdatePayload.of(room, seq, WallClock.micros()));
            return true;
        };
    }

    private static void onConnection(Socket socket) {
        socket.on("join", (s, args, ack) -> {
            JsonNode room = args.path(0).path("room");
            if (!room.isTextual()) {
                if (ack != null) {
                    ack.send(error("join takes {\"room\": string}"));
                }
                return;
            }
            if (!s.isIn(room.textValue()) && s.roomCount() > MAX_ROOMS_PER_SOCKET) {
                if (ack != null) {
                    ack.send(error("at most " + MAX_ROOMS_PER_SOCKET + " rooms per socket"));
                }
                return;
            }
            s.whenComplete(s.join(room.textValue()), (done, failure) -> {
                if (ack != null) {
                    ack.send(failure == null
                            ? Json.MAPPER.createObjectNode().put("room", room.textValue())
                            : error("join failed"));
                }
            });
        });
    }

    private static JsonNode error(String message) {
        return Json.MAPPER.createObjectNode().put("error", message);
    }

    public int port() {
        return port;
    }

    public int controlPort() {
        return controlPort;
    }

    /** Completes when the server stops (for the command, which runs until killed). */
    public void awaitTermination() throws Exception {
        system.getWhenTerminated().toCompletableFuture().get();
    }

    @Override
    public void close() throws ExecutionException, TimeoutException {
        ticker.shutdownNow();
        system.terminate();
        try {
            system.getWhenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
