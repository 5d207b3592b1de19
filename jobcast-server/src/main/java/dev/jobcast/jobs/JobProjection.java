package dev.jobcast.jobs;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.LongSupplier;
import org.apache.pekko.Done;
import org.apache.pekko.actor.Cancellable;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.serialization.SerializationExtension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Feeds the read side from the journal table, in its ordering, in batches: each poll reads
 * up to {@value #BATCH} rows after the last one seen (and the holes still open, see
 * {@link OrderingGaps}), and applies them in one transaction that also moves the offset.
 * {@link #catchUp} runs to the journal's current end; {@link #start} then follows it, polling
 * again at once after a full batch, every {@code interval} otherwise, and after a failure
 * starting over from the stored offset with a backoff. Polls never overlap.
 */
public final class JobProjection {
    private static final Logger LOG = LoggerFactory.getLogger(JobProjection.class);
    static final int BATCH = 1000;
    /** Holes looked for again per poll, at most. */
    static final int HOLES_PER_POLL = 1000;
    private static final Duration INTERVAL = Duration.ofMillis(100);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(10);
    /**
     * How long a hole in the ordering waits for its row: a journal write commits in well under
     * this, so a row not there by then belongs to a transaction that never committed.
     */
    static final Duration HOLE_TIMEOUT = Duration.ofSeconds(10);

    private final ActorSystem<?> system;
    private final JobReadSide readSide;
    private final JournalReader reader;
    private final Executor executor;
    private final LongSupplier nanos;
    // The fields below are only touched by one poll at a time (each poll is scheduled by the last).
    private OrderingGaps gaps;
    private boolean running;
    private Cancellable next;
    private Duration backoff = INTERVAL;

    public JobProjection(ActorSystem<?> system, JobReadSide readSide) {
        this(system, readSide, System::nanoTime);
    }

    /** With the clock that ages holes ({@code nanoTime}-like), for tests of the hole timeout. */
    JobProjection(ActorSystem<?> system, JobReadSide readSide, LongSupplier nanos) {
        this.system = system;
        this.readSide = readSide;
        this.nanos = nanos;
        this.reader = new JournalReader(SerializationExtension.get(system));
        this.executor = system.dispatchers().lookup(DispatcherSelector.fromConfig("jobcast.blocking-dispatcher"));
    }

    /**
     * Applies everything the journal holds now. Meant for start-up, when nothing is being
     * written: a hole found then will never fill, and is given up at once.
     */
    public CompletionStage<Done> catchUp() {
        return readSide.transaction(c -> {
            OrderingGaps g = new OrderingGaps(readSide.offset(c));
            int read;
            do {
                read = poll(c, g, true);
            } while (read == BATCH);
            synchronized (this) {
                gaps = g;
            }
            return Done.getInstance();
        });
    }

    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        schedule(Duration.ZERO);
    }

    public synchronized void stop() {
        running = false;
        if (next != null) {
            next.cancel();
            next = null;
        }
    }

    private synchronized void schedule(Duration delay) {
        if (running) {
            next = system.scheduler().scheduleOnce(delay, this::pollOnce, system.executionContext());
        }
    }

    /**
     * One poll of the live projection: the next batch and the holes filled since, holes given
     * up once old enough. Returns the rows read after the last seen. Never while {@link #start}ed.
     */
    CompletionStage<Integer> pollNow() {
        return readSide.transaction(c -> {
            OrderingGaps g;
            synchronized (this) {
                if (gaps == null) {
                    gaps = new OrderingGaps(readSide.offset(c));
                }
                g = gaps;
            }
            return poll(c, g, false);
        });
    }

    private void pollOnce() {
        CompletionStage<Integer> done;
        try {
            done = pollNow();
        } catch (RuntimeException e) {
            done = CompletableFuture.failedFuture(e);
        }
        done.whenCompleteAsync((read, failure) -> {
            if (failure != null) {
                LOG.warn("read side projection failed, retrying in {} ms: {}", backoff.toMillis(), failure.toString());
                synchronized (this) {
                    gaps = null; // start over from the stored offset: what was applied is skipped
                }
                Duration wait = backoff;
                backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
                schedule(wait);
                return;
            }
            backoff = INTERVAL;
            schedule(read == BATCH ? Duration.ZERO : INTERVAL);
        }, executor);
    }

    /**
     * One batch, in the caller's transaction: the rows after the last seen and the holes
     * filled since, applied, and the offset moved to the new watermark. Returns the rows read
     * after the last seen (a full batch means there may be more).
     */
    private int poll(java.sql.Connection c, OrderingGaps g, boolean startup) throws java.sql.SQLException {
        List<Long> holes = g.holes(HOLES_PER_POLL);
        JournalReader.Batch filled = reader.at(c, holes);
        JournalReader.Batch fresh = reader.after(c, g.maxSeen(), BATCH);
        long now = nanos.getAsLong();
        filled.orderings().forEach(o -> g.seen(o, now));
        fresh.orderings().forEach(o -> g.seen(o, now));
        // Only holes this poll looked for may be given up (a poll looks for the lowest few).
        long lookedFor = holes.isEmpty() ? Long.MIN_VALUE : holes.get(holes.size() - 1);
        int gaveUp = startup ? g.giveUpAll() : g.expire(now, HOLE_TIMEOUT.toNanos(), lookedFor);
        if (gaveUp > 0) {
            LOG.debug("journal orderings never used (rolled back or skipped): {} given up", gaveUp);
        }
        List<JobReadSide.Envelope> batch = new java.util.ArrayList<>(filled.envelopes().size() + fresh.envelopes().size());
        batch.addAll(filled.envelopes());
        batch.addAll(fresh.envelopes());
        batch.sort(java.util.Comparator.comparingLong(JobReadSide.Envelope::ordering));
        if (!batch.isEmpty() || g.moved()) {
            long watermark = g.watermark();
            readSide.apply(c, batch, watermark, reader::ofJob);
            g.stored(watermark);
        }
        return fresh.orderings().size();
    }
}
