package dev.jobcast.socketio;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The inbound token bucket, driven by explicit times (no clocks, no sleeping). */
class RateLimiterTest {
    private static final long MS = 1_000_000L;
    private static final long SECOND = 1_000 * MS;

    @Test
    void theBurstIsAvailableAtOnceThenNothing() {
        RateLimiter limiter = new RateLimiter(10, 3, 0);
        assertTrue(limiter.tryAcquire(0));
        assertTrue(limiter.tryAcquire(0));
        assertTrue(limiter.tryAcquire(0));
        assertFalse(limiter.tryAcquire(0));
    }

    @Test
    void tokensComeBackAtTheConfiguredRate() {
        RateLimiter limiter = new RateLimiter(10, 1, 0);
        assertTrue(limiter.tryAcquire(0));
        assertFalse(limiter.tryAcquire(90 * MS));
        assertTrue(limiter.tryAcquire(101 * MS));
        assertFalse(limiter.tryAcquire(101 * MS));
    }

    @Test
    void aRefusalCostsNothing() {
        RateLimiter limiter = new RateLimiter(10, 1, 0);
        assertTrue(limiter.tryAcquire(0));
        for (long t = 10; t < 100; t += 10) {
            assertFalse(limiter.tryAcquire(t * MS - 1));
        }
        assertTrue(limiter.tryAcquire(100 * MS + 1));
    }

    @Test
    void idleTimeNeverBuysMoreThanTheBurst() {
        RateLimiter limiter = new RateLimiter(1000, 2, 0);
        long later = 3600 * SECOND;
        assertTrue(limiter.tryAcquire(later));
        assertTrue(limiter.tryAcquire(later));
        assertFalse(limiter.tryAcquire(later));
    }

    @Test
    void fractionalRatesWork() {
        RateLimiter limiter = new RateLimiter(0.5, 1, 0);
        assertTrue(limiter.tryAcquire(0));
        assertFalse(limiter.tryAcquire(1900 * MS));
        assertTrue(limiter.tryAcquire(2100 * MS));
    }

    @Test
    void aSustainedFloodGetsTheRatePlusTheBurst() {
        RateLimiter limiter = new RateLimiter(100, 20, 0);
        int granted = 0;
        for (long t = 0; t <= 10 * SECOND; t += MS / 4) {
            if (limiter.tryAcquire(t)) {
                granted++;
            }
        }
        // 20 at once, then 100 per second for 10 seconds (+/- one for rounding)
        assertTrue(Math.abs(granted - 1020) <= 1, "granted " + granted);
    }

    @Test
    void worksWithNegativeNanoTimes() {
        // System.nanoTime() may be negative; only differences count.
        long start = -5 * SECOND;
        RateLimiter limiter = new RateLimiter(1, 1, start);
        assertTrue(limiter.tryAcquire(start));
        assertFalse(limiter.tryAcquire(start + 500 * MS));
        assertTrue(limiter.tryAcquire(start + 1001 * MS));
        assertFalse(limiter.tryAcquire(start + 1001 * MS));
    }
}
