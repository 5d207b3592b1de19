package dev.jobcast.socketio;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jobcast.engineio.CloseReasons;
import dev.jobcast.engineio.EngineListener;
import dev.jobcast.engineio.EngineSocket;
import dev.jobcast.engineio.HandshakeRequest;
import dev.jobcast.engineio.SessionRegistry;
import dev.jobcast.engineio.codec.EioPacket;
import dev.jobcast.socketio.codec.SioDecodeException;
import dev.jobcast.socketio.codec.SioDecoder;
import dev.jobcast.socketio.codec.SioEncoder;
import dev.jobcast.socketio.codec.SioPacket;
import dev.jobcast.socketio.recovery.RecoveryStore;
import dev.jobcast.socketio.rooms.RoomCommand;
import dev.jobcast.socketio.rooms.RoomDelivery;
import dev.jobcast.socketio.rooms.RoomRegistry;
import dev.jobcast.socketio.rooms.RoomReply;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * The Socket.IO side of one Engine.IO session: decodes packets, runs CONNECT through the
 * namespace's middlewares (and recovery), routes events and acks to the namespace sockets,
 * and takes room broadcasts in. Runs on the session's actor.
 */
final class Client implements EngineListener {
    private final SocketIoServer server;
    private final EngineSocket engine;
    private final SioDecoder decoder;
    private final RateLimiter limiter;
    // Sized and allocated for the usual case (one namespace, nothing pending): a server holds
    // tens of thousands of idle clients. The maps of what is under way are null when empty.
    private final Map<String, Socket> sockets = new HashMap<>(2);
    private Set<String> connecting;
    private Map<Long, CompletableFuture<Void>> pendingJoins;
    private Map<String, PendingRecovery> pendingRecoveries;
    /** The one adapter for all the room registry says to this client, seen as each reply type. */
    private final ActorRef<RoomDelivery> deliveries;
    private final ActorRef<RoomCommand.Joined> joinAcks;
    private final ActorRef<RoomCommand.RestoreResult> restoreResults;
    private Runnable cancelConnectTimeout;
    private long nextJoinToken;
    private boolean closed;

    Client(SocketIoServer server, EngineSocket engine) {
        this.server = server;
        this.engine = engine;
        this.decoder = new SioDecoder(server.config().maxAttachments());
        this.limiter = new RateLimiter(server.config().inboundEventsPerSecond(), server.config().inboundBurst(),
                System.nanoTime());
        ActorRef<RoomReply> replies = engine.adapter(RoomReply.class, this::onRoomReply);
        this.deliveries = replies.narrow();
        this.joinAcks = replies.narrow();
        this.restoreResults = replies.narrow();
        // A client that never joins a namespace is not allowed to hold a connection.
        this.cancelConnectTimeout = engine.schedule(server.config().connectTimeout(), () -> {
            if (sockets.isEmpty()) {
                engine.close(CloseReasons.FORCED_CLOSE);
            }
        });
        server.clientOpened();
    }

    SocketIoServer server() {
        return server;
    }

    EngineSocket engine() {
        return engine;
    }

    HandshakeRequest handshake() {
        return engine.request();
    }

    @Override
    public void onMessage(EioPacket message) {
        SioPacket packet;
        try {
            packet = message.isBinary() ? decoder.onBinary(message.binary()) : decoder.onText(message.text());
        } catch (SioDecodeException e) {
            engine.close(CloseReasons.PARSE_ERROR);
            return;
        }
        if (packet != null) {
            onPacket(packet);
        }
    }

    private void onPacket(SioPacket p) {
        switch (p.type()) {
            case CONNECT -> onConnect(p.nsp(), p.data());
            case DISCONNECT -> {
                Socket socket = sockets.get(p.nsp());
                if (socket != null) {
                    removed(socket, DisconnectReasons.CLIENT_NAMESPACE_DISCONNECT);
                }
            }
            case EVENT, BINARY_EVENT -> {
                Socket socket = sockets.get(p.nsp());
                if (socket == null) {
                    return;
                }
                RateLimiter allowance = socket.limiter() != null ? socket.limiter() : limiter;
                if (!allowance.tryAcquire(System.nanoTime())) {
                    server.rateLimited(socket);
                    return;
                }
                socket.onEvent(p);
            }
            case ACK, BINARY_ACK -> {
                Socket socket = sockets.get(p.nsp());
                if (socket != null) {
                    socket.onAck(p);
                }
            }
            default -> engine.close(CloseReasons.PARSE_ERROR);
        }
    }

    private void onConnect(String nsp, JsonNode authOrNull) {
        Optional<Namespace> ns = server.find(nsp);
        if (ns.isEmpty()) {
            send(SioPacket.connectError(nsp, "Invalid namespace", null), null);
            return;
        }
        if (sockets.containsKey(nsp) || !startConnecting(nsp)) {
            return;
        }
        JsonNode auth = authOrNull == null ? JsonNodeFactory.instance.objectNode() : authOrNull;
        // Middlewares always run, recovering or not: a token may have been revoked meanwhile.
        CompletionStage<ConnectDecision> decision = runMiddlewares(ns.get().middlewares(), 0,
                new ConnectRequest(nsp, auth, engine.request()));
        engine.pipe(decision, (d, error) -> {
            if (error != null) {
                doneConnecting(nsp);
                send(SioPacket.connectError(nsp, "Internal server error", null), null);
            } else if (d instanceof ConnectDecision.Refuse refuse) {
                doneConnecting(nsp);
                send(SioPacket.connectError(nsp, refuse.message(), refuse.data()), null);
            } else if (d instanceof ConnectDecision.Accept accept) {
                accepted(ns.get(), auth, accept.attributes());
            }
        });
    }

    private void accepted(Namespace ns, JsonNode auth, SocketAttributes data) {
        RecoveryStore store = server.recoveryStore();
        Optional<RecoveryOffset> offset = store == null || !auth.path("pid").isTextual() ? Optional.empty()
                : RecoveryOffset.parse(store.epoch(), auth.path("offset").textValue());
        if (offset.isPresent()) {
            if (pendingRecoveries == null) {
                pendingRecoveries = new HashMap<>(2);
            }
            pendingRecoveries.put(ns.name(), new PendingRecovery(auth, data, offset.get()));
            server.rooms().tell(new RoomCommand.RestoreAndJoin(ns.name(), auth.get("pid").textValue(),
                    offset.get().packet(), deliveries, restoreResults));
        } else {
            // No offset, or one of another process: a new session.
            doneConnecting(ns.name());
            connected(ns, auth, data, null, null);
        }
    }

    private record PendingRecovery(JsonNode auth, SocketAttributes data, RecoveryOffset offset) {
    }

    private void onRestoreResult(RoomCommand.RestoreResult r) {
        PendingRecovery pending = pendingRecoveries == null ? null : pendingRecoveries.remove(r.nsp());
        if (pendingRecoveries != null && pendingRecoveries.isEmpty()) {
            pendingRecoveries = null;
        }
        doneConnecting(r.nsp());
        Optional<Namespace> ns = server.find(r.nsp());
        if (pending == null || ns.isEmpty()) {
            return;
        }
        connected(ns.get(), pending.auth(), pending.data(), r.restored(), pending.offset());
    }

    private static CompletionStage<ConnectDecision> runMiddlewares(List<ConnectMiddleware> chain, int i,
                                                                   ConnectRequest request) {
        if (i == chain.size()) {
            return CompletableFuture.completedFuture(ConnectDecision.accept());
        }
        CompletionStage<ConnectDecision> stage;
        try {
            stage = chain.get(i).check(request);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        return stage.thenCompose(d -> d instanceof ConnectDecision.Accept a && i + 1 < chain.size()
                ? runMiddlewares(chain, i + 1, request).thenApply(next -> next instanceof ConnectDecision.Accept n
                        ? new ConnectDecision.Accept(a.attributes().and(n.attributes())) : next)
                : CompletableFuture.completedFuture(d));
    }

    /**
     * The socket exists from here. When {@code restored} is set, the registry has already put
     * it back in its rooms (in the same step as it collected what it missed).
     */
    private void connected(Namespace ns, JsonNode auth, SocketAttributes data, RecoveryStore.Restored restored,
                           RecoveryOffset offset) {
        if (closed) {
            if (restored != null) {
                server.rooms().tell(new RoomCommand.LeaveAll(ns.name(), restored.session().sid(),
                        restored.session().rooms()));
            }
            return;
        }
        boolean recovering = restored != null;
        String id = recovering ? restored.session().sid() : SessionRegistry.newSid();
        String pid = recovering ? restored.session().pid()
                : server.recoveryStore() != null ? SessionRegistry.newSid() : null;
        // What the middlewares attached now wins; a recovered socket keeps what it had besides.
        SocketAttributes socketData = recovering && restored.session().data() instanceof SocketAttributes before
                ? before.and(data) : data;
        RecoveryOffset from = recovering ? offset
                : pid != null ? new RecoveryOffset(server.recoveryStore().epoch(), server.recoveryStore().head(), Map.of())
                : null;
        Socket socket = new Socket(id, pid, ns, this, auth, socketData, recovering, from);
        sockets.put(ns.name(), socket);
        if (cancelConnectTimeout != null) {
            cancelConnectTimeout.run();
            cancelConnectTimeout = null;
        }
        Set<String> rooms = new HashSet<>(recovering ? restored.session().rooms() : Set.of());
        rooms.add(id);
        socket.initialRooms(rooms);
        if (!recovering) {
            server.rooms().tell(new RoomCommand.Join(ns.name(), id, rooms, deliveries, null, 0));
        }

        ObjectNode reply = JsonNodeFactory.instance.objectNode().put("sid", id);
        if (pid != null) {
            reply.put("pid", pid);
        }
        send(SioPacket.connect(ns.name(), reply), null);
        if (recovering) {
            socket.resendMissed(restored.missed());
        }
        ns.connected(socket);
        // Same actor step: no live delivery reaches the socket before its streams are held.
        if (recovering && socket.connected()) {
            ns.recovered(socket);
        }
    }

    CompletionStage<Void> join(Socket socket, Set<String> rooms) {
        if (rooms.isEmpty() || !socket.connected()) {
            return CompletableFuture.completedFuture(null);
        }
        long token = nextJoinToken++;
        CompletableFuture<Void> joined = new CompletableFuture<>();
        if (pendingJoins == null) {
            pendingJoins = new HashMap<>(2);
        }
        pendingJoins.put(token, joined);
        server.rooms().tell(new RoomCommand.Join(socket.namespace().name(), socket.id(), rooms, deliveries, joinAcks,
                token));
        return joined;
    }

    void leave(Socket socket, String room) {
        server.rooms().tell(new RoomCommand.Leave(socket.namespace().name(), socket.id(), room));
    }

    boolean send(SioPacket packet, String conflationKey) {
        return engine.send(RoomRegistry.frames(SioEncoder.encode(packet)), conflationKey);
    }

    private void onRoomReply(RoomReply reply) {
        if (reply instanceof RoomDelivery d) {
            onDelivery(d);
        } else if (reply instanceof RoomCommand.Joined j) {
            onJoined(j);
        } else if (reply instanceof RoomCommand.RestoreResult r) {
            onRestoreResult(r);
        }
    }

    private void onJoined(RoomCommand.Joined j) {
        CompletableFuture<Void> f = pendingJoins == null ? null : pendingJoins.remove(j.token());
        if (pendingJoins != null && pendingJoins.isEmpty()) {
            pendingJoins = null;
        }
        if (f != null) {
            f.complete(null);
        }
    }

    /** False when a CONNECT to {@code nsp} is already under way. */
    private boolean startConnecting(String nsp) {
        if (connecting == null) {
            connecting = new HashSet<>(2);
        }
        return connecting.add(nsp);
    }

    private void doneConnecting(String nsp) {
        if (connecting != null && connecting.remove(nsp) && connecting.isEmpty()) {
            connecting = null;
        }
    }

    private void onDelivery(RoomDelivery d) {
        Socket socket = sockets.get(d.nsp());
        if (socket != null) {
            socket.deliver(d);
        }
    }

    /** The socket left its namespace (other namespaces of this connection stay). */
    void removed(Socket socket, String reason) {
        if (sockets.remove(socket.namespace().name(), socket)) {
            server.rooms().tell(new RoomCommand.LeaveAll(socket.namespace().name(), socket.id(),
                    socket.rooms()));
            RecoveryStore store = server.recoveryStore();
            if (store != null && socket.pid() != null && DisconnectReasons.recoverable(reason)) {
                store.save(new RecoveryStore.SavedSession(socket.pid(), socket.id(), socket.namespace().name(),
                        socket.rooms(), socket.attributes(), System.currentTimeMillis()));
            }
            socket.closed(reason);
        }
    }

    /**
     * Server-side disconnect of every namespace (the client is told), then of the connection;
     * the sockets' disconnect handlers see {@code reason}.
     */
    void disconnectAll(String reason) {
        for (Socket socket : new ArrayList<>(sockets.values())) {
            send(SioPacket.disconnect(socket.namespace().name()), null);
            removed(socket, reason);
        }
        engine.close(CloseReasons.FORCED_CLOSE);
    }

    @Override
    public void onClose(String reason) {
        closed = true;
        server.clientClosed();
        for (Socket socket : new ArrayList<>(sockets.values())) {
            removed(socket, reason);
        }
        if (pendingJoins != null) {
            for (CompletableFuture<Void> f : pendingJoins.values()) {
                f.completeExceptionally(new IllegalStateException("connection closed: " + reason));
            }
            pendingJoins = null;
        }
        if (cancelConnectTimeout != null) {
            cancelConnectTimeout.run();
        }
    }
}
