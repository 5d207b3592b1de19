package dev.jobcast.engineio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jobcast.engineio.EngineCommand.PollReply;
import dev.jobcast.engineio.EngineCommand.Tick;
import dev.jobcast.engineio.EngineCommand.WsOut;
import dev.jobcast.engineio.codec.EioPacket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The session's state machine on its own, with no actor: polling requests and WebSocket
 * outlets are names, and every effect it asks for is recorded.
 */
class EngineSessionTest {
    private static final EngineConfig CONFIG = EngineConfig.defaults("/engine.io/")
            .withHeartbeat(Duration.ofMillis(300), Duration.ofMillis(200));

    /** Records what the session asks for. */
    static final class Recorder implements EngineSessionIo<String, String>, EngineListener {
        final List<String> replies = new ArrayList<>();
        final List<String> writes = new ArrayList<>();
        final Set<Tick> timers = new HashSet<>();
        final List<String> messages = new ArrayList<>();
        final List<String> closes = new ArrayList<>();
        final List<String> failures = new ArrayList<>();
        boolean registered = true;
        RuntimeException throwOnMessage;

        @Override
        public void reply(String get, PollReply reply) {
            replies.add(get + " " + describe(reply));
        }

        @Override
        public void write(String ws, WsOut out) {
            writes.add(ws + " " + describe(out));
        }

        @Override
        public void startTimer(Tick tick, Duration after) {
            timers.add(tick);
        }

        @Override
        public void cancelTimer(Tick tick) {
            timers.remove(tick);
        }

        @Override
        public void cancelAllTimers() {
            timers.clear();
        }

        @Override
        public void unregister() {
            registered = false;
        }

        @Override
        public void upperLayerFailed(String what, RuntimeException e) {
            failures.add(what);
        }

        @Override
        public void onMessage(EioPacket message) {
            if (throwOnMessage != null) {
                throw throwOnMessage;
            }
            messages.add(message.text());
        }

        @Override
        public void onClose(String reason) {
            closes.add(reason);
        }

        static String describe(Object o) {
            if (o instanceof PollReply.Payload p) {
                return "payload " + p.body().replace('\u001e', '|');
            }
            if (o instanceof PollReply.Failed f) {
                return "failed " + f.error();
            }
            if (o instanceof WsOut.Frames f) {
                return "frames " + f.packets().stream().map(p -> p.type() + ":" + p.text()).toList();
            }
            return o.getClass().getSimpleName().toLowerCase();
        }

        String lastReply() {
            return replies.get(replies.size() - 1);
        }
    }

    private final Recorder io = new Recorder();

    private EngineSession<String, String> polling(EngineConfig config) {
        EngineSession<String, String> s = new EngineSession<>("sid1", config, -1, io);
        s.attach(io);
        return s;
    }

    private EngineSession<String, String> webSocket() {
        EngineSession<String, String> s = new EngineSession<>("sid1", CONFIG, 7, io);
        s.attach(io);
        s.onWsOpened(7, "ws7", false);
        return s;
    }

    @Test
    void theFirstGetTakesTheOpenPacketOfferingTheUpgrade() {
        EngineSession<String, String> s = polling(CONFIG);
        assertTrue(io.timers.contains(Tick.SEND_PING));
        s.onPollGet("get1");
        assertEquals("get1 payload 0{\"sid\":\"sid1\",\"upgrades\":[\"websocket\"],\"pingInterval\":300,"
                + "\"pingTimeout\":200,\"maxPayload\":1000000}", io.lastReply());
    }

    @Test
    void aDirectWebSocketIsOfferedNoUpgradeAndGetsItsOpenPacketAsAFrame() {
        webSocket();
        assertTrue(io.writes.get(0).startsWith("ws7 frames [OPEN:{\"sid\":\"sid1\",\"upgrades\":[]"), io.writes.toString());
    }

    @Test
    void heartbeatPingThenPongRestartsTheCycle() {
        EngineSession<String, String> s = polling(CONFIG);
        s.onPollGet("get1");
        s.onPollGet("get2");
        assertFalse(s.onTick(Tick.SEND_PING));
        assertEquals("get2 payload 2", io.lastReply());
        assertTrue(io.timers.contains(Tick.PONG_TIMEOUT));
        s.onPollPost("post1", List.of(EioPacket.pong()));
        assertEquals("post1 ok", io.lastReply());
        assertFalse(io.timers.contains(Tick.PONG_TIMEOUT));
        assertTrue(io.timers.contains(Tick.SEND_PING));
    }

    @Test
    void noPongInTimeClosesAsPingTimeout() {
        EngineSession<String, String> s = webSocket();
        s.onTick(Tick.SEND_PING);
        s.onTick(Tick.PONG_TIMEOUT);
        assertEquals(List.of(CloseReasons.PING_TIMEOUT), io.closes);
        assertFalse(io.registered);
        assertEquals(EngineSession.State.CLOSED, s.state());
        assertEquals("ws7 abort", io.writes.get(io.writes.size() - 1), "a dead peer's stream is torn down");
        assertTrue(io.timers.contains(Tick.STOP));
        assertTrue(s.onTick(Tick.STOP), "the actor stops after lingering");
    }

    @Test
    void twoGetsAtOnceAreAProtocolErrorThatEndsTheSession() {
        EngineSession<String, String> s = polling(CONFIG);
        s.onPollGet("get1");
        s.onPollGet("get2");
        s.onPollGet("get3");
        assertTrue(io.replies.contains("get3 failed " + EngineError.BAD_REQUEST), io.replies.toString());
        assertEquals(List.of(CloseReasons.TRANSPORT_ERROR), io.closes);
        assertEquals("get2 payload 1", io.lastReply(), "the held GET is told the session closed");
    }

    @Test
    void messagesGoUpAndAPingFromTheClientIsAnswered() {
        EngineSession<String, String> s = webSocket();
        s.onWsReady(7);
        s.onWsFrame(7, EioPacket.message("hello"), null);
        s.onWsFrame(7, EioPacket.ping("x"), null);
        assertEquals(List.of("hello"), io.messages);
        assertEquals("ws7 frames [PONG:x]", io.writes.get(io.writes.size() - 1));
        s.onWsFrame(8, EioPacket.message("another stream"), null);
        assertEquals(List.of("hello"), io.messages, "frames of a stream that is not the session's are ignored");
    }

    @Test
    void anUndecodableFrameIsAParseError() {
        EngineSession<String, String> s = webSocket();
        s.onWsFrame(7, null, "bad packet");
        assertEquals(List.of(CloseReasons.PARSE_ERROR), io.closes);
    }

    @Test
    void theUpgradeProbesThenSwitchesAndWaitsForTheProbesFrameToBeWritten() {
        EngineSession<String, String> s = polling(CONFIG);
        s.onPollGet("get1");
        s.onPollGet("get2");
        s.onWsOpened(3, "probe3", true);
        assertTrue(io.timers.contains(Tick.UPGRADE_TIMEOUT));
        s.onWsFrame(3, EioPacket.ping("probe"), null);
        assertEquals("probe3 frames [PONG:probe]", io.writes.get(0));
        assertEquals("get2 payload 6", io.lastReply(), "the held GET is released with a noop");
        s.onWsFrame(3, EioPacket.upgrade(), null);
        assertEquals(EngineSession.Transport.WEBSOCKET, s.transport());
        assertFalse(io.timers.contains(Tick.UPGRADE_TIMEOUT));
        assertTrue(s.enqueue(List.of(EioPacket.message("after")), null));
        assertEquals(1, io.writes.size(), "3probe is not acknowledged yet: nothing more is written");
        s.onWsReady(3);
        assertEquals("probe3 frames [MESSAGE:after]", io.writes.get(1));
        s.onPollGet("get3");
        assertEquals("get3 failed " + EngineError.BAD_REQUEST, io.lastReply(), "polling is over");
    }

    @Test
    void aProbeThatDoesNotFinishInTimeIsDroppedAndPollingGoesOn() {
        EngineSession<String, String> s = polling(CONFIG);
        s.onWsOpened(3, "probe3", true);
        s.onWsOpened(4, "probe4", true);
        assertEquals("probe4 complete", io.writes.get(0), "one probe at a time");
        s.onTick(Tick.UPGRADE_TIMEOUT);
        assertEquals("probe3 complete", io.writes.get(1));
        assertEquals(EngineSession.Transport.POLLING, s.transport());
        assertEquals(EngineSession.State.OPEN, s.state());
    }

    @Test
    void aClientThatDoesNotReadOverflowsItsBoundedQueueAndIsCutAsSlow() {
        EngineSession<String, String> s = polling(CONFIG.withOutboundLimits(3, 1_000_000));
        assertTrue(s.enqueue(List.of(EioPacket.message("1")), null));
        assertTrue(s.enqueue(List.of(EioPacket.message("2")), null));
        assertFalse(s.enqueue(List.of(EioPacket.message("3"), EioPacket.message("4")), null));
        assertEquals(List.of(CloseReasons.SLOW_CLIENT), io.closes);
        assertTrue(io.registered, "a polling client is still told at its next GET");
        s.onPollGet("get1");
        assertEquals("get1 payload 1", io.lastReply(), "the queue was dropped: only CLOSE is left");
        assertFalse(io.registered);
        assertFalse(s.enqueue(List.of(EioPacket.message("late")), null));
    }

    @Test
    void closeWithDrainWritesWhatIsQueuedOnceTheWebSocketCanTakeIt() {
        EngineSession<String, String> s = webSocket();
        s.enqueue(List.of(EioPacket.message("last words")), null);
        s.shutdown("server namespace disconnect", SessionEnding.DRAIN);
        assertEquals(EngineSession.State.CLOSING, s.state());
        assertTrue(io.timers.contains(Tick.CLOSE_GRACE), "a grace period bounds the wait");
        s.onWsReady(7);
        assertEquals(List.of("ws7 frames [OPEN:" + CONFIG.handshakeJson("sid1", false) + "]",
                "ws7 frames [MESSAGE:last words]", "ws7 complete"), io.writes);
        assertEquals(EngineSession.State.CLOSED, s.state());
    }

    @Test
    void aFailingUpperLayerEndsOnlyItsOwnSession() {
        EngineSession<String, String> s = webSocket();
        io.throwOnMessage = new IllegalStateException("bug");
        s.onWsFrame(7, EioPacket.message("boom"), null);
        assertEquals(List.of("the layer above failed"), io.failures);
        assertEquals(List.of(CloseReasons.SERVER_ERROR), io.closes);
    }

    @Test
    void requestsAfterTheEndAreToldSo() {
        EngineSession<String, String> s = polling(CONFIG);
        s.onPollGet("get1");
        s.onPollPost("post1", List.of(EioPacket.close()));
        assertEquals(List.of(CloseReasons.TRANSPORT_CLOSE), io.closes);
        s.onPollPost("post2", List.of(EioPacket.message("x")));
        assertEquals("post2 failed " + EngineError.BAD_REQUEST, io.lastReply());
        s.onPollGet("get2");
        assertEquals("get2 payload 1", io.lastReply());
    }

    @Test
    void aStoppedActorClosesEverythingItHeld() {
        EngineSession<String, String> s = polling(CONFIG);
        s.onPollGet("get1");
        s.onPollGet("get2");
        s.onWsOpened(3, "probe3", true);
        s.onStopped();
        assertEquals(List.of(CloseReasons.SERVER_ERROR), io.closes);
        assertTrue(io.writes.contains("probe3 complete"));
        assertEquals("get2 payload 1", io.lastReply());
        assertFalse(io.registered);
    }
}
