// OrderingGaps: the projection's place in the journal's ordering. The watermark never passes
// an ordering that was neither read nor given up; holes are given up only once old enough (or
// all at once at start-up); the number of holes tracked is bounded.
package dev.jobcast.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import org.junit.jupiter.api.Test;

class OrderingGapsTest {
    private static final long S = 1_000_000_000L;
    private static final long TIMEOUT = 10 * S;

    private static OrderingGaps seen(long from, long now, long... orderings) {
        OrderingGaps g = new OrderingGaps(from);
        for (long o : orderings) {
            g.seen(o, now);
        }
        return g;
    }

    @Test
    void startsAtTheStoredOffsetWithNothingMissing() {
        OrderingGaps g = new OrderingGaps(42);
        assertEquals(42, g.watermark());
        assertEquals(42, g.maxSeen());
        assertEquals(0, g.holeCount());
        assertFalse(g.moved());
        assertEquals(List.of(), g.holes(10));
    }

    @Test
    void contiguousRowsMoveTheWatermarkToTheLast() {
        OrderingGaps g = seen(0, 0, 1, 2, 3);
        assertEquals(3, g.watermark());
        assertEquals(3, g.maxSeen());
        assertEquals(0, g.holeCount());
    }

    @Test
    void rowsAtOrBelowTheStoredOffsetChangeNothing() {
        OrderingGaps g = seen(10, 0, 3, 10, 7);
        assertEquals(10, g.watermark());
        assertEquals(0, g.holeCount());
        assertFalse(g.moved());
    }

    @Test
    void aHoleHoldsTheWatermarkUntilItsRowComes() {
        OrderingGaps g = seen(0, 0, 1, 2, 4, 5);
        assertEquals(List.of(3L), g.holes(10));
        assertEquals(2, g.watermark(), "the lowest hole minus one");
        assertEquals(5, g.maxSeen(), "rows past the hole are read all the same");
        g.seen(3, S);
        assertEquals(0, g.holeCount());
        assertEquals(5, g.watermark());
        assertEquals(0, g.givenUp());
    }

    @Test
    void theWatermarkIsTheLowestHoleMinusOne() {
        OrderingGaps g = seen(0, 0, 1, 4, 7, 9);
        assertEquals(List.of(2L, 3L, 5L, 6L, 8L), g.holes(10));
        assertEquals(1, g.watermark());
        g.seen(3, 0);
        g.seen(2, 0);
        assertEquals(4, g.watermark(), "5 is missing now");
        g.seen(6, 0);
        assertEquals(4, g.watermark());
        g.seen(5, 0);
        assertEquals(7, g.watermark());
        g.seen(8, 0);
        assertEquals(9, g.watermark());
    }

    @Test
    void holesAreListedLowestFirstUpToTheLimit() {
        OrderingGaps g = seen(100, 0, 110);
        assertEquals(List.of(101L, 102L, 103L), g.holes(3));
        assertEquals(9, g.holes(1000).size());
        assertEquals(List.of(), g.holes(0));
    }

    @Test
    void aHoleIsGivenUpOnceItsTimeoutHasPassedWhileLaterRowsStayRead() {
        OrderingGaps g = new OrderingGaps(0);
        g.seen(1, 0);
        g.seen(3, 0);           // hole 2, first seen at 0
        g.seen(5, 5 * S);       // hole 4, first seen at 5 s
        g.seen(6, 9 * S);       // seeing more does not make hole 2 younger
        assertEquals(1, g.watermark());

        assertEquals(0, g.expire(10 * S - 1, TIMEOUT, Long.MAX_VALUE), "not yet");
        assertEquals(List.of(2L, 4L), g.holes(10));
        assertEquals(1, g.watermark());

        assertEquals(1, g.expire(10 * S, TIMEOUT, Long.MAX_VALUE), "hole 2 is 10 s old");
        assertEquals(List.of(4L), g.holes(10));
        assertEquals(3, g.watermark());
        assertEquals(6, g.maxSeen(), "rows read past the holes stay read");
        assertEquals(1, g.givenUp());

        assertEquals(1, g.expire(15 * S, TIMEOUT, Long.MAX_VALUE));
        assertEquals(6, g.watermark());
        assertEquals(2, g.givenUp());
        assertEquals(0, g.expire(100 * S, TIMEOUT, Long.MAX_VALUE), "nothing left to give up");
    }

    @Test
    void onlyHolesUpToTheHighestLookedForAreGivenUp() {
        OrderingGaps g = seen(0, 0, 1, 4, 6); // holes 2, 3, 5, all as old
        assertEquals(2, g.expire(TIMEOUT, TIMEOUT, 3), "5 was not looked for: it may have its row by now");
        assertEquals(List.of(5L), g.holes(10));
        assertEquals(4, g.watermark());
        assertEquals(0, g.expire(TIMEOUT, TIMEOUT, Long.MIN_VALUE), "nothing looked for, nothing given up");
        assertEquals(1, g.expire(TIMEOUT, TIMEOUT, 5));
        assertEquals(6, g.watermark());
    }

    @Test
    void aRowThatComesAfterItsHoleWasGivenUpChangesNothing() {
        OrderingGaps g = seen(0, 0, 1, 3);
        g.expire(TIMEOUT, TIMEOUT, Long.MAX_VALUE);
        assertEquals(3, g.watermark());
        g.seen(2, TIMEOUT + 1);
        assertEquals(3, g.watermark());
        assertEquals(3, g.maxSeen());
        assertEquals(0, g.holeCount());
    }

    @Test
    void giveUpAllDropsEveryHoleAtOnce() {
        OrderingGaps g = seen(0, 0, 2, 5, 9);
        assertEquals(6, g.holeCount());
        assertEquals(0, g.watermark());
        assertEquals(6, g.giveUpAll());
        assertEquals(9, g.watermark());
        assertEquals(6, g.givenUp());
        assertEquals(0, g.giveUpAll());
        assertEquals(6, g.givenUp());
    }

    @Test
    void movedSaysWhetherTheWatermarkDiffersFromTheStoredOne() {
        OrderingGaps g = new OrderingGaps(5);
        assertFalse(g.moved());
        g.seen(6, 0);
        assertTrue(g.moved());
        g.stored(6);
        assertFalse(g.moved());
        g.seen(8, 0); // hole 7: the watermark stays 6
        assertFalse(g.moved());
        g.seen(7, 0);
        assertTrue(g.moved());
        g.stored(g.watermark());
        assertFalse(g.moved());
        g.seen(10, 0);
        g.expire(TIMEOUT, TIMEOUT, Long.MAX_VALUE); // a hole given up moves it too
        assertTrue(g.moved());
    }

    @Test
    void upToMaxTrackedHolesAreTracked() {
        OrderingGaps g = new OrderingGaps(0);
        g.seen(OrderingGaps.MAX_TRACKED + 1, 0);
        assertEquals(OrderingGaps.MAX_TRACKED, g.holeCount());
        assertEquals(0, g.watermark());
        assertEquals(0, g.givenUp());
        // One more would pass the bound: those numbers are taken as never used.
        g.seen(OrderingGaps.MAX_TRACKED + 3, 0);
        assertEquals(OrderingGaps.MAX_TRACKED, g.holeCount());
        assertEquals(1, g.givenUp());
        assertEquals(0, g.watermark(), "the tracked holes still hold the watermark");
    }

    @Test
    void aHugeJumpIsTakenAsNumbersNeverUsedAndTracksNothing() {
        OrderingGaps g = seen(0, 0, 1);
        long far = 1_000_000_000_000L;
        g.seen(far, 0);
        assertEquals(0, g.holeCount(), "bounded: no billion holes");
        assertEquals(far - 2, g.givenUp());
        assertEquals(far, g.watermark());
        g.seen(far + 2, 0);
        assertEquals(List.of(far + 1), g.holes(10), "holes after the jump are tracked again");
    }

    @Test
    void theHoleCountNeverPassesTheBoundWhateverTheJumps() {
        OrderingGaps g = new OrderingGaps(0);
        long o = 0;
        for (int i = 0; i < 50; i++) {
            o += 30_000 + i;
            g.seen(o, 0);
            assertTrue(g.holeCount() <= OrderingGaps.MAX_TRACKED, g.holeCount() + " holes");
        }
        assertEquals(o, g.maxSeen());
    }

    // ---- property: against a model of what was read

    /** seen(ordering), or time passing and an expire, or (rarely) a start-up giveUpAll. */
    record Op(int kind, long value) {
    }

    @Provide
    Arbitrary<List<Op>> ops() {
        Arbitrary<Op> seen = Arbitraries.longs().between(1, 200).map(o -> new Op(0, o));
        Arbitrary<Op> expire = Arbitraries.longs().between(0, 6 * S).map(d -> new Op(1, d));
        Arbitrary<Op> all = Arbitraries.just(new Op(2, 0));
        return Arbitraries.frequencyOf(Tuple.of(20, seen), Tuple.of(4, expire), Tuple.of(1, all)).list().ofMaxSize(300);
    }

    @Property(tries = 500)
    void theWatermarkNeverPassesAnOrderingNeitherReadNorGivenUp(@ForAll("ops") List<Op> ops) {
        OrderingGaps g = new OrderingGaps(0);
        Set<Long> read = new HashSet<>();
        Set<Long> givenUp = new HashSet<>();
        java.util.Map<Long, Long> firstMissed = new java.util.HashMap<>(); // the model's holes
        long now = 0;
        long max = 0;
        long watermark = 0;
        for (Op op : ops) {
            switch (op.kind()) {
                case 0 -> {
                    long o = op.value();
                    for (long k = max + 1; k < o; k++) {
                        firstMissed.put(k, now);
                    }
                    firstMissed.remove(o);
                    max = Math.max(max, o);
                    g.seen(o, now);
                    read.add(o);
                }
                case 1 -> {
                    now += op.value();
                    long t = now;
                    Set<Long> due = new HashSet<>();
                    firstMissed.forEach((k, at) -> {
                        if (t - at >= TIMEOUT) {
                            due.add(k);
                        }
                    });
                    assertEquals(due.size(), g.expire(now, TIMEOUT, Long.MAX_VALUE),
                            "exactly the holes as old as the timeout");
                    due.forEach(firstMissed::remove);
                    givenUp.addAll(due);
                }
                default -> {
                    assertEquals(firstMissed.size(), g.giveUpAll());
                    givenUp.addAll(firstMissed.keySet());
                    firstMissed.clear();
                }
            }
            assertEquals(max, g.maxSeen());
            assertEquals(new java.util.TreeSet<>(firstMissed.keySet()), new java.util.TreeSet<>(g.holes(Integer.MAX_VALUE)));
            assertEquals(givenUp.size(), g.givenUp());
            assertTrue(g.watermark() >= watermark, "the watermark never goes back");
            watermark = g.watermark();
            for (long o = 1; o <= watermark; o++) {
                assertTrue(read.contains(o) || givenUp.contains(o), "passed " + o + ", neither read nor given up");
            }
            assertTrue(watermark == max || firstMissed.containsKey(watermark + 1), "stops only at a hole");
        }
    }
}
