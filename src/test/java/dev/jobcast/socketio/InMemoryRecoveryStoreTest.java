package dev.jobcast.socketio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ArrayNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Connection state recovery's default store, on an injected clock. */
class InMemoryRecoveryStoreTest {
    private static final Duration WINDOW = Duration.ofSeconds(10);

    private final AtomicLong now = new AtomicLong(1_000_000);

    private InMemoryRecoveryStore store(int maxPackets, int maxSessions) {
        return new InMemoryRecoveryStore(new SocketIoConfig.Recovery(true, WINDOW, maxPackets, maxSessions),
                now::get);
    }

    private InMemoryRecoveryStore store() {
        return store(1000, 1000);
    }

    private static ArrayNode event(Object... args) {
        return Args.of(args);
    }

    private static String offsetOf(ArrayNode appended) {
        return appended.get(appended.size() - 1).textValue();
    }

    private static ArrayNode toAll(InMemoryRecoveryStore s, Object... args) {
        return s.append("/", Set.of(), Set.of(), event(args));
    }

    private void save(InMemoryRecoveryStore s, String pid, String sid, String nsp, String... rooms) {
        Set<String> all = new HashSet<>(Set.of(rooms));
        all.add(sid);
        s.save(new RecoveryStore.SavedSession(pid, sid, nsp, all, "data-of-" + pid, now.get()));
    }

    @Test
    void appendReturnsACopyOfTheArgumentsWithTheOffsetLast() {
        InMemoryRecoveryStore s = store();
        ArrayNode original = event("progress", 42);

        ArrayNode first = s.append("/", Set.of("job-1"), Set.of(), original);
        ArrayNode second = s.append("/", Set.of("job-1"), Set.of(), original);

        assertEquals(event("progress", 42), original, "the caller's array must not change");
        assertEquals(3, first.size());
        assertEquals("progress", first.get(0).textValue());
        assertEquals(42, first.get(1).intValue());
        assertTrue(first.get(2).isTextual());
        assertNotEquals(offsetOf(first), offsetOf(second));
    }

    @Test
    void restoreReturnsTheMissedEventsAfterTheOffsetInOrderFilteredByRoomsExceptAndNamespace() {
        InMemoryRecoveryStore s = store();
        ArrayNode seen = toAll(s, "seen");
        save(s, "pid-1", "sid-1", "/", "a");
        ArrayNode toAll = toAll(s, "to all");
        ArrayNode toA = s.append("/", Set.of("a"), Set.of(), event("to a"));
        s.append("/", Set.of("b"), Set.of(), event("to b"));
        s.append("/", Set.of(), Set.of("a"), event("to all except a"));
        s.append("/other", Set.of(), Set.of(), event("other namespace"));
        ArrayNode toMe = s.append("/", Set.of("sid-1"), Set.of(), event("to me"));
        ArrayNode toAOrB = s.append("/", Set.of("a", "b"), Set.of("b"), event("to a or b except b"));
        s.append("/", Set.of("a"), Set.of("sid-1"), event("to a except me"));

        Optional<RecoveryStore.Restored> restored = s.restore("pid-1", offsetOf(seen));

        assertTrue(restored.isPresent());
        assertEquals(List.of(toAll, toA, toMe, toAOrB), restored.get().missed());
        RecoveryStore.SavedSession session = restored.get().session();
        assertEquals("sid-1", session.sid());
        assertEquals("/", session.nsp());
        assertEquals(Set.of("sid-1", "a"), session.rooms());
        assertEquals("data-of-pid-1", session.data());
    }

    @Test
    void theLastOffsetSentRestoresWithNothingMissed() {
        InMemoryRecoveryStore s = store();
        ArrayNode last = toAll(s, "last");
        save(s, "pid-1", "sid-1", "/");

        Optional<RecoveryStore.Restored> restored = s.restore("pid-1", offsetOf(last));

        assertTrue(restored.isPresent());
        assertEquals(List.of(), restored.get().missed());
    }

    @Test
    void aSessionCanBeRestoredOnlyOnce() {
        InMemoryRecoveryStore s = store();
        ArrayNode e = toAll(s, "e");
        save(s, "pid-1", "sid-1", "/");

        assertTrue(s.restore("pid-1", offsetOf(e)).isPresent());
        assertTrue(s.restore("pid-1", offsetOf(e)).isEmpty());
    }

    @Test
    void anUnknownPidRestoresNothing() {
        InMemoryRecoveryStore s = store();
        ArrayNode e = toAll(s, "e");
        save(s, "pid-1", "sid-1", "/");

        assertTrue(s.restore("pid-2", offsetOf(e)).isEmpty());
        assertTrue(s.restore("pid-1", offsetOf(e)).isPresent(), "the known pid was not affected");
    }

    @Test
    void anOffsetOfAnotherStoreRestoresNothing() {
        InMemoryRecoveryStore s = store();
        InMemoryRecoveryStore other = store();
        toAll(s, "e");
        ArrayNode foreign = toAll(other, "e");
        save(s, "pid-1", "sid-1", "/");

        assertTrue(s.restore("pid-1", offsetOf(foreign)).isEmpty());
    }

    @Test
    void garbageOffsetsRestoreNothing() {
        InMemoryRecoveryStore s = store();
        String real = offsetOf(toAll(s, "e"));
        String epoch = real.substring(0, real.indexOf('-'));
        List<String> garbage = new ArrayList<>(List.of("", "garbage", "-1", epoch, epoch + "-", epoch + "-!!",
                epoch + "--1", epoch + "-zzzzzzzzzzzzzzzzzzzzzzzz", "x" + real));
        garbage.add(null);
        for (String offset : garbage) {
            save(s, "pid-1", "sid-1", "/");
            assertTrue(s.restore("pid-1", offset).isEmpty(), "offset " + offset);
        }
        save(s, "pid-1", "sid-1", "/");
        assertTrue(s.restore("pid-1", real).isPresent(), "the real offset still works");
    }

    @Test
    void anOffsetNotSentYetRestoresNothing() {
        InMemoryRecoveryStore s = store();
        String real = offsetOf(toAll(s, "e"));
        String epoch = real.substring(0, real.indexOf('-'));
        save(s, "pid-1", "sid-1", "/");

        assertTrue(s.restore("pid-1", epoch + "-" + Long.toString(99, 36)).isEmpty());
    }

    @Test
    void anOffsetWhoseSuccessorWasPrunedRestoresNothing() {
        InMemoryRecoveryStore s = store(3, 1000);
        List<ArrayNode> sent = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            sent.add(toAll(s, "e", i));
        }
        // held: 3, 4, 5. After 1, event 2 is gone: the client would silently miss it.
        save(s, "pid-1", "sid-1", "/");
        assertTrue(s.restore("pid-1", offsetOf(sent.get(0))).isEmpty());

        save(s, "pid-1", "sid-1", "/");
        Optional<RecoveryStore.Restored> fromTwo = s.restore("pid-1", offsetOf(sent.get(1)));
        assertTrue(fromTwo.isPresent());
        assertEquals(sent.subList(2, 5), fromTwo.get().missed());
    }

    @Test
    void theStoreHoldsAtMostMaxPackets() {
        InMemoryRecoveryStore s = store(5, 1000);
        for (int i = 0; i < 100; i++) {
            toAll(s, "e", i);
        }
        assertEquals(5, s.packetCount());
    }

    @Test
    void aSessionOlderThanTheWindowRestoresNothing() {
        InMemoryRecoveryStore s = store();
        ArrayNode e = toAll(s, "e");
        save(s, "pid-old", "sid-old", "/");
        save(s, "pid-young", "sid-young", "/");

        now.addAndGet(WINDOW.toMillis() - 1);
        assertTrue(s.restore("pid-young", offsetOf(e)).isPresent(), "still within the window");

        now.addAndGet(2);
        assertTrue(s.restore("pid-old", offsetOf(e)).isEmpty(), "past the window");
        assertEquals(0, s.sessionCount());
    }

    @Test
    void packetsOlderThanTheWindowAreForgotten() {
        InMemoryRecoveryStore s = store();
        ArrayNode old = toAll(s, "old");
        now.addAndGet(WINDOW.toMillis() + 1);
        ArrayNode fresh = toAll(s, "fresh");

        assertEquals(1, s.packetCount());
        save(s, "pid-1", "sid-1", "/");
        assertEquals(List.of(fresh), s.restore("pid-1", offsetOf(old)).orElseThrow().missed(),
                "nothing between old and fresh was lost");
        save(s, "pid-1", "sid-1", "/");
        assertEquals(List.of(), s.restore("pid-1", offsetOf(fresh)).orElseThrow().missed());
    }

    @Test
    void beyondMaxSessionsTheOldestAreForgotten() {
        InMemoryRecoveryStore s = store(1000, 2);
        ArrayNode e = toAll(s, "e");
        save(s, "pid-1", "sid-1", "/");
        save(s, "pid-2", "sid-2", "/");
        save(s, "pid-3", "sid-3", "/");

        assertEquals(2, s.sessionCount());
        assertTrue(s.restore("pid-1", offsetOf(e)).isEmpty());
        assertTrue(s.restore("pid-2", offsetOf(e)).isPresent());
        assertTrue(s.restore("pid-3", offsetOf(e)).isPresent());
    }
}
