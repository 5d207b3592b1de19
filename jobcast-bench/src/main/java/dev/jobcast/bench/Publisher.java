package dev.jobcast.bench;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The publish runs of the bench target, one at a time: every millisecond a tick on its own
 * thread sends what the {@link Pacer} says is due, so the pace does not depend on the actor
 * system's scheduler (10 ms ticks by default) or on how busy it is. Each room has its own
 * phase in the interval, so K rooms at R/s get a broadcast every 1/(K*R) s rather than K
 * broadcasts at once every 1/R s. Where an update goes is the {@link Sink}'s business: a
 * room broadcast, or a job's progress report.
 */
final class Publisher {

    /** Sends the updates of one run. */
    interface Sink {
        /**
         * Sends update {@code seq} to room {@code room} (0-based); false when it cannot be
         * taken now (the run then waits, and resumes with this same update on the next tick).
         */
        boolean send(int room, long seq);
    }

    /**
     * The figures of /stats, of the current run (or the last one, once it ended; all 0
     * before the first). {@code published} counts its broadcasts (room x update);
     * {@code publishedPerRoom} is the number of updates every room has had so far, the
     * lowest count of any room: the broadcasts go out in order of due time, so the rooms'
     * counts differ by at most one. Times are epoch milliseconds, 0 when not yet.
     */
    record Status(boolean publishing, long published, long publishedPerRoom, long startedAt, long endedAt) {
    }

    /** A publish request: {@code rooms} rooms named prefix0..prefix(rooms-1). */
    record Request(int rooms, String prefix, double rate, double seconds) {
        static final int MAX_ROOMS = 100_000;
        static final double MAX_RATE = 100_000;
        static final double MAX_SECONDS = 3_600;
        static final int MAX_PREFIX = 64;
        // Broadcasts per second over all rooms: beyond this the registry's mailbox, not the
        // server, would be what a run measures.
        static final double MAX_BROADCASTS_PER_SECOND = 1_000_000;

        /** @return why the request is refused, or null when it is fine */
        String problem() {
            if (rooms < 1 || rooms > MAX_ROOMS) {
                return "rooms must be 1.." + MAX_ROOMS;
            }
            if (prefix == null || prefix.isEmpty() || prefix.length() > MAX_PREFIX) {
                return "prefix must be 1.." + MAX_PREFIX + " characters";
            }
            if (!(rate > 0) || rate > MAX_RATE) {
                return "rate must be > 0 and <= " + (long) MAX_RATE;
            }
            if (!(seconds > 0) || seconds > MAX_SECONDS) {
                return "duration must be > 0 and <= " + (long) MAX_SECONDS + " seconds";
            }
            if (rooms * rate > MAX_BROADCASTS_PER_SECOND) {
                return "rooms x rate must be <= " + (long) MAX_BROADCASTS_PER_SECOND + " broadcasts per second";
            }
            return null;
        }
    }

    private static final long TICK_MICROS = 1_000;

    private final java.util.function.Function<Request, Sink> sinks;
    private final ScheduledExecutorService ticker;
    // Guards the fields below; ticks and requests meet only here.
    private final Object lock = new Object();
    private ScheduledFuture<?> running;
    // The current run, or the last one; null before the first.
    private Run run;
    private long startedAt;
    private long endedAt;

    /** @param sinks the sink of each run, made when it starts */
    Publisher(java.util.function.Function<Request, Sink> sinks, ScheduledExecutorService ticker) {
        this.sinks = sinks;
        this.ticker = ticker;
    }

    /** Starts a run; returns its start time (epoch ms), or -1 while another one runs. */
    long start(Request request) {
        synchronized (lock) {
            if (running != null) {
                return -1;
            }
            Run next = new Run(sinks.apply(request), new Pacer(request.rooms(), request.rate(), request.seconds()));
            // Both clocks after the setup, which can take milliseconds the first time.
            long startNanos = System.nanoTime();
            startedAt = System.currentTimeMillis();
            endedAt = 0;
            run = next;
            running = ticker.scheduleAtFixedRate(() -> tick(next, startNanos), 0, TICK_MICROS, TimeUnit.MICROSECONDS);
            return startedAt;
        }
    }

    Status status() {
        synchronized (lock) {
            return run == null ? new Status(false, 0, 0, 0, 0)
                    : new Status(running != null, run.sent(), run.sentToEveryRoom(), startedAt, endedAt);
        }
    }

    private void tick(Run current, long startNanos) {
        try {
            if (current.advance(System.nanoTime() - startNanos)) {
                finished();
            }
        } catch (RuntimeException e) {
            // An exception would silently cancel the periodic task and leave the run "publishing".
            finished();
            throw e;
        }
    }

    private void finished() {
        synchronized (lock) {
            if (running != null) {
                running.cancel(false);
                running = null;
            }
            endedAt = System.currentTimeMillis();
        }
    }

    /**
     * One run's way through its {@link Pacer}'s schedule, with the time passed in. Advanced
     * by one thread at a time; {@link #sent()} may be read by any.
     */
    static final class Run {
        private final Sink sink;
        private final Pacer pacer;
        // Broadcasts sent: the next one to send is broadcast number `sent` of the schedule.
        private volatile long sent;

        Run(Sink sink, Pacer pacer) {
            this.sink = sink;
            this.pacer = pacer;
        }

        /**
         * Sends, in order, every broadcast due {@code elapsedNanos} after the start and not
         * sent yet, until the sink says "not now": the next call starts again with the one it
         * refused, so nothing is skipped or sent twice.
         *
         * @return true once every broadcast of the run is sent
         */
        boolean advance(long elapsedNanos) {
            long due = pacer.due(elapsedNanos);
            long next = sent;
            while (next < due) {
                if (!sink.send(pacer.room(next), pacer.seq(next))) {
                    break;
                }
                sent = ++next;
            }
            return next >= pacer.broadcasts();
        }

        /** Broadcasts sent so far (room x update). */
        long sent() {
            return sent;
        }

        /** Updates every room has had so far: the lowest count of any room. */
        long sentToEveryRoom() {
            return sent / pacer.rooms();
        }
    }
}
