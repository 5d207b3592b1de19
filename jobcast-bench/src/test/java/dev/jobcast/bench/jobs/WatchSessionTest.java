package dev.jobcast.bench.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jobcast.socketio.codec.Json;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A watcher's protocol, frame by frame, without a network. */
class WatchSessionTest {
    private static final String OPEN = "0{\"sid\":\"s1\",\"upgrades\":[],\"pingInterval\":25000,"
            + "\"pingTimeout\":20000,\"maxPayload\":1000000}";
    private static final long NOW = 5_000_000;

    private final List<String> log = new ArrayList<>();
    private final List<String> sent = new ArrayList<>();
    private final WatchSession.Events events = new WatchSession.Events() {
        @Override
        public void joined(WatchSession s) {
            log.add("joined");
        }

        @Override
        public void progress(WatchSession s, long dueMicros, long receivedMicros) {
            log.add("progress due " + dueMicros + " at " + receivedMicros);
        }

        @Override
        public void terminal(WatchSession s) {
            log.add("terminal");
        }

        @Override
        public void failed(WatchSession s, String why) {
            log.add("failed: " + why);
        }
    };

    private static String update(long seq, String event, String message) {
        return "42[\"job_update\",{\"job_id\":7,\"seq\":" + seq + ",\"event\":\"" + event + "\",\"status\":\"running\","
                + "\"progress\":3" + (message == null ? "" : ",\"message\":\"" + message + "\"")
                + ",\"timestamp\":\"2026-01-01T00:00:00Z\"}]";
    }

    private static String status(long seq) {
        return "{\"job_id\":7,\"status\":\"queued\",\"progress\":0,\"message\":\"Job queued\",\"seq\":" + seq + "}";
    }

    private WatchSession session() {
        return new WatchSession(WatchSession.connectFrame("tok"), 7, events, () -> NOW);
    }

    /** Connected, replayed up to {@code replayed} and acknowledged with that seq. */
    private WatchSession joined(long replayed) {
        WatchSession s = session();
        s.onText(OPEN, sent::add);
        s.onText("40{\"sid\":\"abc\"}", sent::add);
        for (long seq = 1; seq <= replayed; seq++) {
            s.onText(update(seq, seq == 1 ? "created" : "progress", "Job queued"), sent::add);
        }
        s.onText("42[\"job_status\"," + status(replayed) + "]", sent::add);
        s.onText("430[" + status(replayed) + "]", sent::add);
        return s;
    }

    @Test
    void connectsWithTheTokenAndJoinsFromTheStartWithAnAck() throws Exception {
        WatchSession s = joined(1);
        assertEquals(2, sent.size());
        assertEquals("40{\"token\":\"tok\"}", sent.get(0));
        assertEquals("420[\"join_job\",{\"job_id\":7,\"since\":0}]", sent.get(1));
        assertEquals(List.of("joined"), log);
        assertEquals(WatchSession.Phase.WATCHING, s.phase());
        assertEquals(1, s.lastSeq());
        assertEquals(0, s.orderViolations());
        Json.read(sent.get(1).substring(3)); // the join's arguments are JSON
    }

    @Test
    void timesProgressUpdatesByTheDueTimeInTheirMessage() {
        WatchSession s = joined(1);
        s.onText(update(2, "started", "Job started"), sent::add);
        s.onText(update(3, "progress", ReportMessage.of(0, 4_990_000)), sent::add);
        s.onText(update(4, "progress", "someone else's message"), sent::add);
        assertEquals(List.of("joined", "progress due 4990000 at 5000000"), log);
        assertEquals(4, s.received());
        assertEquals(0, s.orderViolations());
    }

    @Test
    void everyUpdateNotPreviousPlusOneIsAnOrderViolation() {
        WatchSession s = joined(1);
        for (long seq : new long[] {2, 4, 4, 3, 5}) {
            s.onText(update(seq, "progress", null), sent::add);
        }
        assertEquals(3, s.orderViolations(), "4 after 2, 4 again, 3 after 4");
        assertEquals(5, s.lastSeq());
    }

    @Test
    void aStatusAheadOfTheReplayIsAGap() {
        WatchSession s = session();
        s.onText(OPEN, sent::add);
        s.onText("40{\"sid\":\"abc\"}", sent::add);
        s.onText(update(1, "created", null), sent::add);
        s.onText("430[" + status(3) + "]", sent::add);
        assertEquals(1, s.orderViolations());
        s.onText(update(4, "progress", null), sent::add);
        assertEquals(1, s.orderViolations());
    }

    @Test
    void theCompletedUpdateIsTerminalOnce() {
        WatchSession s = joined(1);
        assertFalse(s.sawTerminal());
        s.onText(update(2, "completed", "Job completed"), sent::add);
        s.onText(update(3, "completed", "Job completed"), sent::add);
        assertTrue(s.sawTerminal());
        assertEquals(List.of("joined", "terminal"), log);
    }

    @Test
    void aRefusedJoinOrConnectFails() {
        WatchSession s = session();
        s.onText(OPEN, sent::add);
        s.onText("40{\"sid\":\"abc\"}", sent::add);
        s.onText("430[{\"error\":{\"message\":\"Job 7 not found or access denied\",\"code\":\"not_found\"}}]", sent::add);
        assertEquals(List.of("failed: join_job refused: not_found: Job 7 not found or access denied"), log);
        assertEquals(WatchSession.Phase.CLOSED, s.phase());

        log.clear();
        WatchSession refused = session();
        refused.onText(OPEN, sent::add);
        refused.onText("44{\"message\":\"invalid token\"}", sent::add);
        assertEquals(1, log.size());
        assertTrue(log.get(0).startsWith("failed: connect refused"), log.get(0));
    }

    @Test
    void answersPingsAndFailsOnceOnCloseOrGarbage() {
        WatchSession s = joined(1);
        sent.clear();
        s.onText("2", sent::add);
        assertEquals(List.of("3"), sent);
        s.onText("41", sent::add);
        s.failed("gone");
        s.onText(update(2, "progress", null), sent::add);
        assertEquals(List.of("joined", "failed: server disconnected the socket"), log);
        assertEquals(1, s.lastSeq());
    }

    @Test
    void anUpdateOfAnotherJobOrWithoutSeqFails() {
        WatchSession s = joined(1);
        s.onText("42[\"job_update\",{\"job_id\":8,\"seq\":2}]", sent::add);
        assertTrue(log.get(1).startsWith("failed: a job_update without a numeric seq, or of another job"), log.toString());
    }
}
