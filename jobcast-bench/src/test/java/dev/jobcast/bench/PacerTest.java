package dev.jobcast.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The publish schedule as pure arithmetic: no clock, no thread. */
class PacerTest {
    private static final long MS = 1_000_000;

    @Test
    void fourRoomsAtTwoPerSecondGetABroadcastEvery125MsNotFourAtOnce() {
        Pacer p = new Pacer(4, 2, 10);
        // The first two intervals (1 s): room k's update n at (n-1)/2 + k/8 s.
        List<String> schedule = new ArrayList<>();
        for (long i = 0; i < 8; i++) {
            schedule.add(p.dueNanos(i) / MS + "ms r" + p.room(i) + " #" + p.seq(i));
        }
        assertEquals(List.of("0ms r0 #1", "125ms r1 #1", "250ms r2 #1", "375ms r3 #1",
                "500ms r0 #2", "625ms r1 #2", "750ms r2 #2", "875ms r3 #2"), schedule);
        for (long i = 0; i < 8; i++) {
            assertEquals(i * 125 * MS, p.dueNanos(i), "broadcast " + i);
        }
    }

    @Test
    void dueCountsTheBroadcastsWhoseTimeHasCome() {
        Pacer p = new Pacer(4, 2, 10);
        assertEquals(0, p.due(-1));
        assertEquals(1, p.due(0));
        assertEquals(1, p.due(125 * MS - 1));
        assertEquals(2, p.due(125 * MS));
        assertEquals(8, p.due(999 * MS));
        assertEquals(9, p.due(1000 * MS));
    }

    @Test
    void anyWindowOfOneSpacingHoldsAtMostOneBroadcastOverTheWholeRun() {
        // 3 rooms at 7/s: spacing 1/21 s, not a whole number of nanoseconds.
        Pacer p = new Pacer(3, 7, 5);
        double spacing = 1e9 / 21;
        for (long i = 1; i < p.broadcasts(); i++) {
            long gap = p.dueNanos(i) - p.dueNanos(i - 1);
            assertTrue(Math.abs(gap - spacing) <= 1, "gap before broadcast " + i + ": " + gap);
            assertEquals(i, p.due(p.dueNanos(i) - 1), "just before broadcast " + i);
            assertEquals(i + 1, p.due(p.dueNanos(i)), "at broadcast " + i);
        }
    }

    @Test
    void everyRoomGetsTheTotalInOrderOfSeq() {
        Pacer p = new Pacer(5, 3, 2.5);
        assertEquals(8, p.total(), "round(3 x 2.5)");
        assertEquals(40, p.broadcasts());
        long[] last = new long[5];
        for (long i = 0; i < p.broadcasts(); i++) {
            int room = p.room(i);
            assertEquals(last[room] + 1, p.seq(i), "room " + room);
            last[room] = p.seq(i);
        }
        for (long n : last) {
            assertEquals(8, n);
        }
        // The last broadcast, 39 of 40, is due at 39/15 s: one spacing before 8 updates at 3/s are up.
        assertEquals(2_600 * MS, p.dueNanos(39));
    }

    @Test
    void aStalledCallerGetsEverythingThatFellDueMeanwhile() {
        // 10 rooms at 100/s: a broadcast every millisecond, broadcast i due at i ms.
        Pacer p = new Pacer(10, 100, 10);
        assertEquals(1, p.due(0));
        assertEquals(251, p.due(250 * MS));
    }

    @Test
    void neverMoreThanTheTotal() {
        Pacer p = new Pacer(3, 20, 1);
        assertEquals(60, p.due(1000 * MS));
        assertEquals(60, p.due(3_600_000 * MS));
        assertEquals(60, p.due(Long.MAX_VALUE));
    }

    @Test
    void fractionalRates() {
        Pacer p = new Pacer(1, 0.5, 10);
        assertEquals(5, p.total());
        assertEquals(1, p.due(1999 * MS));
        assertEquals(2, p.due(2000 * MS));
        assertEquals(8000 * MS, p.dueNanos(4));
    }

    @Test
    void aRunTooShortForOneUpdateHasNone() {
        Pacer p = new Pacer(2, 0.1, 1);
        assertEquals(0, p.total());
        assertEquals(0, p.due(0));
        assertEquals(0, p.due(10_000 * MS));
    }

    @Test
    void refusesNonsense() {
        assertThrows(IllegalArgumentException.class, () -> new Pacer(0, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> new Pacer(1, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> new Pacer(1, 1, -1));
        assertThrows(IllegalArgumentException.class, () -> new Pacer(1, Double.NaN, 1));
        assertThrows(IllegalArgumentException.class, () -> new Pacer(1, Double.POSITIVE_INFINITY, 1));
    }
}
