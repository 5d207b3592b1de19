package dev.jobcast.engineio;

import dev.jobcast.engineio.EngineCommand.PollReply;
import dev.jobcast.engineio.EngineCommand.Tick;
import dev.jobcast.engineio.EngineCommand.WsAck;
import dev.jobcast.engineio.EngineCommand.WsOut;
import dev.jobcast.engineio.codec.EioCodec;
import dev.jobcast.engineio.codec.EioPacket;
import dev.jobcast.engineio.codec.EioType;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.ExtensibleBehavior;
import org.apache.pekko.actor.typed.PostStop;
import org.apache.pekko.actor.typed.Signal;
import org.apache.pekko.actor.typed.TypedActorContext;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;

/**
 * One Engine.IO v4 session: owns its transport (long-polling or WebSocket), the upgrade
 * from one to the other, the server-driven heartbeat and the bounded outbound queue.
 * The layer above (an {@link EngineListener}) runs on this actor too.
 */
final class EngineSessionActor extends ExtensibleBehavior<EngineCommand> implements EngineSocket {

    private enum Transport { POLLING, WEBSOCKET }

    private enum State { OPEN, CLOSING, CLOSED }

    private final ActorContext<EngineCommand> context;
    private final String sid;
    private final EngineConfig config;
    private final HandshakeRequest request;
    private final SessionRegistry registry;
    private final TimerScheduler<EngineCommand> timers;
    private final OutboundQueue queue;
    private EngineListener listener;

    private Transport transport;
    private State state = State.OPEN;
    private ActorRef<PollReply> pendingGet;

    private int wsGen = -1;
    private ActorRef<WsOut> ws;
    private boolean wsReady;

    private int probeGen = -1;
    private ActorRef<WsOut> probe;
    private boolean probeAnswered;
    private boolean probeReady;
    private boolean aborting;

    static Behavior<EngineCommand> create(String sid, EngineConfig config, EngineApp app, HandshakeRequest request,
                                          SessionRegistry registry, int webSocketGen) {
        return Behaviors.setup(ctx -> Behaviors.withTimers(timers ->
                new EngineSessionActor(ctx, timers, sid, config, app, request, registry, webSocketGen)));
    }

    private EngineSessionActor(ActorContext<EngineCommand> ctx, TimerScheduler<EngineCommand> timers, String sid,
                               EngineConfig config, EngineApp app, HandshakeRequest request,
                               SessionRegistry registry, int webSocketGen) {
        this.context = ctx;
        this.sid = sid;
        this.config = config;
        this.request = request;
        this.registry = registry;
        this.timers = timers;
        // A direct WebSocket session knows its stream's generation from the start (-1: polling).
        this.transport = webSocketGen >= 0 ? Transport.WEBSOCKET : Transport.POLLING;
        this.wsGen = webSocketGen;
        this.queue = new OutboundQueue(config.outboundMaxPackets(), config.outboundMaxBytes());
        registry.register(sid, ctx.getSelf());
        queue.offer(List.of(EioPacket.open(handshakeJson())), null);
        timers.startSingleTimer(Tick.SEND_PING, config.pingInterval());
        this.listener = app.onOpen(this);
    }

    private void safely(Runnable upperLayerCall) {
        try {
            upperLayerCall.run();
        } catch (RuntimeException e) {
            // A bug above must not leave a half-dead session; only this connection pays.
            context.getLog().error("session {}: the layer above failed", sid, e);
            shutdown(CloseReasons.SERVER_ERROR, false);
        }
    }

    private String handshakeJson() {
        String upgrades = transport == Transport.POLLING && config.allowWebSocket() ? "[\"websocket\"]" : "[]";
        return "{\"sid\":\"" + sid + "\",\"upgrades\":" + upgrades
                + ",\"pingInterval\":" + config.pingInterval().toMillis()
                + ",\"pingTimeout\":" + config.pingTimeout().toMillis()
                + ",\"maxPayload\":" + config.maxPayload() + "}";
    }

    // Messages and signals straight to the methods below, without a receive builder: its
    // cases would be allocated for every session, and a server holds tens of thousands.
    @Override
    public Behavior<EngineCommand> receive(TypedActorContext<EngineCommand> ctx, EngineCommand command) {
        return onCommand(command);
    }

    @Override
    public Behavior<EngineCommand> receiveSignal(TypedActorContext<EngineCommand> ctx, Signal signal) {
        if (signal instanceof PostStop) {
            onStopped();
            return this;
        }
        return Behaviors.unhandled();
    }

    private Behavior<EngineCommand> onCommand(EngineCommand command) {
        if (command instanceof EngineCommand.Adapted<?> m) {
            if (state == State.OPEN) {
                safely(m::deliver);
            }
        } else if (command instanceof EngineCommand.WsReady m) {
            return onWsReady(m);
        } else if (command instanceof EngineCommand.WsFrame m) {
            return onWsFrame(m);
        } else if (command instanceof EngineCommand.Run m) {
            if (state != State.CLOSED) {
                safely(m.task());
            }
        } else if (command instanceof EngineCommand.PollGet m) {
            return onPollGet(m);
        } else if (command instanceof EngineCommand.PollPost m) {
            return onPollPost(m);
        } else if (command instanceof EngineCommand.WsOpened m) {
            return onWsOpened(m);
        } else if (command instanceof EngineCommand.WsInit m) {
            m.ackTo().tell(WsAck.ACK);
        } else if (command instanceof EngineCommand.WsEnded m) {
            return onWsEnded(m);
        } else if (command instanceof EngineCommand.Close m) {
            shutdown(m.reason(), m.drain());
        } else if (command instanceof Tick tick) {
            return onTick(tick);
        }
        return this;
    }

    private Behavior<EngineCommand> onTick(Tick tick) {
        switch (tick) {
            case SEND_PING -> {
                return onSendPing();
            }
            case PONG_TIMEOUT -> shutdown(CloseReasons.PING_TIMEOUT, false);
            case UPGRADE_TIMEOUT -> dropProbe();
            case CLOSE_GRACE -> finish();
            case STOP -> {
                return Behaviors.stopped();
            }
            default -> {
            }
        }
        return this;
    }

    /**
     * A closed session lingers briefly before it stops: a polling request that found it in
     * the registry just before it left must still get an answer, not wait for its ask to
     * time out against a dead actor.
     */
    static final Duration LINGER = Duration.ofSeconds(2);


    // ---- long-polling -------------------------------------------------------------------

    private Behavior<EngineCommand> onPollGet(EngineCommand.PollGet get) {
        if (state == State.CLOSED) {
            // Found just before it left the registry: tell the client the session is over.
            get.replyTo().tell(new PollReply.Payload(EioCodec.encodePayload(List.of(EioPacket.close()))));
            return this;
        }
        if (transport != Transport.POLLING) {
            get.replyTo().tell(new PollReply.Failed(EngineError.BAD_REQUEST));
            return this;
        }
        if (state == State.CLOSING && pendingGet == null) {
            pendingGet = get.replyTo();
            finish();
            return this;
        }
        if (pendingGet != null) {
            // Two GETs at once: the protocol makes this a fatal error for the session.
            get.replyTo().tell(new PollReply.Failed(EngineError.BAD_REQUEST));
            shutdown(CloseReasons.TRANSPORT_ERROR, false);
            return this;
        }
        pendingGet = get.replyTo();
        if (probe != null && probeAnswered) {
            releasePendingGet();
            return this;
        }
        flush();
        return this;
    }

    private Behavior<EngineCommand> onPollPost(EngineCommand.PollPost post) {
        if (state != State.OPEN || transport != Transport.POLLING) {
            post.replyTo().tell(new PollReply.Failed(EngineError.BAD_REQUEST));
            return this;
        }
        post.replyTo().tell(new PollReply.Ok());
        for (EioPacket p : post.packets()) {
            if (state != State.OPEN) {
                break;
            }
            onPacket(p);
        }
        return this;
    }

    private void releasePendingGet() {
        if (pendingGet != null) {
            pendingGet.tell(new PollReply.Payload(EioCodec.encodePayload(List.of(EioPacket.noop()))));
            pendingGet = null;
        }
    }

    // ---- WebSocket and upgrade ------------------------------------------------------------

    private Behavior<EngineCommand> onWsOpened(EngineCommand.WsOpened m) {
        if (!m.upgrade()) {
            wsGen = m.gen();
            ws = m.outlet();
            wsReady = true;
            if (state == State.CLOSED) {
                ws.tell(new WsOut.Complete());
            }
            flush();
            return this;
        }
        if (state != State.OPEN || transport != Transport.POLLING || probe != null) {
            m.outlet().tell(new WsOut.Complete());
            return this;
        }
        probeGen = m.gen();
        probe = m.outlet();
        probeAnswered = false;
        probeReady = true;
        timers.startSingleTimer(Tick.UPGRADE_TIMEOUT, config.upgradeTimeout());
        return this;
    }

    private Behavior<EngineCommand> onWsFrame(EngineCommand.WsFrame f) {
        f.ackTo().tell(WsAck.ACK);
        if (state != State.OPEN) {
            return this;
        }
        if (f.gen() == probeGen && probe != null) {
            onProbeFrame(f);
            return this;
        }
        if (f.gen() != wsGen || transport != Transport.WEBSOCKET) {
            return this;
        }
        if (f.error() != null) {
            shutdown(CloseReasons.PARSE_ERROR, false);
        } else {
            onPacket(f.packet());
        }
        return this;
    }

    private void onProbeFrame(EngineCommand.WsFrame f) {
        EioPacket p = f.packet();
        if (p != null && p.type() == EioType.PING && "probe".equals(p.text()) && !probeAnswered) {
            probeAnswered = true;
            probeReady = false;
            probe.tell(new WsOut.Frames(List.of(EioPacket.pong("probe"))));
            // The client pauses polling next; a GET held here would keep it waiting.
            releasePendingGet();
        } else if (p != null && p.type() == EioType.UPGRADE && probeAnswered) {
            timers.cancel(Tick.UPGRADE_TIMEOUT);
            releasePendingGet();
            transport = Transport.WEBSOCKET;
            wsGen = probeGen;
            ws = probe;
            // The probe's one frame (3probe) may not be acknowledged yet: wait for it.
            wsReady = probeReady;
            probe = null;
            probeGen = -1;
            flush();
        } else {
            dropProbe();
        }
    }

    private Behavior<EngineCommand> onWsReady(EngineCommand.WsReady m) {
        if (m.gen() == wsGen) {
            wsReady = true;
            if (state == State.CLOSING) {
                finish();
            } else {
                flush();
            }
        } else if (m.gen() == probeGen) {
            probeReady = true;
        }
        return this;
    }

    private Behavior<EngineCommand> onWsEnded(EngineCommand.WsEnded m) {
        if (m.gen() == probeGen) {
            probe = null;
            probeGen = -1;
            timers.cancel(Tick.UPGRADE_TIMEOUT);
            return this;
        }
        if (m.gen() == wsGen && transport == Transport.WEBSOCKET) {
            ws = null;
            if (state == State.CLOSING) {
                finish();
            } else {
                shutdown(m.error() == null ? CloseReasons.TRANSPORT_CLOSE : CloseReasons.TRANSPORT_ERROR, false);
            }
        }
        return this;
    }

    private void dropProbe() {
        if (probe != null) {
            probe.tell(new WsOut.Complete());
        }
        probe = null;
        probeGen = -1;
        timers.cancel(Tick.UPGRADE_TIMEOUT);
    }

    // ---- packets and heartbeat --------------------------------------------------------------

    private void onPacket(EioPacket p) {
        switch (p.type()) {
            case MESSAGE -> safely(() -> listener.onMessage(p));
            case PONG -> {
                timers.cancel(Tick.PONG_TIMEOUT);
                timers.startSingleTimer(Tick.SEND_PING, config.pingInterval());
            }
            case PING -> enqueue(List.of(EioPacket.pong(p.text())), null);
            case CLOSE -> shutdown(CloseReasons.TRANSPORT_CLOSE, false);
            case NOOP -> {
            }
            default -> shutdown(CloseReasons.PARSE_ERROR, false);
        }
    }

    private Behavior<EngineCommand> onSendPing() {
        if (state == State.OPEN) {
            enqueue(List.of(EioPacket.ping()), null);
            timers.startSingleTimer(Tick.PONG_TIMEOUT, config.pingTimeout());
        }
        return this;
    }

    // ---- outbound -------------------------------------------------------------------------

    private boolean enqueue(List<EioPacket> packets, String key) {
        if (state != State.OPEN) {
            return false;
        }
        if (queue.offer(packets, key) == OutboundQueue.Offer.OVERFLOW) {
            shutdown(CloseReasons.SLOW_CLIENT, Ending.ABORT);
            return false;
        }
        flush();
        return true;
    }

    private void flush() {
        if (queue.isEmpty()) {
            return;
        }
        if (transport == Transport.WEBSOCKET && ws != null && wsReady) {
            wsReady = false;
            ws.tell(new WsOut.Frames(queue.poll(config.writeBatchPackets(), config.maxPayload())));
        } else if (transport == Transport.POLLING && pendingGet != null) {
            pendingGet.tell(new PollReply.Payload(EioCodec.encodePayload(queue.poll(Integer.MAX_VALUE, Long.MAX_VALUE))));
            pendingGet = null;
        }
    }

    /** How a session ends: what happens to its queue, and whether a polling client is told. */
    private enum Ending {
        /** What is queued is still written first (the Socket.IO DISCONNECT packet, say). */
        DRAIN,
        /**
         * The server cuts a client it still considers alive (slow, or dropped on purpose): the
         * queue is dropped, but a polling client's next GET still gets the CLOSE packet, so it
         * sees the transport closed whenever between two polls the cut falls.
         */
        ABORT,
        /** The client is gone or broke the protocol: the queue is dropped, the session forgotten. */
        DISCARD
    }

    private void shutdown(String reason, boolean drain) {
        shutdown(reason, drain ? Ending.DRAIN : Ending.DISCARD);
    }

    private void shutdown(String reason, Ending ending) {
        if (state != State.OPEN) {
            return;
        }
        state = State.CLOSING;
        boolean waitForPoll = transport == Transport.POLLING && pendingGet == null && ending != Ending.DISCARD;
        if (!waitForPoll) {
            registry.remove(sid);
        }
        // Otherwise it stays registered until finish(): the polling client's next GET must
        // find the session to get what is left and the CLOSE packet.
        timers.cancel(Tick.SEND_PING);
        timers.cancel(Tick.PONG_TIMEOUT);
        dropProbe();
        try {
            listener.onClose(reason);
        } catch (RuntimeException e) {
            context.getLog().error("session {}: close handler failed", sid, e);
        } finally {
            if (ending != Ending.DRAIN) {
                queue.clear();
            }
            if (transport == Transport.POLLING) {
                queue.offer(List.of(EioPacket.close()), null);
            }
            boolean canFinishNow = transport == Transport.POLLING ? !waitForPoll
                    : ws == null || wsReady || ending != Ending.DRAIN;
            if (canFinishNow) {
                aborting = ending != Ending.DRAIN;
                finish();
            } else {
                timers.startSingleTimer(Tick.CLOSE_GRACE, config.pingTimeout());
            }
        }
    }

    /** Writes what is left (if it can) and stops. */
    private void finish() {
        if (state == State.CLOSED) {
            return;
        }
        // Out of the registry before the last reply goes: a client that got it finds no session.
        registry.remove(sid);
        if (transport == Transport.POLLING) {
            if (pendingGet != null) {
                List<EioPacket> rest = queue.poll(Integer.MAX_VALUE, Long.MAX_VALUE);
                pendingGet.tell(new PollReply.Payload(EioCodec.encodePayload(rest.isEmpty() ? List.of(EioPacket.close()) : rest)));
                pendingGet = null;
            }
        } else if (ws != null) {
            if (wsReady && !queue.isEmpty()) {
                ws.tell(new WsOut.Frames(queue.poll(Integer.MAX_VALUE, Long.MAX_VALUE)));
            }
            // A client that stopped reading would keep a drained stream (and its socket buffers) open.
            ws.tell(aborting ? new WsOut.Abort() : new WsOut.Complete());
            ws = null;
        }
        queue.clear();
        timers.cancelAll();
        state = State.CLOSED;
        timers.startSingleTimer(Tick.STOP, LINGER);
    }

    /** Whatever stopped this actor, its transports must not stay open. */
    private void onStopped() {
        registry.remove(sid);
        if (state == State.OPEN) {
            try {
                listener.onClose(CloseReasons.SERVER_ERROR);
            } catch (RuntimeException e) {
                context.getLog().error("session {}: close handler failed", sid, e);
            }
        }
        state = State.CLOSED;
        if (ws != null) {
            ws.tell(new WsOut.Complete());
        }
        if (probe != null) {
            probe.tell(new WsOut.Complete());
        }
        if (pendingGet != null) {
            pendingGet.tell(new PollReply.Payload(EioCodec.encodePayload(List.of(EioPacket.close()))));
        }
    }

    // ---- EngineSocket -----------------------------------------------------------------------

    @Override
    public String sid() {
        return sid;
    }

    @Override
    public HandshakeRequest request() {
        return request;
    }

    @Override
    public String transport() {
        return transport == Transport.POLLING ? "polling" : "websocket";
    }

    @Override
    public boolean send(List<EioPacket> messages, String conflationKey) {
        return enqueue(messages, conflationKey);
    }

    @Override
    public void close(String reason) {
        shutdown(reason, true);
    }

    @Override
    public void abort(String reason) {
        shutdown(reason, Ending.ABORT);
    }

    @Override
    public Runnable schedule(Duration delay, Runnable task) {
        var cancellable = context.scheduleOnce(delay, context.getSelf(), new EngineCommand.Run(task));
        return cancellable::cancel;
    }

    @Override
    public <T> void pipe(CompletionStage<T> stage, BiConsumer<T, Throwable> callback) {
        context.pipeToSelf(stage, (value, error) -> new EngineCommand.Run(() -> callback.accept(value, error)));
    }

    @Override
    public <T> ActorRef<T> adapter(Class<T> type, Consumer<T> handler) {
        return context.messageAdapter(type, msg -> new EngineCommand.Adapted<>(msg, handler));
    }

    @Override
    public int queueCapacity() {
        return config.outboundMaxPackets();
    }

    @Override
    public int queuedPackets() {
        return queue.packets();
    }
}
