package dev.jobcast.bench;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The publish runs of the bench target, one at a time: every millisecond a tick on its own
 * thread sends what the {@link Pacer} says is due to each room, so the pace does not depend
 * on the actor system's scheduler (10 ms ticks by default) or on how busy it is. Where an
 * update goes is the {@link Sink}'s business: a room broadcast, or a job's progress report.
 */
final class Publisher {

    /** Sends the updates of one run. */
    interface Sink {
        /**
         * Sends update {@code seq} to room {@code room} (0-based); false when it cannot be
         * taken now (the run then waits, and catches up on the next tick).
         */
        boolean send(int room, long seq);
    }

    /** The figures of /stats. Times are epoch milliseconds, 0 when not yet. */
    record Status(boolean publishing, long published, long startedAt, long endedAt) {
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
    private final AtomicLong published = new AtomicLong();
    // Guards the fields below; ticks and requests meet only here.
    private final Object lock = new Object();
    private ScheduledFuture<?> running;
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
            Run run = new Run(request);
            // Both clocks after the setup, which can take milliseconds the first time.
            run.startNanos = System.nanoTime();
            startedAt = System.currentTimeMillis();
            endedAt = 0;
            running = ticker.scheduleAtFixedRate(run::tick, 0, TICK_MICROS, TimeUnit.MICROSECONDS);
            return startedAt;
        }
    }

    Status status() {
        synchronized (lock) {
            return new Status(running != null, published.get(), startedAt, endedAt);
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

    /** One run's state; touched only by the ticker thread. */
    private final class Run {
        private final Sink sink;
        private final int rooms;
        private final Pacer pacer;
        private long startNanos;
        private long sent;
        // Rooms that already have update sent + 1 (a sink that said "not now" resumes there).
        private int nextRoom;

        Run(Request request) {
            this.sink = sinks.apply(request);
            this.rooms = request.rooms();
            this.pacer = new Pacer(request.rate(), request.seconds());
        }

        void tick() {
            try {
                long due = pacer.due(System.nanoTime() - startNanos);
                // Seq-major: every room gets update n before any room gets n+1.
                while (sent < due) {
                    while (nextRoom < rooms) {
                        if (!sink.send(nextRoom, sent + 1)) {
                            return;
                        }
                        nextRoom++;
                        published.incrementAndGet();
                    }
                    nextRoom = 0;
                    sent++;
                }
                if (sent >= pacer.total()) {
                    finished();
                }
            } catch (RuntimeException e) {
                // An exception would silently cancel the periodic task and leave the run "publishing".
                finished();
                throw e;
            }
        }
    }
}
