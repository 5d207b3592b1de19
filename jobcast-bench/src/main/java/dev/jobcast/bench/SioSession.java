package dev.jobcast.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jobcast.engineio.codec.EioPacket;
import dev.jobcast.socketio.codec.Json;
import dev.jobcast.socketio.codec.SioDecodeException;
import dev.jobcast.socketio.codec.SioDecoder;
import dev.jobcast.socketio.codec.SioPacket;
import dev.jobcast.socketio.codec.SioType;
import java.util.function.Consumer;

/**
 * The client side of one Socket.IO connection of the load generator, as a state machine
 * fed with the WebSocket's text frames: Engine.IO OPEN, then Socket.IO CONNECT on the
 * default namespace, then (when it has a room) the {@link Contract}'s join with an
 * acknowledgement, then its update events, whose seq it checks. Answers pings. No I/O:
 * what it sends goes to {@code out}. Kept small: the generator holds thousands of these.
 */
final class SioSession implements EngineFrames.Session {

    enum Phase { OPENING, CONNECTING, JOINING, READY, CLOSED }

    /** What the scenario hears from its sessions; called on the session's receiving thread. */
    interface Events {
        void ready(SioSession session);

        /** @param latencyMicros receive time minus the update's ts */
        void update(SioSession session, long seq, long latencyMicros);

        void failed(SioSession session, String why);
    }

    // Ack id of our one `join`: the only acknowledgement this client ever asks for.
    private static final long JOIN_ACK_ID = 0;

    private final Contract contract;
    private final String room;
    private final Events events;
    // A binary attachment never comes in this contract, so no attachments are allowed.
    private final SioDecoder decoder = new SioDecoder(0);
    private Phase phase = Phase.OPENING;
    private long lastSeq;
    private long received;
    private long gaps;
    private long duplicates;

    /** @param room the room to join, or null to stay connected only */
    SioSession(String room, Events events) {
        this(Contract.PLAIN, room, events);
    }

    SioSession(Contract contract, String room, Events events) {
        this.contract = contract;
        this.room = room;
        this.events = events;
    }

    Phase phase() {
        return phase;
    }

    long received() {
        return received;
    }

    long lastSeq() {
        return lastSeq;
    }

    /** Seq numbers skipped between two received updates. */
    long gaps() {
        return gaps;
    }

    /** Updates at or below a seq already received. */
    long duplicates() {
        return duplicates;
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
        out.accept(contract.connectFrame());
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
        if (p.type() == SioType.CONNECT && phase == Phase.CONNECTING) {
            if (room == null) {
                ready();
            } else {
                phase = Phase.JOINING;
                out.accept(Contract.frame(SioPacket.event("/", Json.MAPPER.createArrayNode().add(contract.joinEvent())
                        .add(contract.joinPayload(room)), JOIN_ACK_ID)));
            }
        } else if (p.type() == SioType.ACK && phase == Phase.JOINING && p.id() == JOIN_ACK_ID) {
            JsonNode error = p.data().path(0).path("error");
            if (!error.isMissingNode()) {
                fail("join refused: " + (error.isTextual() ? error.textValue() : error.toString()));
            } else {
                // jobcast's acknowledgement is the job's status: updates follow its seq.
                lastSeq = Math.max(lastSeq, p.data().path(0).path("seq").asLong(0));
                ready();
            }
        } else if (p.type() == SioType.EVENT && contract.updateEvent().equals(p.eventName())) {
            onUpdate(p.data().path(1));
        } else if (p.type() == SioType.CONNECT_ERROR) {
            fail("connect refused: " + p.data());
        } else if (p.type() == SioType.DISCONNECT) {
            fail("server disconnected the socket");
        }
    }

    private void onUpdate(JsonNode update) {
        long now = WallClock.micros();
        JsonNode seqNode = update.path("seq");
        long sent = contract.sentMicros(update);
        if (!seqNode.canConvertToLong() || sent < 0) {
            fail("update without a numeric seq and a send time");
            return;
        }
        long seq = seqNode.asLong();
        long latency = Math.max(0, now - sent);
        if (seq <= lastSeq) {
            duplicates++;
        } else {
            gaps += seq - lastSeq - 1;
            lastSeq = seq;
        }
        received++;
        events.update(this, seq, latency);
    }

    private void ready() {
        phase = Phase.READY;
        events.ready(this);
    }

    private void fail(String why) {
        if (phase != Phase.CLOSED) {
            phase = Phase.CLOSED;
            events.failed(this, why);
        }
    }
}
