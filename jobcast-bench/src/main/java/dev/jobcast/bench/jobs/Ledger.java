// The generator's record of every report of a `bench jobs` run: its outcome, counts and latency.
package dev.jobcast.bench.jobs;

import dev.jobcast.bench.ThreadRecorders;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;

/**
 * What became of each report, written by the ingest paths from their threads: the outcome
 * of every report (for the journal check), counts of accepted, refused and failed reports
 * with the reasons, and the report latency: from the report's due time to its answer, so
 * time a due report waited in the generator (for a connection, a batch, room in flight)
 * counts too. Latency is of the reports due in the measured window; the accepted rate is of
 * the answers that came in it (what the server got through then, whatever the backlog); the
 * counts are of progress reports (a complete report's outcome is kept per job, and why one
 * was refused or failed is among the reasons).
 */
final class Ledger {
    static final byte NOT_SENT = 0;
    /** Sent, and no answer (yet, or ever: a transport failure): it may or may not be persisted. */
    static final byte UNANSWERED = 1;
    static final byte ACCEPTED = 2;
    static final byte REFUSED = 3;

    // Distinct reasons kept; the rest are counted under one key, so the map is bounded.
    private static final int MAX_REASONS = 32;

    private final ReportSchedule schedule;
    private final long startNanos;
    private final byte[][] progress;
    private final byte[] complete;
    private final LongAdder accepted = new LongAdder();
    private final LongAdder acceptedMeasured = new LongAdder();
    private final LongAdder refused = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final AtomicLong answered = new AtomicLong();
    private final Map<String, LongAdder> reasons = new ConcurrentHashMap<>();
    private final ThreadRecorders latency = new ThreadRecorders();

    /** @param startNanos the start of the run (System.nanoTime), which due times count from */
    Ledger(ReportSchedule schedule, long startNanos) {
        this.schedule = schedule;
        this.startNanos = startNanos;
        this.progress = new byte[schedule.jobs()][(int) schedule.perJob()];
        this.complete = new byte[schedule.jobs()];
    }

    long startNanos() {
        return startNanos;
    }

    /** The item goes out now. */
    void sending(Due.Item item) {
        set(item, UNANSWERED);
    }

    void accepted(Due.Item item, long answeredNanos) {
        set(item, ACCEPTED);
        if (!item.complete()) {
            accepted.increment();
            if (schedule.measured(answeredNanos - startNanos)) {
                acceptedMeasured.increment();
            }
        }
        if (!item.complete() && schedule.measured(item.dueNanos())) {
            long micros = Math.max(0, answeredNanos - startNanos - item.dueNanos()) / 1_000;
            latency.record(micros, 0);
        }
        answered.incrementAndGet();
    }

    /** The server answered no, with this error code. */
    void refused(Due.Item item, String code) {
        set(item, REFUSED);
        if (!item.complete()) {
            refused.increment();
        }
        count(item.complete() ? "complete: " + code : code);
        answered.incrementAndGet();
    }

    /** No usable answer came (a transport failure, a timeout, an answer that does not fit). */
    void failed(Due.Item item, String why) {
        set(item, UNANSWERED);
        if (!item.complete()) {
            failed.increment();
        }
        count(item.complete() ? "complete: " + why : why);
        answered.incrementAndGet();
    }

    private void set(Due.Item item, byte outcome) {
        if (item.complete()) {
            complete[item.job()] = outcome;
        } else {
            progress[item.job()][(int) item.k()] = outcome;
        }
    }

    private void count(String why) {
        String key = why.length() > 120 ? why.substring(0, 120) : why;
        if (!reasons.containsKey(key) && reasons.size() >= MAX_REASONS) {
            key = "(other reasons)";
        }
        reasons.computeIfAbsent(key, x -> new LongAdder()).increment();
    }

    /** Reports answered (accepted, refused or failed) so far, complete reports included. */
    long answered() {
        return answered.get();
    }

    /** Waits until {@code count} reports have been answered, or the deadline (System.nanoTime) passed. */
    boolean awaitAnswered(long count, long deadlineNanos) throws InterruptedException {
        while (answered.get() < count) {
            if (System.nanoTime() - deadlineNanos >= 0) {
                return false;
            }
            TimeUnit.MILLISECONDS.sleep(5);
        }
        return true;
    }

    /** Progress reports accepted (so are the next three: of progress reports). */
    long accepted() {
        return accepted.sum();
    }

    long acceptedMeasured() {
        return acceptedMeasured.sum();
    }

    long refused() {
        return refused.sum();
    }

    long failed() {
        return failed.sum();
    }

    Map<String, Long> reasons() {
        Map<String, Long> out = new TreeMap<>();
        reasons.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }

    Histogram latency() {
        return latency.merged();
    }

    /** The outcomes of job {@code job}'s progress reports; read once the run is over. */
    byte[] progressOutcomes(int job) {
        return progress[job];
    }

    byte completeOutcome(int job) {
        return complete[job];
    }
}
