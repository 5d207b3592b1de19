package dev.jobcast.engineio;

import dev.jobcast.engineio.EngineCommand.PollReply;
import dev.jobcast.engineio.EngineCommand.Tick;
import dev.jobcast.engineio.EngineCommand.WsAck;
import dev.jobcast.engineio.EngineCommand.WsOut;
import dev.jobcast.engineio.codec.EioPacket;
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
 * One Engine.IO v4 session as an actor: it owns the session's I/O, timers and lifecycle, and
 * leaves every decision to {@link EngineSession}, the plain state machine. The layer above
 * (an {@link EngineListener}) runs on this actor too.
 */
final class EngineSessionActor extends ExtensibleBehavior<EngineCommand>
        implements EngineSocket, EngineSessionIo<ActorRef<PollReply>, ActorRef<WsOut>> {

    /**
     * A closed session lingers briefly before it stops: a polling request that found it in
     * the registry just before it left must still get an answer, not wait for its ask to
     * time out against a dead actor.
     */
    static final Duration LINGER = Duration.ofSeconds(2);

    private final ActorContext<EngineCommand> context;
    private final String sid;
    private final HandshakeRequest request;
    private final SessionRegistry registry;
    private final TimerScheduler<EngineCommand> timers;
    private final EngineSession<ActorRef<PollReply>, ActorRef<WsOut>> session;

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
        this.request = request;
        this.registry = registry;
        this.timers = timers;
        registry.register(sid, ctx.getSelf());
        this.session = new EngineSession<>(sid, config, webSocketGen, this);
        session.attach(app.onOpen(this));
    }

    // Messages and signals straight to the methods below, without a receive builder: its
    // cases would be allocated for every session, and a server holds tens of thousands.
    @Override
    public Behavior<EngineCommand> receive(TypedActorContext<EngineCommand> ctx, EngineCommand command) {
        if (command instanceof EngineCommand.Adapted<?> m) {
            if (session.state() == EngineSession.State.OPEN) {
                session.safely(m::deliver);
            }
        } else if (command instanceof EngineCommand.WsReady m) {
            session.onWsReady(m.gen());
        } else if (command instanceof EngineCommand.WsFrame m) {
            m.ackTo().tell(WsAck.ACK);
            session.onWsFrame(m.gen(), m.packet(), m.error());
        } else if (command instanceof EngineCommand.Run m) {
            if (session.state() != EngineSession.State.CLOSED) {
                session.safely(m.task());
            }
        } else if (command instanceof EngineCommand.PollGet m) {
            session.onPollGet(m.replyTo());
        } else if (command instanceof EngineCommand.PollPost m) {
            session.onPollPost(m.replyTo(), m.packets());
        } else if (command instanceof EngineCommand.WsOpened m) {
            session.onWsOpened(m.gen(), m.outlet(), m.upgrade());
        } else if (command instanceof EngineCommand.WsInit m) {
            m.ackTo().tell(WsAck.ACK);
        } else if (command instanceof EngineCommand.WsEnded m) {
            session.onWsEnded(m.gen(), m.error());
        } else if (command instanceof EngineCommand.Close m) {
            session.shutdown(m.reason(), m.drain() ? SessionEnding.DRAIN : SessionEnding.DISCARD);
        } else if (command instanceof Tick tick && session.onTick(tick)) {
            return Behaviors.stopped();
        }
        return this;
    }

    @Override
    public Behavior<EngineCommand> receiveSignal(TypedActorContext<EngineCommand> ctx, Signal signal) {
        if (signal instanceof PostStop) {
            session.onStopped();
            return this;
        }
        return Behaviors.unhandled();
    }

    // ---- EngineSessionIo ---------------------------------------------------------------------

    @Override
    public void reply(ActorRef<PollReply> get, PollReply reply) {
        get.tell(reply);
    }

    @Override
    public void write(ActorRef<WsOut> ws, WsOut out) {
        ws.tell(out);
    }

    @Override
    public void startTimer(Tick tick, Duration after) {
        timers.startSingleTimer(tick, after);
    }

    @Override
    public void cancelTimer(Tick tick) {
        timers.cancel(tick);
    }

    @Override
    public void cancelAllTimers() {
        timers.cancelAll();
    }

    @Override
    public void unregister() {
        registry.remove(sid);
    }

    @Override
    public void upperLayerFailed(String what, RuntimeException e) {
        context.getLog().error("session {}: {}", sid, what, e);
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
        return session.transport() == EngineSession.Transport.POLLING ? "polling" : "websocket";
    }

    @Override
    public boolean send(List<EioPacket> messages, String conflationKey) {
        return session.enqueue(messages, conflationKey);
    }

    @Override
    public void close(String reason) {
        session.shutdown(reason, SessionEnding.DRAIN);
    }

    @Override
    public void abort(String reason) {
        session.shutdown(reason, SessionEnding.ABORT);
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
        return session.queueCapacity();
    }

    @Override
    public int queuedPackets() {
        return session.queuedPackets();
    }
}
