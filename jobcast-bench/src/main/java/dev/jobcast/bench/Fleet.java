package dev.jobcast.bench;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.function.IntFunction;
import org.HdrHistogram.Histogram;

/**
 * The generator's connections: opened at a steady rate with a bounded number of handshakes
 * in flight, each a {@link SioSession}, counted as they become ready, fail or drop, with
 * their connect times and update latencies recorded per thread.
 */
final class Fleet implements AutoCloseable {

    /** How the connections are opened. */
    record Plan(List<URI> targets, int count, double connectRate, int maxInFlight, Duration readyTimeout) {
        Plan {
            targets = List.copyOf(targets);
            if (targets.isEmpty() || count < 1 || !(connectRate > 0) || maxInFlight < 1) {
                throw new IllegalArgumentException("a plan needs targets, count >= 1, rate > 0, in-flight >= 1");
            }
        }
    }

    /** The ramp's outcome: how many started, became ready or failed, and over how long. */
    record Ramp(int started, long ready, long failed, double seconds) {
        double connectRate() {
            return seconds > 0 ? ready / seconds : 0;
        }
    }

    // Distinct failure reasons kept; the rest are counted under one key, so the map is bounded.
    private static final int MAX_REASONS = 32;

    private final WsConnector connector;
    private final Plan plan;
    private final IntFunction<String> roomOf;
    private final Contract contract;
    private final Client[] clients;
    private final Semaphore inFlight;
    private final LongAdder ready = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final LongAdder dropped = new LongAdder();
    private final Map<String, LongAdder> reasons = new ConcurrentHashMap<>();
    private final ThreadRecorders connectTimes = new ThreadRecorders();
    private final ThreadRecorders latencies = new ThreadRecorders();
    private volatile int started;
    private volatile long lastReadyNanos;

    /** @param roomOf the room connection i joins, or null for connections that only connect */
    Fleet(WsConnector connector, Plan plan, IntFunction<String> roomOf) {
        this(connector, plan, roomOf, Contract.PLAIN);
    }

    /** @param contract what the clients say and hear */
    Fleet(WsConnector connector, Plan plan, IntFunction<String> roomOf, Contract contract) {
        this.contract = contract;
        this.connector = connector;
        this.plan = plan;
        this.roomOf = roomOf;
        this.clients = new Client[plan.count()];
        this.inFlight = new Semaphore(plan.maxInFlight());
    }

    /** Opens every connection at the planned rate, then waits until each is ready or failed. */
    Ramp ramp() throws InterruptedException {
        long t0 = System.nanoTime();
        for (int i = 0; i < clients.length; i++) {
            long due = t0 + (long) (i * 1e9 / plan.connectRate());
            for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
                LockSupport.parkNanos(wait);
            }
            if (!inFlight.tryAcquire(plan.readyTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
                // Handshakes stopped completing: the rest would only wait the same way.
                break;
            }
            Client c = new Client(roomOf == null ? null : roomOf.apply(i), System.nanoTime());
            clients[i] = c;
            started = i + 1;
            connector.connect(plan.targets().get(i % plan.targets().size()), c).whenComplete((conn, error) -> {
                if (error != null) {
                    c.onClosed(null, "connect failed: " + rootMessage(error));
                } else {
                    c.connection = conn;
                }
            });
        }
        long deadline = System.nanoTime() + plan.readyTimeout().toNanos();
        while (ready.sum() + failed.sum() < started && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        long end = ready.sum() > 0 ? lastReadyNanos : System.nanoTime();
        return new Ramp(started, ready.sum(), failed.sum() + (started - ready.sum() - failed.sum()),
                (end - t0) / 1e9);
    }

    private static String rootMessage(Throwable t) {
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
    }

    int started() {
        return started;
    }

    long ready() {
        return ready.sum();
    }

    long failed() {
        return failed.sum();
    }

    /** Connections that were ready and went away later. */
    long dropped() {
        return dropped.sum();
    }

    Map<String, Long> failureReasons() {
        Map<String, Long> out = new TreeMap<>();
        reasons.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }

    /** Time from starting a connection to its session being ready, in us. */
    Histogram connectTimes() {
        return connectTimes.merged();
    }

    /** Update latencies (receive time - ts), in us. */
    ThreadRecorders latencies() {
        return latencies;
    }

    /** Every ready session's counters, for seq checks; call once the run is quiet. */
    void forEachSession(Consumer<SioSession> action) {
        for (int i = 0; i < started; i++) {
            if (clients[i] != null) {
                action.accept(clients[i].session);
            }
        }
    }

    @Override
    public void close() {
        for (int i = 0; i < started; i++) {
            Client c = clients[i];
            if (c != null && c.connection != null) {
                c.connection.close();
            }
        }
    }

    private void countReason(String why) {
        String key = why.length() > 120 ? why.substring(0, 120) : why;
        if (!reasons.containsKey(key) && reasons.size() >= MAX_REASONS) {
            key = "(other reasons)";
        }
        reasons.computeIfAbsent(key, k -> new LongAdder()).increment();
    }

    /** One connection: its WebSocket and its session, which it feeds. */
    private final class Client implements WsConnection.Handler, SioSession.Events {
        final SioSession session;
        final long startNanos;
        volatile WsConnection connection;
        // Set when the handshake permit went back, ready or failed: exactly once.
        private boolean settled;
        private boolean wasReady;

        Client(String room, long startNanos) {
            this.session = new SioSession(contract, room, this);
            this.startNanos = startNanos;
        }

        // Synchronized: a close from this side may come on another thread than the frames.
        @Override
        public synchronized void onText(WsConnection c, String text) {
            connection = c;
            session.onText(text, c::send);
        }

        @Override
        public synchronized void onClosed(WsConnection c, String why) {
            if (c != null) {
                connection = c;
            }
            session.failed(why);
        }

        @Override
        public void ready(SioSession s) {
            long now = System.nanoTime();
            connectTimes.record((now - startNanos) / 1_000, 0);
            lastReadyNanos = now;
            synchronized (this) {
                wasReady = true;
                settle();
            }
            ready.increment();
        }

        @Override
        public void update(SioSession s, long seq, long latencyMicros) {
            latencies.record(latencyMicros, WallClock.micros());
        }

        @Override
        public void failed(SioSession s, String why) {
            boolean afterReady;
            synchronized (this) {
                afterReady = wasReady;
                settle();
            }
            if (afterReady) {
                dropped.increment();
            } else {
                failed.increment();
            }
            countReason(why);
        }

        private void settle() {
            if (!settled) {
                settled = true;
                inFlight.release();
            }
        }
    }
}
