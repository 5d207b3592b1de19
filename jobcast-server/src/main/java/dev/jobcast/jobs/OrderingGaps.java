package dev.jobcast.jobs;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where the projection stands in the journal's ordering column. Orderings are handed out
 * when a row is inserted, not when its transaction commits, so a row may become visible
 * after rows with higher orderings: a hole in what has been read is either a write still
 * under way or one that will never come (a rolled-back transaction, numbers a crash
 * skipped). Holes are remembered with the time they were first seen; a hole still empty
 * after a while is given up. The watermark is the highest ordering below which nothing is
 * missing: the offset to resume from. Pure (time comes in), and bounded.
 */
final class OrderingGaps {
    /** Holes tracked at most; a jump past this many numbers is taken as numbers never used. */
    static final int MAX_TRACKED = 100_000;

    private final TreeMap<Long, Long> holes = new TreeMap<>();
    private long maxSeen;
    private long givenUp;
    private long stored;

    /** @param watermark the stored offset to resume from */
    OrderingGaps(long watermark) {
        this.maxSeen = watermark;
        this.stored = watermark;
    }

    /** True when the watermark moved since it was last {@link #stored}. */
    boolean moved() {
        return watermark() != stored;
    }

    /** The watermark is in the offset table now. */
    void stored(long watermark) {
        this.stored = watermark;
    }

    /** The highest ordering read so far. */
    long maxSeen() {
        return maxSeen;
    }

    /** Everything at or below it has been read or given up. */
    long watermark() {
        return holes.isEmpty() ? maxSeen : holes.firstKey() - 1;
    }

    /** Up to {@code limit} holes, lowest first: the orderings to look for again. */
    List<Long> holes(int limit) {
        List<Long> out = new ArrayList<>(Math.min(limit, holes.size()));
        for (Long o : holes.keySet()) {
            if (out.size() == limit) {
                break;
            }
            out.add(o);
        }
        return out;
    }

    int holeCount() {
        return holes.size();
    }

    /** Holes given up so far. */
    long givenUp() {
        return givenUp;
    }

    /** A row of this ordering has been read. */
    void seen(long ordering, long nowNanos) {
        if (ordering <= maxSeen) {
            holes.remove(ordering);
            return;
        }
        long skipped = ordering - maxSeen - 1;
        if (skipped > 0 && skipped + holes.size() <= MAX_TRACKED) {
            for (long o = maxSeen + 1; o < ordering; o++) {
                holes.put(o, nowNanos);
            }
        } else if (skipped > 0) {
            givenUp += skipped;
        }
        maxSeen = ordering;
    }

    /**
     * Gives up the holes at or below {@code upTo} first seen at least {@code timeoutNanos}
     * ago; returns how many. {@code upTo} is the highest hole just looked for: one above it
     * may have its row by now, and is only given up once a look has not found it.
     */
    int expire(long nowNanos, long timeoutNanos, long upTo) {
        int n = 0;
        Iterator<Map.Entry<Long, Long>> it = holes.headMap(upTo, true).entrySet().iterator();
        while (it.hasNext()) {
            if (nowNanos - it.next().getValue() >= timeoutNanos) {
                it.remove();
                n++;
            }
        }
        givenUp += n;
        return n;
    }

    /** Gives up every hole (nothing else writes: at start-up, say). */
    int giveUpAll() {
        int n = holes.size();
        holes.clear();
        givenUp += n;
        return n;
    }
}
