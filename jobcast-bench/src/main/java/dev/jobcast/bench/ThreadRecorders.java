package dev.jobcast.bench;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.HdrHistogram.Histogram;

/**
 * Latency recording from many threads without a shared hot spot: each thread records into
 * its own histogram (under its own, uncontended lock), and readers add them up. One
 * histogram per thread that ever recorded: as many as the generator's fixed pools have.
 */
public final class ThreadRecorders {

    private static final class Recorder {
        final Histogram histogram = new Histogram(3);
        long lastAtMicros;
    }

    private final List<Recorder> all = new CopyOnWriteArrayList<>();
    private final ThreadLocal<Recorder> mine = ThreadLocal.withInitial(() -> {
        Recorder r = new Recorder();
        all.add(r);
        return r;
    });

    /** Records {@code value}, observed at {@code atMicros} (wall clock). */
    public void record(long value, long atMicros) {
        Recorder r = mine.get();
        synchronized (r) {
            r.histogram.recordValue(value);
            r.lastAtMicros = Math.max(r.lastAtMicros, atMicros);
        }
    }

    /** Everything recorded so far, in one histogram. */
    public Histogram merged() {
        Histogram sum = new Histogram(3);
        for (Recorder r : all) {
            synchronized (r) {
                sum.add(r.histogram);
            }
        }
        return sum;
    }

    public long count() {
        long n = 0;
        for (Recorder r : all) {
            synchronized (r) {
                n += r.histogram.getTotalCount();
            }
        }
        return n;
    }

    /** When the latest value was observed (wall clock, us), or 0. */
    long lastAtMicros() {
        long last = 0;
        for (Recorder r : all) {
            synchronized (r) {
                last = Math.max(last, r.lastAtMicros);
            }
        }
        return last;
    }
}
