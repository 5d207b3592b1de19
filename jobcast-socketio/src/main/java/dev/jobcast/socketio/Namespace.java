package dev.jobcast.socketio;

import dev.jobcast.socketio.rooms.RoomCommand;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * A Socket.IO namespace: its connect middlewares, what happens on a connection, and
 * broadcasts to its rooms. Configure it before clients arrive.
 */
public final class Namespace {
    private final String name;
    private final ActorRef<RoomCommand> registry;
    private final List<ConnectMiddleware> middlewares = new CopyOnWriteArrayList<>();
    private volatile Consumer<Socket> onConnection = s -> { };
    private volatile Consumer<Socket> onRecovery = s -> { };
    /** Events per second and burst of each socket here; null: the connection's own allowance. */
    private volatile double[] inboundRate;

    Namespace(String name, ActorRef<RoomCommand> registry) {
        this.name = name;
        this.registry = registry;
    }

    public String name() {
        return name;
    }

    /** Adds a middleware; they run in the order added, the first refusal wins. */
    public Namespace use(ConnectMiddleware middleware) {
        middlewares.add(middleware);
        return this;
    }

    /** Called on the connection's actor for every socket that connected (or recovered). */
    public Namespace onConnection(Consumer<Socket> handler) {
        this.onConnection = handler;
        return this;
    }

    /**
     * Called on the connection's actor for a socket that recovered, right after the
     * connection handler and before any live broadcast reaches it: the place to replay the
     * ordered streams of its rooms, which the recovery store does not keep. Each stream's
     * {@link Socket#watermark} is what the client has; hold the streams to replay
     * ({@link OrderedStreams#hold}) before returning, replay with {@link OrderedStreams#emit},
     * then {@link OrderedStreams#release}. Streams not held here go on live from where the
     * client is, without what it missed.
     */
    public Namespace onRecovery(Consumer<Socket> handler) {
        this.onRecovery = handler;
        return this;
    }

    /**
     * Gives each socket of this namespace an inbound allowance of its own, instead of the
     * share of the connection's ({@link SocketIoConfig#inboundEventsPerSecond}): for a
     * namespace whose clients are programs that send much more than people do.
     */
    public Namespace inboundRate(double perSecond, int burst) {
        if (!(perSecond > 0) || burst < 1) {
            throw new IllegalArgumentException("an inbound rate needs perSecond > 0 and burst >= 1");
        }
        this.inboundRate = new double[] {perSecond, burst};
        return this;
    }

    /** A limiter for a new socket of this namespace, or null when it shares its connection's. */
    RateLimiter newLimiter(long nowNanos) {
        double[] rate = inboundRate;
        return rate == null ? null : new RateLimiter(rate[0], (int) rate[1], nowNanos);
    }

    public Broadcast to(String... rooms) {
        return new Broadcast(registry, name, Set.of(rooms), Set.of(), null, null, -1);
    }

    public Broadcast except(String... rooms) {
        return new Broadcast(registry, name, Set.of(), Set.of(rooms), null, null, -1);
    }

    /** Sends to every socket of this namespace. */
    public void emit(String event, Object... args) {
        new Broadcast(registry, name, Set.of(), Set.of(), null, null, -1).emit(event, args);
    }

    List<ConnectMiddleware> middlewares() {
        return middlewares;
    }

    void connected(Socket socket) {
        onConnection.accept(socket);
    }

    void recovered(Socket socket) {
        onRecovery.accept(socket);
    }
}
