// The client side of one watcher's Socket.IO session: connect with a token, join_job, check job_updates.
package dev.jobcast.bench.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jobcast.bench.EngineFrames;
import dev.jobcast.engineio.codec.EioCodec;
import dev.jobcast.engineio.codec.EioPacket;
import dev.jobcast.socketio.codec.Json;
import dev.jobcast.socketio.codec.SioDecodeException;
import dev.jobcast.socketio.codec.SioDecoder;
import dev.jobcast.socketio.codec.SioEncoder;
import dev.jobcast.socketio.codec.SioPacket;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * One watcher, as a state machine fed with its WebSocket's text frames: Engine.IO OPEN,
 * CONNECT to "/" with auth {token}, {@code join_job {job_id, since: 0}} with an ack, the
 * replayed job_updates and job_status, the ack (the job's status, or {@code {error}}), then
 * live job_updates. Every job_update must be seq previous + 1, from seq 1 on: anything else
 * is an order violation. A progress update of a bench report is timed by the due time in
 * its message; the completed update is the terminal one. Answers pings. No I/O: what it
 * sends goes to {@code out}. Kept small: the generator holds one per watcher.
 */
final class WatchSession implements EngineFrames.Session {

    enum Phase { OPENING, CONNECTING, JOINING, WATCHING, CLOSED }

    /** What the watcher tells its owner; called on the session's receiving thread. */
    interface Events {
        void joined(WatchSession session);

        /** A bench report's progress update arrived at {@code receivedMicros} (wall clock). */
        void progress(WatchSession session, long dueMicros, long receivedMicros);

        /** The job's completed update arrived. */
        void terminal(WatchSession session);

        void failed(WatchSession session, String why);
    }

    private static final long JOIN_ACK_ID = 0;

    private final String connectFrame;
    private final long jobId;
    private final Events events;
    private final LongSupplier clockMicros;
    // No binary attachment comes in this contract, so none is allowed.
    private final SioDecoder decoder = new SioDecoder(0);
    private Phase phase = Phase.OPENING;
    private long lastSeq;
    private long received;
    private long orderViolations;
    private boolean terminal;

    /**
     * @param connectFrame {@link #connectFrame} of the user's token, shared by all watchers
     * @param clockMicros  the wall clock, in epoch microseconds
     */
    WatchSession(String connectFrame, long jobId, Events events, LongSupplier clockMicros) {
        this.connectFrame = connectFrame;
        this.jobId = jobId;
        this.events = events;
        this.clockMicros = clockMicros;
    }

    /** The CONNECT to the default namespace with auth {token}, as an Engine.IO frame. */
    static String connectFrame(String token) {
        ObjectNode auth = Json.MAPPER.createObjectNode().put("token", token);
        return frame(SioPacket.connect("/", auth));
    }

    static String frame(SioPacket p) {
        return EioCodec.encodeText(EioPacket.message(SioEncoder.encode(p).text()));
    }

    Phase phase() {
        return phase;
    }

    long jobId() {
        return jobId;
    }

    long lastSeq() {
        return lastSeq;
    }

    long received() {
        return received;
    }

    long orderViolations() {
        return orderViolations;
    }

    boolean sawTerminal() {
        return terminal;
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
        if (p == null || !"/".equals(p.nsp())) {
            return;
        }
        switch (p.type()) {
            case CONNECT -> {
                if (phase == Phase.CONNECTING) {
                    phase = Phase.JOINING;
                    ObjectNode join = Json.MAPPER.createObjectNode().put("job_id", jobId).put("since", 0);
                    out.accept(frame(SioPacket.event("/", Json.MAPPER.createArrayNode().add("join_job").add(join),
                            JOIN_ACK_ID)));
                }
            }
            case ACK -> {
                if (phase == Phase.JOINING && p.id() != null && p.id() == JOIN_ACK_ID) {
                    onJoinAck(p.data().path(0));
                }
            }
            case EVENT -> {
                if ("job_update".equals(p.eventName()) && (phase == Phase.JOINING || phase == Phase.WATCHING)) {
                    onUpdate(p.data().path(1));
                }
            }
            case CONNECT_ERROR -> fail("connect refused: " + p.data());
            case DISCONNECT -> fail("server disconnected the socket");
            default -> {
                // Nothing else is sent to a watcher.
            }
        }
    }

    private void onJoinAck(JsonNode status) {
        JsonNode error = status.path("error");
        if (!error.isMissingNode()) {
            fail("join_job refused: " + (error.isObject()
                    ? error.path("code").asText() + ": " + error.path("message").asText() : error.toString()));
            return;
        }
        // Everything up to the status's seq was replayed before it: a shortfall is a gap.
        long seq = status.path("seq").asLong(-1);
        if (seq != lastSeq) {
            orderViolations++;
            lastSeq = Math.max(lastSeq, seq);
        }
        phase = Phase.WATCHING;
        events.joined(this);
    }

    private void onUpdate(JsonNode update) {
        long now = clockMicros.getAsLong();
        JsonNode seqNode = update.path("seq");
        if (!seqNode.canConvertToLong() || update.path("job_id").asLong(-1) != jobId) {
            fail("a job_update without a numeric seq, or of another job: " + update);
            return;
        }
        long seq = seqNode.asLong();
        if (seq != lastSeq + 1) {
            orderViolations++;
        }
        lastSeq = Math.max(lastSeq, seq);
        received++;
        String event = update.path("event").asText("");
        if ("progress".equals(event)) {
            long due = ReportMessage.dueMicros(update.path("message").asText(null));
            if (due >= 0) {
                events.progress(this, due, now);
            }
        } else if ("completed".equals(event) && !terminal) {
            terminal = true;
            events.terminal(this);
        }
    }

    private void fail(String why) {
        if (phase != Phase.CLOSED) {
            phase = Phase.CLOSED;
            events.failed(this, why);
        }
    }
}
