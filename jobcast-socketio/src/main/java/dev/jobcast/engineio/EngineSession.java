package dev.jobcast.engineio;

import dev.jobcast.engineio.EngineCommand.PollReply;
import dev.jobcast.engineio.EngineCommand.Tick;
import dev.jobcast.engineio.EngineCommand.WsOut;
import dev.jobcast.engineio.codec.EioCodec;
import dev.jobcast.engineio.codec.EioPacket;
import dev.jobcast.engineio.codec.EioType;
import java.util.List;

/**
 * The state machine of one Engine.IO v4 session, without an actor: its transport
 * (long-polling or WebSocket), the upgrade from one to the other with the probe, the
 * server-driven heartbeat, the bounded outbound queue and the way the session ends.
 *
 * <p>It decides; {@link EngineSessionIo} does. A waiting polling request is a {@code G}, a
 * WebSocket's outbound side a {@code W}: the actor's {@code ActorRef}s, or a test's names.
 */
final class EngineSession<G, W> {

    enum Transport { POLLING, WEBSOCKET }

    enum State { OPEN, CLOSING, CLOSED }

    private final EngineConfig config;
    private final EngineSessionIo<G, W> io;
    private final OutboundQueue queue;
    private EngineListener listener;

    private Transport transport;
    private State state = State.OPEN;
    private G pendingGet;

    private int wsGen;
    private W ws;
    private boolean wsReady;

    /** The WebSocket probing an upgrade, while one runs. */
    private UpgradeProbe<W> probe;
    private boolean aborting;

    /**
     * Opens the session: the OPEN packet is queued and the first ping timed. {@code webSocketGen}
     * is the generation of the WebSocket stream that carries a direct WebSocket session, or -1
     * for one that starts on long-polling. {@link #attach} must follow before any input.
     */
    EngineSession(String sid, EngineConfig config, int webSocketGen, EngineSessionIo<G, W> io) {
        this.config = config;
        this.io = io;
        this.transport = webSocketGen >= 0 ? Transport.WEBSOCKET : Transport.POLLING;
        this.wsGen = webSocketGen;
        this.queue = new OutboundQueue(config.outboundMaxPackets(), config.outboundMaxBytes());
        queue.offer(List.of(EioPacket.open(config.handshakeJson(sid, transport == Transport.POLLING))), null);
        io.startTimer(Tick.SEND_PING, config.pingInterval());
    }

    /** The layer above that this session's messages and close go to. */
    void attach(EngineListener upper) {
        this.listener = upper;
    }

    State state() {
        return state;
    }

    Transport transport() {
        return transport;
    }

    int queuedPackets() {
        return queue.packets();
    }

    int queueCapacity() {
        return config.outboundMaxPackets();
    }

    /** Runs a call of (or into) the layer above; if it throws, the session ends as a server error. */
    void safely(Runnable upperLayerCall) {
        try {
            upperLayerCall.run();
        } catch (RuntimeException e) {
            io.upperLayerFailed("the layer above failed", e);
            shutdown(CloseReasons.SERVER_ERROR, SessionEnding.DISCARD);
        }
    }

    /** A timer fired; true when the session is done and its actor should stop. */
    boolean onTick(Tick tick) {
        switch (tick) {
            case SEND_PING -> {
                if (state == State.OPEN) {
                    enqueue(List.of(EioPacket.ping()), null);
                    io.startTimer(Tick.PONG_TIMEOUT, config.pingTimeout());
                }
            }
            case PONG_TIMEOUT -> shutdown(CloseReasons.PING_TIMEOUT, SessionEnding.DISCARD);
            case UPGRADE_TIMEOUT -> dropProbe();
            case CLOSE_GRACE -> finish();
            case STOP -> {
                return true;
            }
            default -> {
            }
        }
        return false;
    }

    // ---- long-polling -----------------------------------------------------------------------

    void onPollGet(G get) {
        if (state == State.CLOSED) {
            // Found just before it left the registry: tell the client the session is over.
            io.reply(get, closePayload());
            return;
        }
        if (transport != Transport.POLLING) {
            io.reply(get, new PollReply.Failed(EngineError.BAD_REQUEST));
            return;
        }
        if (state == State.CLOSING && pendingGet == null) {
            pendingGet = get;
            finish();
            return;
        }
        if (pendingGet != null) {
            // Two GETs at once: the protocol makes this a fatal error for the session.
            io.reply(get, new PollReply.Failed(EngineError.BAD_REQUEST));
            shutdown(CloseReasons.TRANSPORT_ERROR, SessionEnding.DISCARD);
            return;
        }
        pendingGet = get;
        if (probe != null && probe.wasAnswered()) {
            releasePendingGet();
            return;
        }
        flush();
    }

    void onPollPost(G post, List<EioPacket> packets) {
        if (state != State.OPEN || transport != Transport.POLLING) {
            io.reply(post, new PollReply.Failed(EngineError.BAD_REQUEST));
            return;
        }
        io.reply(post, new PollReply.Ok());
        for (EioPacket p : packets) {
            if (state != State.OPEN) {
                break;
            }
            onPacket(p);
        }
    }

    private void releasePendingGet() {
        if (pendingGet != null) {
            io.reply(pendingGet, new PollReply.Payload(EioCodec.encodePayload(List.of(EioPacket.noop()))));
            pendingGet = null;
        }
    }

    private static PollReply closePayload() {
        return new PollReply.Payload(EioCodec.encodePayload(List.of(EioPacket.close())));
    }

    // ---- WebSocket and upgrade ----------------------------------------------------------------

    void onWsOpened(int gen, W outlet, boolean upgrade) {
        if (!upgrade) {
            wsGen = gen;
            ws = outlet;
            wsReady = true;
            if (state == State.CLOSED) {
                io.write(ws, new WsOut.Complete());
            }
            flush();
            return;
        }
        if (state != State.OPEN || transport != Transport.POLLING || probe != null) {
            io.write(outlet, new WsOut.Complete());
            return;
        }
        probe = new UpgradeProbe<>(gen, outlet);
        io.startTimer(Tick.UPGRADE_TIMEOUT, config.upgradeTimeout());
    }

    /** One inbound frame of stream {@code gen}: a packet, or {@code error} when it could not be decoded. */
    void onWsFrame(int gen, EioPacket packet, String error) {
        if (state != State.OPEN) {
            return;
        }
        if (probe != null && probe.is(gen)) {
            onProbeFrame(packet);
            return;
        }
        if (gen != wsGen || transport != Transport.WEBSOCKET) {
            return;
        }
        if (error != null) {
            shutdown(CloseReasons.PARSE_ERROR, SessionEnding.DISCARD);
        } else {
            onPacket(packet);
        }
    }

    private void onProbeFrame(EioPacket p) {
        if (p != null && p.type() == EioType.PING && "probe".equals(p.text()) && !probe.wasAnswered()) {
            probe.answered();
            io.write(probe.outlet(), new WsOut.Frames(List.of(EioPacket.pong("probe"))));
            // The client pauses polling next; a GET held here would keep it waiting.
            releasePendingGet();
        } else if (p != null && p.type() == EioType.UPGRADE && probe.wasAnswered()) {
            io.cancelTimer(Tick.UPGRADE_TIMEOUT);
            releasePendingGet();
            transport = Transport.WEBSOCKET;
            wsGen = probe.gen();
            // The probe's one frame (3probe) may not be acknowledged yet: wait for it.
            wsReady = probe.isReady();
            ws = probe.outlet();
            probe = null;
            flush();
        } else {
            dropProbe();
        }
    }

    /** Stream {@code gen} wrote its last batch and can take another. */
    void onWsReady(int gen) {
        if (gen == wsGen) {
            wsReady = true;
            if (state == State.CLOSING) {
                finish();
            } else {
                flush();
            }
        } else if (probe != null && probe.is(gen)) {
            probe.ready();
        }
    }

    /** Stream {@code gen} ended; {@code error} is null on a clean close. */
    void onWsEnded(int gen, Throwable error) {
        if (probe != null && probe.is(gen)) {
            probe = null;
            io.cancelTimer(Tick.UPGRADE_TIMEOUT);
            return;
        }
        if (gen == wsGen && transport == Transport.WEBSOCKET) {
            ws = null;
            if (state == State.CLOSING) {
                finish();
            } else {
                String reason = error == null ? CloseReasons.TRANSPORT_CLOSE : CloseReasons.TRANSPORT_ERROR;
                shutdown(reason, SessionEnding.DISCARD);
            }
        }
    }

    private void dropProbe() {
        if (probe != null) {
            io.write(probe.outlet(), new WsOut.Complete());
            probe = null;
        }
        io.cancelTimer(Tick.UPGRADE_TIMEOUT);
    }

    private void onPacket(EioPacket p) {
        switch (p.type()) {
            case MESSAGE -> safely(() -> listener.onMessage(p));
            case PONG -> {
                io.cancelTimer(Tick.PONG_TIMEOUT);
                io.startTimer(Tick.SEND_PING, config.pingInterval());
            }
            case PING -> enqueue(List.of(EioPacket.pong(p.text())), null);
            case CLOSE -> shutdown(CloseReasons.TRANSPORT_CLOSE, SessionEnding.DISCARD);
            case NOOP -> {
            }
            default -> shutdown(CloseReasons.PARSE_ERROR, SessionEnding.DISCARD);
        }
    }

    // ---- outbound ---------------------------------------------------------------------------------

    /** Queues packets to send; false when the session is ending, or the queue overflowed and it now is. */
    boolean enqueue(List<EioPacket> packets, String conflationKey) {
        if (state != State.OPEN) {
            return false;
        }
        if (queue.offer(packets, conflationKey) == OutboundQueue.Offer.OVERFLOW) {
            shutdown(CloseReasons.SLOW_CLIENT, SessionEnding.ABORT);
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
            io.write(ws, new WsOut.Frames(queue.poll(config.writeBatchPackets(), config.maxPayload())));
        } else if (transport == Transport.POLLING && pendingGet != null) {
            io.reply(pendingGet, new PollReply.Payload(EioCodec.encodePayload(queue.poll(Integer.MAX_VALUE,
                    Long.MAX_VALUE))));
            pendingGet = null;
        }
    }

    // ---- the end ------------------------------------------------------------------------------------

    void shutdown(String reason, SessionEnding ending) {
        if (state != State.OPEN) {
            return;
        }
        state = State.CLOSING;
        boolean waitForPoll = transport == Transport.POLLING && pendingGet == null && ending != SessionEnding.DISCARD;
        if (!waitForPoll) {
            io.unregister();
        }
        // Otherwise it stays registered until finish(): the polling client's next GET must
        // find the session to get what is left and the CLOSE packet.
        io.cancelTimer(Tick.SEND_PING);
        io.cancelTimer(Tick.PONG_TIMEOUT);
        dropProbe();
        try {
            if (listener != null) {
                listener.onClose(reason);
            }
        } catch (RuntimeException e) {
            io.upperLayerFailed("close handler failed", e);
        } finally {
            if (ending != SessionEnding.DRAIN) {
                queue.clear();
            }
            if (transport == Transport.POLLING) {
                queue.offer(List.of(EioPacket.close()), null);
            }
            boolean canFinishNow = transport == Transport.POLLING ? !waitForPoll
                    : ws == null || wsReady || ending != SessionEnding.DRAIN;
            if (canFinishNow) {
                aborting = ending != SessionEnding.DRAIN;
                finish();
            } else {
                io.startTimer(Tick.CLOSE_GRACE, config.pingTimeout());
            }
        }
    }

    /** Writes what is left (if it can) and closes; the actor stops {@link EngineSessionActor#LINGER} later. */
    private void finish() {
        if (state == State.CLOSED) {
            return;
        }
        // Out of the registry before the last reply goes: a client that got it finds no session.
        io.unregister();
        if (transport == Transport.POLLING) {
            if (pendingGet != null) {
                List<EioPacket> rest = queue.poll(Integer.MAX_VALUE, Long.MAX_VALUE);
                io.reply(pendingGet, rest.isEmpty() ? closePayload()
                        : new PollReply.Payload(EioCodec.encodePayload(rest)));
                pendingGet = null;
            }
        } else if (ws != null) {
            if (wsReady && !queue.isEmpty()) {
                io.write(ws, new WsOut.Frames(queue.poll(Integer.MAX_VALUE, Long.MAX_VALUE)));
            }
            // A client that stopped reading would keep a drained stream (and its socket buffers) open.
            io.write(ws, aborting ? new WsOut.Abort() : new WsOut.Complete());
            ws = null;
        }
        queue.clear();
        io.cancelAllTimers();
        state = State.CLOSED;
        io.startTimer(Tick.STOP, EngineSessionActor.LINGER);
    }

    /** Whatever stopped the actor, the transports must not stay open. */
    void onStopped() {
        io.unregister();
        if (state == State.OPEN && listener != null) {
            try {
                listener.onClose(CloseReasons.SERVER_ERROR);
            } catch (RuntimeException e) {
                io.upperLayerFailed("close handler failed", e);
            }
        }
        state = State.CLOSED;
        if (ws != null) {
            io.write(ws, new WsOut.Complete());
        }
        if (probe != null) {
            io.write(probe.outlet(), new WsOut.Complete());
            probe = null;
        }
        if (pendingGet != null) {
            io.reply(pendingGet, closePayload());
        }
    }
}
