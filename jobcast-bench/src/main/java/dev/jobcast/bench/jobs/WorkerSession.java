// The client side of one worker's Socket.IO session on /workers: connect with a token, report with acks.
package dev.jobcast.bench.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jobcast.bench.EngineFrames;
import dev.jobcast.engineio.codec.EioPacket;
import dev.jobcast.socketio.codec.Json;
import dev.jobcast.socketio.codec.SioDecodeException;
import dev.jobcast.socketio.codec.SioDecoder;
import dev.jobcast.socketio.codec.SioPacket;
import dev.jobcast.socketio.codec.SioType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * One worker connection, as a state machine fed with its WebSocket's text frames:
 * Engine.IO OPEN, CONNECT to "/workers" with auth {token}, then {@code report} events of
 * an array of items, each with an ack id, answered by acks matched back to what was sent
 * (a {@code B}, the caller's batch). Counts the items sent and not yet answered. Answers
 * pings. No I/O: what it sends goes to {@code out} or is returned. Not thread-safe.
 */
final class WorkerSession<B> implements EngineFrames.Session {
    static final String NAMESPACE = "/workers";

    enum Phase { OPENING, CONNECTING, READY, CLOSED }

    /** What the session tells its owner. */
    interface Events<B> {
        void ready(WorkerSession<B> session);

        /** The ack of {@code batch}: its arguments (the first is the answer). */
        void answered(WorkerSession<B> session, B batch, JsonNode ackArgs);

        /** The session is over; {@code unanswered} were sent and never acknowledged. */
        void failed(WorkerSession<B> session, String why, List<B> unanswered);
    }

    private record Pending<B>(B batch, int items) {
    }


    private final String connectFrame;
    private final Events<B> events;
    private final SioDecoder decoder = new SioDecoder(0);
    private final Map<Long, Pending<B>> pending = new HashMap<>();
    private Phase phase = Phase.OPENING;
    private long nextAckId;
    private int inFlight;

    /** @param connectFrame {@link #connectFrame} of the worker's token */
    WorkerSession(String connectFrame, Events<B> events) {
        this.connectFrame = connectFrame;
        this.events = events;
    }

    /** The CONNECT to /workers with auth {token}, as an Engine.IO frame. */
    static String connectFrame(String token) {
        ObjectNode auth = Json.MAPPER.createObjectNode().put("token", token);
        return WatchSession.frame(SioPacket.connect(NAMESPACE, auth));
    }

    Phase phase() {
        return phase;
    }

    /** Items sent and not answered yet. */
    int inFlight() {
        return inFlight;
    }

    /**
     * The frame that reports {@code batch}, whose items are the JSON array {@code itemsJson}
     * ({@code items} of them); from now on the batch waits for its ack.
     */
    String report(B batch, int items, String itemsJson) {
        if (phase != Phase.READY) {
            throw new IllegalStateException("not connected: " + phase);
        }
        long id = nextAckId++;
        pending.put(id, new Pending<>(batch, items));
        inFlight += items;
        // 4 (Engine.IO message) 2 (event) /workers, id ["report", [...]]
        return "42" + NAMESPACE + "," + id + "[\"report\"," + itemsJson + "]";
    }

    /** One text frame from the server; {@code out} takes the frames to send back. */
    void onText(String frame, Consumer<String> out) {
        if (phase != Phase.CLOSED) {
            EngineFrames.onText(frame, phase == Phase.OPENING, this, out);
        }
    }

    @Override
    public void opened(Consumer<String> out) {
        phase = Phase.CONNECTING;
        out.accept(connectFrame);
    }

    /** The session cannot go on (the transport ended, or the server broke the protocol). */
    @Override
    public void failed(String why) {
        fail(why);
    }

    @Override
    public void message(EioPacket message, Consumer<String> out) {
        if (message.isBinary()) {
            fail("unexpected binary message");
            return;
        }
        SioPacket p;
        try {
            p = decoder.onText(message.text());
        } catch (SioDecodeException e) {
            fail("bad Socket.IO packet: " + e.getMessage());
            return;
        }
        if (p == null || !NAMESPACE.equals(p.nsp())) {
            return;
        }
        if (p.type() == SioType.CONNECT && phase == Phase.CONNECTING) {
            phase = Phase.READY;
            events.ready(this);
        } else if (p.type() == SioType.ACK && p.id() != null) {
            Pending<B> done = pending.remove(p.id());
            if (done != null) {
                inFlight -= done.items();
                events.answered(this, done.batch(), p.data());
            }
        } else if (p.type() == SioType.CONNECT_ERROR) {
            JsonNode d = p.data() == null ? Json.MAPPER.missingNode() : p.data();
            fail("connect refused: " + d.path("message").asText(d.toString())
                    + (d.path("data").path("code").isTextual() ? " (" + d.path("data").path("code").asText() + ")" : ""));
        } else if (p.type() == SioType.DISCONNECT) {
            fail("server disconnected the socket");
        }
        // An `error` event only reports items sent without an ack: this client always asks for one.
    }

    private void fail(String why) {
        if (phase == Phase.CLOSED) {
            return;
        }
        phase = Phase.CLOSED;
        List<B> unanswered = new ArrayList<>(pending.size());
        for (Pending<B> p : pending.values()) {
            unanswered.add(p.batch());
        }
        pending.clear();
        inFlight = 0;
        events.failed(this, why, unanswered);
    }
}
