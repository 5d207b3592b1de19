package dev.jobcast.bench.peer;

import com.corundumstudio.socketio.BroadcastOperations;
import com.corundumstudio.socketio.SocketIOServer;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Publish runs of the fan-out contract, one at a time: a 1 ms tick on its own thread sends
 * every update that is due by then, so a late tick catches up instead of drifting. The
 * schedule is jobcast's (its Pacer): room k's update n is due (n-1)/rate + k/(rooms*rate)
 * seconds after the start, so the rooms' broadcasts are spread evenly over each interval.
 */
final class Publisher {

    /** A publish request: {@code rooms} rooms named prefix0..prefix(rooms-1). */
    record Request(int rooms, String prefix, double rate, double seconds) {
        // The same limits and messages as jobcast's bench-target, so a request is refused alike.
        static final int MAX_ROOMS = 100_000;
        static final double MAX_RATE = 100_000;
        static final double MAX_SECONDS = 3_600;
        static final int MAX_PREFIX = 64;
        static final double MAX_BROADCASTS_PER_SECOND = 1_000_000;

        /** @return why the request is refused, or null */
        String problem() {
            if (rooms < 1 || rooms > MAX_ROOMS) {
                return "rooms must be 1.." + MAX_ROOMS;
            }
            if (prefix.isEmpty() || prefix.length() > MAX_PREFIX) {
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

    /**
     * The figures of /stats, of the current run or the last one (0 before the first):
     * {@code published} counts its broadcasts (room x update), {@code publishedPerRoom} the
     * updates every room has had so far. Times in epoch ms, 0 when not yet.
     */
    record Status(boolean publishing, long published, long publishedPerRoom, long startedAt, long endedAt) {
    }

    private static final Clock UTC = Clock.systemUTC();

    private final SocketIOServer io;
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "publisher");
        t.setDaemon(true);
        return t;
    });
    // Guards the fields below.
    private final Object lock = new Object();
    private ScheduledFuture<?> running;
    // The current run, or the last one; null before the first.
    private Run run;
    private long startedAt;
    private long endedAt;

    Publisher(SocketIOServer io) {
        this.io = io;
    }

    /** Starts a run; returns its start time (epoch ms), or -1 while another one runs. */
    long start(Request request) {
        synchronized (lock) {
            if (running != null) {
                return -1;
            }
            run = new Run(request);
            // Both clocks read together, after the setup: the run's time starts here.
            run.startNanos = System.nanoTime();
            startedAt = System.currentTimeMillis();
            endedAt = 0;
            running = ticker.scheduleAtFixedRate(run::tick, 0, 1, TimeUnit.MILLISECONDS);
            return startedAt;
        }
    }

    Status status() {
        synchronized (lock) {
            if (run == null) {
                return new Status(false, 0, 0, 0, 0);
            }
            long sent = run.sent;
            return new Status(running != null, sent, sent / run.rooms.length, startedAt, endedAt);
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

    /** The same fields, values and size as jobcast's UpdatePayload. */
    static Map<String, Object> update(int jobId, long seq) {
        Instant now = UTC.instant();
        long micros = now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
        Map<String, Object> u = new LinkedHashMap<>();
        u.put("job_id", jobId);
        u.put("seq", seq);
        u.put("status", "running");
        u.put("progress", (int) (seq % 100));
        u.put("message", "Processing batch " + seq + " of the nightly import");
        // Wall-clock ms with three decimals, a plain JSON number (never exponent notation).
        u.put("ts", BigDecimal.valueOf(micros, 3));
        return u;
    }

    /** Real time (as ts is written, in µs) minus System.nanoTime(), in ms with six decimals. */
    static BigDecimal clockOffsetMillis() {
        Instant now = UTC.instant();
        long realMicros = now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
        long monotonicNanos = System.nanoTime();
        return BigDecimal.valueOf(realMicros * 1_000 - monotonicNanos, 6);
    }

    /** One run; advanced only by the ticker thread, its count read by /stats. */
    private final class Run {
        private final BroadcastOperations[] rooms;
        private final long broadcasts;
        // Broadcasts per second over all rooms.
        private final double perSecond;
        private long startNanos;
        // Broadcasts sent: in order of due time, broadcast i is update i/rooms + 1 to room i%rooms.
        private volatile long sent;

        Run(Request request) {
            rooms = new BroadcastOperations[request.rooms()];
            for (int k = 0; k < rooms.length; k++) {
                rooms[k] = io.getRoomOperations(request.prefix() + k);
            }
            long total = Math.round(request.rate() * request.seconds());
            broadcasts = total * rooms.length;
            perSecond = rooms.length * request.rate();
        }

        /** When broadcast i is due, in ns after the start: the same arithmetic as jobcast's Pacer.dueNanos. */
        private long dueNanos(long i) {
            return Math.round(i * 1e9 / perSecond);
        }

        void tick() {
            try {
                // Everything due by now, in order of due time.
                long elapsed = System.nanoTime() - startNanos;
                long next = sent;
                while (next < broadcasts && dueNanos(next) <= elapsed) {
                    int k = (int) (next % rooms.length);
                    rooms[k].sendEvent("update", update(k, next / rooms.length + 1));
                    sent = ++next;
                }
                if (next >= broadcasts) {
                    finished();
                }
            } catch (RuntimeException e) {
                // An exception would cancel the periodic task silently and leave it "publishing".
                finished();
                throw e;
            }
        }
    }
}
