package dev.jobcast.bench.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jobcast.engineio.codec.EioCodec;
import dev.jobcast.socketio.codec.SioDecoder;
import dev.jobcast.socketio.codec.SioPacket;
import dev.jobcast.socketio.codec.SioType;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A worker's protocol on /workers, frame by frame, without a network. */
class WorkerSessionTest {
    private static final String OPEN = "0{\"sid\":\"s1\",\"upgrades\":[],\"pingInterval\":25000,"
            + "\"pingTimeout\":20000,\"maxPayload\":1000000}";

    private final List<String> log = new ArrayList<>();
    private final List<String> sent = new ArrayList<>();
    private final WorkerSession.Events<String> events = new WorkerSession.Events<>() {
        @Override
        public void ready(WorkerSession<String> s) {
            log.add("ready");
        }

        @Override
        public void answered(WorkerSession<String> s, String batch, JsonNode ackArgs) {
            log.add("answered " + batch + " " + ackArgs);
        }

        @Override
        public void failed(WorkerSession<String> s, String why, List<String> unanswered) {
            log.add("failed: " + why + " " + unanswered);
        }
    };

    private WorkerSession<String> ready() {
        WorkerSession<String> s = new WorkerSession<>(WorkerSession.connectFrame("wtok"), events);
        s.onText(OPEN, sent::add);
        s.onText("40/workers,{\"sid\":\"abc\"}", sent::add);
        return s;
    }

    private static SioPacket decode(String frame) throws Exception {
        return new SioDecoder(0).onText(EioCodec.decodeText(frame).text());
    }

    @Test
    void connectsToTheWorkersNamespaceWithTheToken() throws Exception {
        WorkerSession<String> s = ready();
        assertEquals(List.of("40/workers,{\"token\":\"wtok\"}"), sent);
        assertEquals(List.of("ready"), log);
        assertEquals(WorkerSession.Phase.READY, s.phase());
        SioPacket connect = decode(sent.get(0));
        assertEquals("/workers", connect.nsp());
        assertEquals("wtok", connect.data().path("token").asText());
    }

    @Test
    void reportsAnArrayWithAnAckAndMatchesTheAckBack() throws Exception {
        WorkerSession<String> s = ready();
        String first = s.report("b0", 2, "[{\"job_id\":1,\"progress\":5},{\"job_id\":2,\"progress\":6}]");
        String second = s.report("b1", 1, "[{\"job_id\":3,\"type\":\"complete\"}]");
        assertEquals(3, s.inFlight());
        SioPacket p = decode(first);
        assertEquals(SioType.EVENT, p.type());
        assertEquals("/workers", p.nsp());
        assertEquals(0L, p.id());
        assertEquals("report", p.eventName());
        assertEquals(2, p.data().path(1).size());
        assertEquals(1L, decode(second).id());

        s.onText("43/workers,1[{\"results\":[{\"job_id\":3,\"ok\":true}],\"accepted\":1,\"rejected\":0}]", sent::add);
        assertEquals(2, s.inFlight());
        assertTrue(log.get(1).startsWith("answered b1 [{\"results\""), log.toString());
        s.onText("43/workers,1[{}]", sent::add);
        assertEquals(2, log.size(), "an ack answers once");
    }

    @Test
    void theUnansweredGoBackWhenTheSessionEnds() {
        WorkerSession<String> s = ready();
        s.report("b0", 4, "[]");
        s.onText("2", sent::add);
        assertEquals("3", sent.get(sent.size() - 1));
        s.failed("gone");
        assertEquals("failed: gone [b0]", log.get(1));
        assertEquals(0, s.inFlight());
        assertThrows(IllegalStateException.class, () -> s.report("b1", 1, "[]"));
    }

    @Test
    void aUserTokenIsRefused() {
        WorkerSession<String> s = new WorkerSession<>(WorkerSession.connectFrame("utok"), events);
        s.onText(OPEN, sent::add);
        s.onText("44/workers,{\"message\":\"this namespace is for workers (role worker); the token's role is user\","
                + "\"data\":{\"code\":\"forbidden\"}}", sent::add);
        assertEquals(List.of("failed: connect refused: this namespace is for workers (role worker); the token's role "
                + "is user (forbidden) []"), log);
    }

    @Test
    void cannotReportBeforeConnected() {
        WorkerSession<String> s = new WorkerSession<>(WorkerSession.connectFrame("wtok"), events);
        assertThrows(IllegalStateException.class, () -> s.report("b0", 1, "[]"));
    }
}
