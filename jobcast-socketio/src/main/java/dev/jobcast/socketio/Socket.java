package dev.jobcast.socketio;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.jobcast.engineio.CloseReasons;
import dev.jobcast.engineio.HandshakeRequest;
import dev.jobcast.socketio.codec.SioEncoder;
import dev.jobcast.socketio.codec.SioPacket;
import dev.jobcast.socketio.recovery.RecoveryStore;
import dev.jobcast.socketio.rooms.RoomDelivery;
import dev.jobcast.socketio.rooms.RoomRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * One client's membership of one namespace: its event handlers, rooms and pending
 * acknowledgements. Lives on its connection's actor; call it only from handlers there.
 */
public final class Socket {

    private final String id;
    private final String pid;
    private final Namespace namespace;
    private final Client client;
    private final JsonNode auth;
    private final boolean recovered;
    // Sized for the usual socket (its own room and a few more, a few handlers); a server holds
    // tens of thousands of idle ones. What is only sometimes used is allocated when it is.
    /** The rooms joined besides the socket's own (named by its id); null until the first join. */
    private JoinedRooms joined;
    private final Map<String, EventHandler> handlers = new HashMap<>(2);
    private List<Consumer<String>> disconnectHandlers;
    private AwaitedAcks acks;
    private OrderedStreams streams;
    private SocketAttributes attributes;
    /** This socket's own inbound allowance, or null when it shares its connection's. */
    private final RateLimiter limiter;
    private boolean connected = true;
    // With recovery on: the last stored packet sent; with the watermarks, the socket's offset.
    private long packetSeq;

    /**
     * @param from where the client is (recovered socket), or with recovery on the store's head
     *             and no streams; null when recovery is off
     */
    Socket(String id, String pid, Namespace namespace, Client client, JsonNode auth, SocketAttributes attributes,
           boolean recovered,
           RecoveryOffset from) {
        this.id = id;
        this.pid = pid;
        this.namespace = namespace;
        this.client = client;
        // An empty payload (most clients send none) is not kept: auth() makes one when asked.
        this.auth = auth == null || (auth.isObject() && auth.isEmpty()) ? null : auth;
        this.attributes = attributes;
        this.recovered = recovered;
        this.limiter = namespace.newLimiter(System.nanoTime());
        if (from != null) {
            this.packetSeq = from.packet();
            if (!from.streams().isEmpty()) {
                streams = new OrderedStreams(this, from.streams());
            }
        }
    }

    public String id() {
        return id;
    }

    /** The private session id of connection state recovery, or null when it is off. */
    public String pid() {
        return pid;
    }

    public Namespace namespace() {
        return namespace;
    }

    public HandshakeRequest handshake() {
        return client.handshake();
    }

    /** The CONNECT payload ({} when the client sent none). */
    public JsonNode auth() {
        return auth != null ? auth : com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
    }

    /** What the middlewares or the application attached under {@code key} (a user, say), or null. */
    public <T> T get(AttributeKey<T> key) {
        return attributes.get(key);
    }

    /** Attaches {@code value} under {@code key} (null removes it); it stays across a recovery. */
    public <T> void set(AttributeKey<T> key, T value) {
        attributes = attributes.with(key, value);
    }

    /** Everything attached to this socket. */
    public SocketAttributes attributes() {
        return attributes;
    }

    /** True when this socket came back within the recovery window with its rooms and missed events. */
    public boolean recovered() {
        return recovered;
    }

    public boolean connected() {
        return connected;
    }

    /** The rooms the socket is in, its own first; a snapshot. */
    public Set<String> rooms() {
        return joined == null ? Set.of(id) : joined.after(id);
    }

    public Socket on(String event, EventHandler handler) {
        handlers.put(event, handler);
        return this;
    }

    public Socket onDisconnect(Consumer<String> handler) {
        if (disconnectHandlers == null) {
            disconnectHandlers = new ArrayList<>(1);
        }
        disconnectHandlers.add(handler);
        return this;
    }

    /** Sends an event to this socket; false if the connection is gone or its queue overflowed. */
    public boolean emit(String event, Object... args) {
        return emitArgs(event, Args.of(args));
    }

    public boolean emitArgs(String event, ArrayNode args) {
        if (!connected) {
            return false;
        }
        ArrayNode eventArgs = Args.event(event, args);
        RecoveryStore store = client.server().recoveryStore();
        if (store != null && pid != null) {
            packetSeq = store.append(namespace.name(), Set.of(id), Set.of(), eventArgs);
        }
        return sendEvent(eventArgs);
    }

    /** An event to this socket, not stored for recovery (an ordered stream's replayed item). */
    boolean sendDirect(ArrayNode eventArgs) {
        return connected && sendEvent(eventArgs);
    }

    /** Cuts the connection as a slow client's. */
    void cutAsSlow() {
        client.engine().abort(DisconnectReasons.SLOW_CLIENT);
    }

    /** An event to this socket, with this socket's offset appended when recovery is on. */
    private boolean sendEvent(ArrayNode eventArgs) {
        var frames = RoomRegistry.frames(SioEncoder.encode(SioPacket.event(namespace.name(), eventArgs, null)));
        return client.engine().send(pid == null ? frames : RecoveryOffset.appendTo(frames, offset()), null);
    }

    /** What the client has once it holds the last event sent: echoed back when it recovers. */
    private String offset() {
        return RecoveryOffset.format(client.server().recoveryStore().epoch(), packetSeq,
                streams == null ? Map.of() : streams.watermarks());
    }

    /** Sends again, in order, the stored packets a recovered socket missed. */
    void resendMissed(List<RecoveryStore.Missed> missed) {
        for (RecoveryStore.Missed m : missed) {
            packetSeq = Math.max(packetSeq, m.seq());
            sendEvent(m.args());
        }
    }

    /**
     * Sends an event the client must acknowledge within {@code timeout}; the stage fails
     * with a TimeoutException otherwise, or at once if the socket is gone or has too many
     * acknowledgements pending.
     */
    public CompletionStage<ArrayNode> emitWithAck(String event, Duration timeout, Object... args) {
        if (!connected) {
            return CompletableFuture.failedFuture(new IllegalStateException("socket disconnected"));
        }
        if (acks == null) {
            acks = new AwaitedAcks();
        } else if (acks.size() >= client.server().config().maxPendingAcks()) {
            return CompletableFuture.failedFuture(new IllegalStateException("too many acknowledgements pending"));
        }
        AwaitedAcks awaited = acks;
        long ackId = awaited.nextId();
        CompletableFuture<ArrayNode> result = new CompletableFuture<>();
        Runnable cancel = client.engine().schedule(timeout, () -> {
            if (awaited.remove(ackId)) {
                result.completeExceptionally(new TimeoutException("no acknowledgement within " + timeout));
            }
        });
        awaited.put(ackId, result, cancel);
        if (!client.send(SioPacket.event(namespace.name(), Args.event(event, Args.of(args)), ackId), null)) {
            awaited.remove(ackId);
            cancel.run();
            result.completeExceptionally(new IllegalStateException("connection closed"));
        }
        return result;
    }

    /** Whether the socket is in {@code room} (its own included), without a snapshot of them all. */
    public boolean isIn(String room) {
        return room.equals(id) || joined != null && joined.contains(room);
    }

    /** How many rooms the socket is in, its own included. */
    public int roomCount() {
        return 1 + (joined == null ? 0 : joined.size());
    }

    /** Joins rooms; the stage completes once broadcasts to them reach this socket. */
    public CompletionStage<Void> join(String... more) {
        Set<String> added = new LinkedHashSet<>();
        for (String room : more) {
            if (!room.equals(id) && joined().add(room)) {
                added.add(room);
            }
        }
        return client.join(this, added);
    }

    public void leave(String room) {
        if (joined != null && joined.remove(room)) {
            client.leave(this, room);
        }
    }

    /** To every other socket of the namespace. */
    public Broadcast broadcast() {
        return namespace.except(id);
    }

    /** To the members of {@code targets}, this socket excepted. */
    public Broadcast to(String... targets) {
        return namespace.to(targets).except(id);
    }

    /**
     * Disconnects every namespace of this connection (the client is told, and does not
     * reconnect by itself) and closes it; disconnect handlers see {@code reason}.
     */
    public void closeConnection(String reason) {
        client.disconnectAll(reason);
    }

    /** Leaves the namespace (the client is told); with {@code close}, the whole connection goes. */
    public void disconnect(boolean close) {
        if (close) {
            client.disconnectAll(DisconnectReasons.SERVER_NAMESPACE_DISCONNECT);
        } else if (connected) {
            client.send(SioPacket.disconnect(namespace.name()), null);
            client.removed(this, DisconnectReasons.SERVER_NAMESPACE_DISCONNECT);
        }
    }

    /** Calls {@code callback} on this socket's connection actor when {@code stage} completes. */
    public <T> void whenComplete(CompletionStage<T> stage, java.util.function.BiConsumer<T, Throwable> callback) {
        client.engine().pipe(stage, callback);
    }

    /** Runs {@code task} on this socket's connection actor after {@code delay}; the result cancels it. */
    public Runnable schedule(Duration delay, Runnable task) {
        return client.engine().schedule(delay, task);
    }

    /** Packets waiting in the connection's outbound queue (to pace a replay). */
    public int queuedPackets() {
        return client.engine().queuedPackets();
    }

    /** How many packets the connection's outbound queue holds at most. */
    public int queueCapacity() {
        return client.engine().queueCapacity();
    }

    /** The socket's ordered streams: replayed history and live items merged (see {@link OrderedStreams}). */
    public OrderedStreams streams() {
        if (streams == null) {
            streams = new OrderedStreams(this, Map.of());
        }
        return streams;
    }

    private JoinedRooms joined() {
        if (joined == null) {
            joined = new JoinedRooms();
        }
        return joined;
    }

    /** A room delivery for this socket: held, dropped as already sent, or queued. */
    void deliver(RoomDelivery d) {
        if (!connected) {
            return;
        }
        if (d.streamKey() != null && !streams().admit(d)) {
            return;
        }
        if (pid == null) {
            client.engine().send(d.frames(), d.conflationKey());
            return;
        }
        if (d.packetSeq() >= 0) {
            packetSeq = Math.max(packetSeq, d.packetSeq());
        }
        client.engine().send(RecoveryOffset.appendTo(d.frames(), offset()), d.conflationKey());
    }

    /**
     * Cuts the connection under this socket as a network failure would: no DISCONNECT is
     * sent, so the client reconnects (and recovers, when recovery is on).
     */
    public void dropConnection() {
        client.engine().abort(CloseReasons.TRANSPORT_CLOSE);
    }

    // ---- called by Client ------------------------------------------------------------------

    /** Null when the socket draws on its connection's allowance. */
    RateLimiter limiter() {
        return limiter;
    }

    void onEvent(SioPacket packet) {
        ArrayNode data = (ArrayNode) packet.data();
        String event = data.get(0).textValue();
        EventHandler handler = handlers.get(event);
        ArrayNode args = data.deepCopy();
        args.remove(0);
        Ack ack = packet.id() == null ? null : new SocketAck(this, packet.id());
        if (handler != null) {
            handler.handle(this, args, ack);
        }
    }

    void onAck(SioPacket packet) {
        if (acks != null) {
            acks.answered(packet.id(), (ArrayNode) packet.data());
        }
    }

    void initialRooms(Set<String> initial) {
        for (String room : initial) {
            if (!room.equals(id)) {
                joined().add(room);
            }
        }
    }

    /** Sends the acknowledgement {@code ackId} of a client's event. */
    void sendAck(long ackId, ArrayNode args) {
        client.send(SioPacket.ack(namespace.name(), ackId, args), null);
    }

    void closed(String reason) {
        if (!connected) {
            return;
        }
        connected = false;
        if (acks != null) {
            acks.failAll(reason);
        }
        if (streams != null) {
            streams.closed();
        }
        for (Consumer<String> h : disconnectHandlers == null ? List.<Consumer<String>>of() : disconnectHandlers) {
            h.accept(reason);
        }
    }

    /** Acknowledges with exactly these arguments (for echoing what came in). */
    public static void ackArgs(Ack ack, ArrayNode args) {
        if (ack instanceof SocketAck once) {
            once.sendArgs(args);
        } else {
            Object[] values = new Object[args.size()];
            for (int i = 0; i < values.length; i++) {
                values[i] = args.get(i);
            }
            ack.send(values);
        }
    }
}
