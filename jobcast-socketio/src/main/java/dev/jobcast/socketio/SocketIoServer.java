package dev.jobcast.socketio;

import dev.jobcast.engineio.EngineApp;
import dev.jobcast.engineio.EngineListener;
import dev.jobcast.engineio.EngineSocket;
import dev.jobcast.socketio.recovery.InMemoryRecoveryStore;
import dev.jobcast.socketio.recovery.RecoveryStore;
import dev.jobcast.socketio.rooms.RoomCommand;
import dev.jobcast.socketio.rooms.RoomRegistry;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Props;

/**
 * A Socket.IO v5 server on top of Engine.IO sessions: namespaces, their middlewares and
 * handlers, the room registry, and connection state recovery. Register namespaces and
 * handlers, then serve it through an {@link dev.jobcast.engineio.EngineServer}.
 */
public final class SocketIoServer implements EngineApp {
    private static final AtomicInteger INSTANCES = new AtomicInteger();

    private final SocketIoConfig config;
    private final ActorRef<RoomCommand> rooms;
    private final RecoveryStore recoveryStore;
    private final ConcurrentHashMap<String, Namespace> namespaces = new ConcurrentHashMap<>();
    private final AtomicInteger clients = new AtomicInteger();
    private volatile Consumer<Socket> onRateLimited =
            socket -> socket.closeConnection(DisconnectReasons.RATE_LIMITED);

    public SocketIoServer(ActorSystem<?> system, SocketIoConfig config) {
        this(system, config, config.recovery().enabled()
                ? new InMemoryRecoveryStore(config.recovery().maxDisconnectionDuration(),
                        config.recovery().maxPackets(), config.recovery().maxSessions(), System::currentTimeMillis) : null);
    }

    /** @param recoveryStore where recovery keeps events and sessions; null turns recovery off */
    public SocketIoServer(ActorSystem<?> system, SocketIoConfig config, RecoveryStore recoveryStore) {
        this.config = config;
        this.recoveryStore = recoveryStore;
        this.rooms = system.systemActorOf(RoomRegistry.create(recoveryStore),
                "socketio-rooms-" + INSTANCES.incrementAndGet(), Props.empty());
        namespace("/");
    }

    public SocketIoConfig config() {
        return config;
    }

    /** The namespace of that name, created on first use. Names start with "/". */
    public Namespace namespace(String name) {
        if (!name.startsWith("/")) {
            throw new IllegalArgumentException("namespace names start with '/': " + name);
        }
        return namespaces.computeIfAbsent(name, n -> new Namespace(n, rooms));
    }

    /** The main namespace, "/". */
    public Namespace sockets() {
        return namespace("/");
    }

    Optional<Namespace> find(String name) {
        return Optional.ofNullable(namespaces.get(name));
    }

    public ActorRef<RoomCommand> rooms() {
        return rooms;
    }

    /** Null when connection state recovery is off. */
    public RecoveryStore recoveryStore() {
        return recoveryStore;
    }

    /**
     * What happens to a socket whose connection sent events faster than allowed (the event
     * itself is dropped). By default the connection is closed, with reason "rate limited".
     */
    public void onRateLimited(Consumer<Socket> policy) {
        this.onRateLimited = policy;
    }

    void rateLimited(Socket socket) {
        onRateLimited.accept(socket);
    }

    /** Connections with a live Socket.IO client on them. */
    public int connectedClients() {
        return clients.get();
    }

    void clientOpened() {
        clients.incrementAndGet();
    }

    void clientClosed() {
        clients.decrementAndGet();
    }

    @Override
    public EngineListener onOpen(EngineSocket socket) {
        return new Client(this, socket);
    }
}
