package dev.jobcast.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The generator's client protocol, frame by frame, without a network. */
class SioSessionTest {

    private static final String OPEN = "0{\"sid\":\"s1\",\"upgrades\":[],\"pingInterval\":25000,"
            + "\"pingTimeout\":20000,\"maxPayload\":1000000}";

    private static final class Recorder implements SioSession.Events {
        final List<String> log = new ArrayList<>();

        @Override
        public void ready(SioSession session) {
            log.add("ready");
        }

        @Override
        public void update(SioSession session, long seq, long latencyMicros) {
            log.add("update " + seq);
        }

        @Override
        public void failed(SioSession session, String why) {
            log.add("failed: " + why);
        }
    }

    private final Recorder events = new Recorder();
    private final List<String> sent = new ArrayList<>();

    private static String update(long seq) {
        return "42[\"update\",{\"job_id\":0,\"seq\":" + seq + ",\"status\":\"running\",\"progress\":1,"
                + "\"message\":\"m\",\"ts\":" + (System.currentTimeMillis() - 5) + ".125}]";
    }

    private SioSession joined(String room) {
        SioSession s = new SioSession(room, events);
        s.onText(OPEN, sent::add);
        s.onText("40{\"sid\":\"abc\"}", sent::add);
        s.onText("430[{\"room\":\"" + room + "\"}]", sent::add);
        return s;
    }

    @Test
    void connectsJoinsWithAnAckAndIsReady() {
        SioSession s = joined("r1");
        assertEquals(List.of("40", "420[\"join\",{\"room\":\"r1\"}]"), sent);
        assertEquals(List.of("ready"), events.log);
        assertEquals(SioSession.Phase.READY, s.phase());
    }

    @Test
    void withoutARoomItIsReadyOnceConnected() {
        SioSession s = new SioSession(null, events);
        s.onText(OPEN, sent::add);
        s.onText("40{\"sid\":\"abc\"}", sent::add);
        assertEquals(List.of("40"), sent);
        assertEquals(List.of("ready"), events.log);
    }

    @Test
    void answersPings() {
        SioSession s = joined("r1");
        sent.clear();
        s.onText("2", sent::add);
        assertEquals(List.of("3"), sent);
    }

    @Test
    void countsUpdatesGapsAndDuplicates() {
        SioSession s = joined("r1");
        for (long seq : new long[] {1, 2, 4, 4, 3, 7}) {
            s.onText(update(seq), sent::add);
        }
        assertEquals(6, s.received());
        assertEquals(7, s.lastSeq());
        assertEquals(1 + 2, s.gaps());
        assertEquals(2, s.duplicates());
        assertTrue(events.log.contains("update 7"));
    }

    @Test
    void aRefusedJoinOrConnectFailsTheSession() {
        SioSession s = new SioSession("r1", events);
        s.onText(OPEN, sent::add);
        s.onText("40{\"sid\":\"abc\"}", sent::add);
        s.onText("430[{\"error\":\"no\"}]", sent::add);
        assertEquals(List.of("failed: join refused: no"), events.log);
        assertEquals(SioSession.Phase.CLOSED, s.phase());

        Recorder other = new Recorder();
        SioSession refused = new SioSession(null, other);
        refused.onText(OPEN, sent::add);
        refused.onText("44{\"message\":\"Invalid namespace\"}", sent::add);
        assertEquals(1, other.log.size());
        assertTrue(other.log.get(0).startsWith("failed: connect refused"));
    }

    @Test
    void failsOnceOnGarbageOrClose() {
        SioSession s = joined("r1");
        s.onText("9nonsense", sent::add);
        s.failed("gone");
        s.onText(update(1), sent::add);
        assertEquals(List.of("ready", "failed: bad Engine.IO packet: unknown packet type '9'"), events.log);
    }

    @Test
    void anUpdateWithoutSeqOrTsIsAFailure() {
        SioSession s = joined("r1");
        s.onText("42[\"update\",{\"seq\":\"x\"}]", sent::add);
        assertEquals("failed: update without a numeric seq and a send time", events.log.get(1));
    }
}
