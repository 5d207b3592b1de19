// The watchers of a `bench jobs` run: W Socket.IO connections per job, joined, checked and timed.
package dev.jobcast.bench.jobs;

import dev.jobcast.bench.ThreadRecorders;
import dev.jobcast.bench.WallClock;
import dev.jobcast.bench.WsConnection;
import dev.jobcast.bench.WsConnector;
import java.net.URI;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;

/**
 * Every watcher its own WebSocket, opened with a bounded number of handshakes under way,
 * each a {@link WatchSession} on its job. They read as soon as bytes arrive (the NIO
 * connector's selector threads), as a browser does. Counts joins, failures and drops, counts
 * the progress updates that arrive in the measured window, and times each progress update
 * from the due time in its message to its arrival, for the reports due in the window.
 */
final class Watchers implements AutoCloseable {
    private static final int MAX_REASONS = 32;

    private final WsConnector connector;
    private final URI target;
    private final String connectFrame;
    private final long[] jobIds;
    private final int perJob;
    private final Client[] clients;
    private final LongAdder joined = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final LongAdder dropped = new LongAdder();
    private final LongAdder deliveries = new LongAdder();
    private final LongAdder measuredDeliveries = new LongAdder();
    private final Map<String, LongAdder> reasons = new ConcurrentHashMap<>();
    private final ThreadRecorders latency = new ThreadRecorders();
    private volatile long measuredFromMicros = Long.MAX_VALUE;
    private volatile long measuredToMicros = Long.MIN_VALUE;

    /** @param target the Engine.IO WebSocket URI */
    Watchers(WsConnector connector, URI target, String userToken, long[] jobIds, int perJob) {
        this.connector = connector;
        this.target = target;
        this.connectFrame = WatchSession.connectFrame(userToken);
        this.jobIds = jobIds.clone();
        this.perJob = perJob;
        this.clients = new Client[jobIds.length * perJob];
    }

    /** Opens every watcher, at most {@code inFlight} handshakes and joins at once; waits until each joined or failed. */
    void open(int inFlight, long timeoutMillis) throws InterruptedException {
        Semaphore permits = new Semaphore(inFlight);
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        for (int i = 0; i < clients.length; i++) {
            if (!permits.tryAcquire(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                break;
            }
            Client c = new Client(jobIds[i / perJob], permits);
            clients[i] = c;
            connector.connect(target, c).whenComplete((conn, error) -> {
                if (error != null) {
                    c.onClosed(null, "connect failed: " + root(error));
                } else {
                    c.connection = conn;
                }
            });
        }
        while (joined.sum() + failed.sum() < clients.length && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
    }

    /** The measured window, [from, to) in epoch us: updates arriving in it count, reports due in it are timed. */
    void measure(long fromMicros, long toMicros) {
        measuredToMicros = toMicros;
        measuredFromMicros = fromMicros;
    }

    /** Waits until every watcher of a job whose completion was accepted saw it, or the deadline passed. */
    void awaitTerminal(boolean[] completed, long deadlineNanos) throws InterruptedException {
        while (missingTerminal(completed) > 0 && System.nanoTime() - deadlineNanos < 0) {
            Thread.sleep(10);
        }
    }

    /** Watchers of jobs whose completion was accepted that have not seen the completed update. */
    long missingTerminal(boolean[] completed) {
        long missing = 0;
        for (int i = 0; i < clients.length; i++) {
            if (completed[i / perJob] && (clients[i] == null || !clients[i].sawTerminal())) {
                missing++;
            }
        }
        return missing;
    }

    long orderViolations() {
        long n = 0;
        for (Client c : clients) {
            if (c != null) {
                n += c.orderViolations();
            }
        }
        return n;
    }

    int count() {
        return clients.length;
    }

    long joined() {
        return joined.sum();
    }

    /** Watchers that never joined (refused, failed, or not even started before the timeout). */
    long notJoined() {
        return clients.length - joined.sum();
    }

    /** Watchers that joined and were disconnected later. */
    long dropped() {
        return dropped.sum();
    }

    long deliveries() {
        return deliveries.sum();
    }

    long measuredDeliveries() {
        return measuredDeliveries.sum();
    }

    Histogram latency() {
        return latency.merged();
    }

    Map<String, Long> failureReasons() {
        Map<String, Long> out = new TreeMap<>();
        reasons.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }

    @Override
    public void close() {
        for (Client c : clients) {
            if (c != null && c.connection != null) {
                c.connection.close();
            }
        }
    }

    private static String root(Throwable t) {
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
    }

    private void countReason(String why) {
        String key = why.length() > 120 ? why.substring(0, 120) : why;
        if (!reasons.containsKey(key) && reasons.size() >= MAX_REASONS) {
            key = "(other reasons)";
        }
        reasons.computeIfAbsent(key, k -> new LongAdder()).increment();
    }

    /** One watcher: its WebSocket and its session, which it feeds. */
    private final class Client implements WsConnection.Handler, WatchSession.Events {
        final WatchSession session;
        private final Semaphore permits;
        volatile WsConnection connection;
        private boolean settled;
        private boolean wasJoined;

        Client(long jobId, Semaphore permits) {
            this.session = new WatchSession(connectFrame, jobId, this, WallClock::micros);
            this.permits = permits;
        }

        // Synchronized: a close from this side may come on another thread than the frames.
        @Override
        public synchronized void onText(WsConnection c, String text) {
            connection = c;
            session.onText(text, c::send);
        }

        @Override
        public synchronized void onClosed(WsConnection c, String why) {
            session.failed(why);
        }

        synchronized boolean sawTerminal() {
            return session.sawTerminal();
        }

        synchronized long orderViolations() {
            return session.orderViolations();
        }

        @Override
        public void joined(WatchSession s) {
            wasJoined = true;
            settle();
            joined.increment();
        }

        @Override
        public void progress(WatchSession s, long dueMicros, long receivedMicros) {
            deliveries.increment();
            if (receivedMicros >= measuredFromMicros && receivedMicros < measuredToMicros) {
                measuredDeliveries.increment();
            }
            if (dueMicros >= measuredFromMicros && dueMicros < measuredToMicros) {
                latency.record(Math.max(0, receivedMicros - dueMicros), receivedMicros);
            }
        }

        @Override
        public void terminal(WatchSession s) {
            // Read back through sawTerminal().
        }

        @Override
        public void failed(WatchSession s, String why) {
            boolean afterJoin = wasJoined;
            settle();
            if (afterJoin) {
                dropped.increment();
            } else {
                failed.increment();
            }
            countReason(why);
        }

        private void settle() {
            if (!settled) {
                settled = true;
                permits.release();
            }
        }
    }
}
