package dev.jobcast.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class PacerTest {
    private static final long MS = 1_000_000;

    @Test
    void spreadsUpdatesEvenlyFromOneIntervalAfterTheStart() {
        Pacer p = new Pacer(100, 2);
        assertEquals(200, p.total());
        assertEquals(0, p.due(0));
        assertEquals(0, p.due(9 * MS));
        assertEquals(1, p.due(10 * MS));
        assertEquals(50, p.due(500 * MS));
    }

    @Test
    void aStalledCallerGetsEverythingThatFellDueMeanwhile() {
        Pacer p = new Pacer(1000, 10);
        assertEquals(1, p.due(MS));
        assertEquals(250, p.due(250 * MS));
    }

    @Test
    void neverMoreThanTheTotal() {
        Pacer p = new Pacer(20, 1);
        assertEquals(20, p.due(1000 * MS));
        assertEquals(20, p.due(3_600_000 * MS));
    }

    @Test
    void fractionalRates() {
        Pacer p = new Pacer(0.5, 10);
        assertEquals(5, p.total());
        assertEquals(0, p.due(1999 * MS));
        assertEquals(1, p.due(2000 * MS));
    }

    @Test
    void refusesNonsense() {
        assertThrows(IllegalArgumentException.class, () -> new Pacer(0, 1));
        assertThrows(IllegalArgumentException.class, () -> new Pacer(1, -1));
        assertThrows(IllegalArgumentException.class, () -> new Pacer(Double.NaN, 1));
        assertThrows(IllegalArgumentException.class, () -> new Pacer(Double.POSITIVE_INFINITY, 1));
    }
}
