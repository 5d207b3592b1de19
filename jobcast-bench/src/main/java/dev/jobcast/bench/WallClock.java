package dev.jobcast.bench;

import java.time.Clock;
import java.time.Instant;

/**
 * Wall-clock time in microseconds since the epoch. Latency is measured across processes
 * (sent at ts by the server, received here), so both sides must read the same clock, the
 * system's real-time one; on Linux it has microsecond resolution.
 */
public final class WallClock {
    private static final Clock UTC = Clock.systemUTC();

    private WallClock() {
    }

    public static long micros() {
        Instant now = UTC.instant();
        return now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
    }
}
