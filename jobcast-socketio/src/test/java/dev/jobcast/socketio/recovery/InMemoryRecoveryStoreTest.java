package dev.jobcast.socketio.recovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.jobcast.socketio.Args;
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
        return new InMemoryRecoveryStore(WINDOW, maxPackets, maxSessions,
                now::get);
    }

    private InMemoryRecoveryStore store() {
        return store(1000, 1000);
    }

    private static ArrayNode event(Object... args) {
        return Args.of(args);
    }

    private static long toAll(InMemoryRecoveryStore s, Object... args) {
        return s.append("/", Set.of(), Set.of(), event(args));
    }

    private static List<Long> seqs(RecoveryStore.Restored restored) {
        return restored.missed().stream().map(RecoveryStore.Missed::seq).toList();
    }

    private void save(InMemoryRecoveryStore s, String pid, String sid, String nsp, String... rooms) {
        Set<String> all = new HashSet<>(Set.of(rooms));
        all.add(sid);
        s.save(new RecoveryStore.SavedSession(pid, sid, nsp, all, "data-of-" + pid, now.get()));
    }

    @Test
    void appendNumbersPacketsFromOneAndKeepsTheArgumentsAsGiven() {
        InMemoryRecoveryStore s = store();
        assertEquals(0, s.head());
        ArrayNode original = event("progress", 42);

        long first = s.append("/", Set.of("job-1"), Set.of(), original);
        long second = s.append("/", Set.of("job-1"), Set.of(), original);
        save(s, "pid-1", "sid-1", "/", "job-1");

        assertEquals(1, first);
        assertEquals(2, second);
        assertEquals(2, s.head());
        assertEquals(event("progress", 42), original, "the caller's array must not change");
        RecoveryStore.Missed missed = s.restore("pid-1", 1).orElseThrow().missed().get(0);
        assertEquals(2, missed.seq());
        assertEquals(event("progress", 42), missed.args(), "no offset in what is stored: each socket adds its own");
    }

    @Test
    void epochsOfTwoStoresDiffer() {
        assertNotEquals(store().epoch(), store().epoch());
    }

    @Test
    void restoreReturnsTheMissedEventsAfterTheOffsetInOrderFilteredByRoomsExceptAndNamespace() {
        InMemoryRecoveryStore s = store();
        long seen = toAll(s, "seen");
        save(s, "pid-1", "sid-1", "/", "a");
        long toAll = toAll(s, "to all");
        long toA = s.append("/", Set.of("a"), Set.of(), event("to a"));
        s.append("/", Set.of("b"), Set.of(), event("to b"));
        s.append("/", Set.of(), Set.of("a"), event("to all except a"));
        s.append("/other", Set.of(), Set.of(), event("other namespace"));
        long toMe = s.append("/", Set.of("sid-1"), Set.of(), event("to me"));
        long toAOrB = s.append("/", Set.of("a", "b"), Set.of("b"), event("to a or b except b"));
        s.append("/", Set.of("a"), Set.of("sid-1"), event("to a except me"));

        Optional<RecoveryStore.Restored> restored = s.restore("pid-1", seen);

        assertTrue(restored.isPresent());
        assertEquals(List.of(toAll, toA, toMe, toAOrB), seqs(restored.get()));
        RecoveryStore.SavedSession session = restored.get().session();
        assertEquals("sid-1", session.sid());
        assertEquals("/", session.nsp());
        assertEquals(Set.of("sid-1", "a"), session.rooms());
        assertEquals("data-of-pid-1", session.data());
    }

    @Test
    void theLastOffsetSentRestoresWithNothingMissed() {
        InMemoryRecoveryStore s = store();
        long last = toAll(s, "last");
        save(s, "pid-1", "sid-1", "/");

        Optional<RecoveryStore.Restored> restored = s.restore("pid-1", last);

        assertTrue(restored.isPresent());
        assertEquals(List.of(), restored.get().missed());
    }

    @Test
    void aSessionCanBeRestoredOnlyOnce() {
        InMemoryRecoveryStore s = store();
        long e = toAll(s, "e");
        save(s, "pid-1", "sid-1", "/");

        assertTrue(s.restore("pid-1", e).isPresent());
        assertTrue(s.restore("pid-1", e).isEmpty());
    }

    @Test
    void anUnknownPidRestoresNothing() {
        InMemoryRecoveryStore s = store();
        long e = toAll(s, "e");
        save(s, "pid-1", "sid-1", "/");

        assertTrue(s.restore("pid-2", e).isEmpty());
        assertTrue(s.restore("pid-1", e).isPresent(), "the known pid was not affected");
    }

    @Test
    void anOffsetNotSentYetOrNegativeRestoresNothing() {
        InMemoryRecoveryStore s = store();
        toAll(s, "e");
        save(s, "pid-1", "sid-1", "/");
        assertTrue(s.restore("pid-1", 99).isEmpty());
        save(s, "pid-1", "sid-1", "/");
        assertTrue(s.restore("pid-1", -1).isEmpty());
    }

    @Test
    void anOffsetWhoseSuccessorWasPrunedRestoresNothing() {
        InMemoryRecoveryStore s = store(3, 1000);
        List<Long> sent = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            sent.add(toAll(s, "e", i));
        }
        // held: 3, 4, 5. After 1, event 2 is gone: the client would silently miss it.
        save(s, "pid-1", "sid-1", "/");
        assertTrue(s.restore("pid-1", sent.get(0)).isEmpty());

        save(s, "pid-1", "sid-1", "/");
        Optional<RecoveryStore.Restored> fromTwo = s.restore("pid-1", sent.get(1));
        assertTrue(fromTwo.isPresent());
        assertEquals(sent.subList(2, 5), seqs(fromTwo.get()));
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
        long e = toAll(s, "e");
        save(s, "pid-old", "sid-old", "/");
        save(s, "pid-young", "sid-young", "/");

        now.addAndGet(WINDOW.toMillis() - 1);
        assertTrue(s.restore("pid-young", e).isPresent(), "still within the window");

        now.addAndGet(2);
        assertTrue(s.restore("pid-old", e).isEmpty(), "past the window");
        assertEquals(0, s.sessionCount());
    }

    @Test
    void packetsOlderThanTheWindowAreForgotten() {
        InMemoryRecoveryStore s = store();
        long old = toAll(s, "old");
        now.addAndGet(WINDOW.toMillis() + 1);
        long fresh = toAll(s, "fresh");

        assertEquals(1, s.packetCount());
        save(s, "pid-1", "sid-1", "/");
        assertEquals(List.of(fresh), seqs(s.restore("pid-1", old).orElseThrow()),
                "nothing between old and fresh was lost");
        save(s, "pid-1", "sid-1", "/");
        assertEquals(List.of(), s.restore("pid-1", fresh).orElseThrow().missed());
    }

    @Test
    void beyondMaxSessionsTheOldestAreForgotten() {
        InMemoryRecoveryStore s = store(1000, 2);
        long e = toAll(s, "e");
        save(s, "pid-1", "sid-1", "/");
        save(s, "pid-2", "sid-2", "/");
        save(s, "pid-3", "sid-3", "/");

        assertEquals(2, s.sessionCount());
        assertTrue(s.restore("pid-1", e).isEmpty());
        assertTrue(s.restore("pid-2", e).isPresent());
        assertTrue(s.restore("pid-3", e).isPresent());
    }
}
