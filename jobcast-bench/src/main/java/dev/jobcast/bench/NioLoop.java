package dev.jobcast.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One selector thread of {@link NioWsConnector}: it owns its connections, and all their
 * state changes on it. Other threads hand it work with {@link #execute}. It reads every
 * connection through one shared buffer and times out handshakes that take too long.
 */
final class NioLoop implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(NioLoop.class);
    /** The buffer each read goes through: a read takes up to this much of one socket. */
    static final int SHARED_BUFFER = 64 * 1024;
    // How often, at most, the loop wakes without I/O to look at handshake deadlines.
    private static final long TICK_MILLIS = 500;

    private final Selector selector;
    private final Thread thread;
    private final ByteBuffer shared = ByteBuffer.allocate(SHARED_BUFFER);
    private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean wakeupPending = new AtomicBoolean();
    // Handshakes under way, in the order they started, so deadlines come in order too.
    private final ArrayDeque<NioWsConnection> handshakes = new ArrayDeque<>();
    private final Consumer<SelectionKey> onSelected = this::onSelected;
    private volatile boolean running = true;

    NioLoop(String name) {
        try {
            selector = Selector.open();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        thread = new Thread(this::run, name);
        thread.setDaemon(true);
        thread.start();
    }

    Selector selector() {
        return selector;
    }

    /** The read buffer the connections of this loop share; only for use on its thread. */
    ByteBuffer shared() {
        return shared;
    }

    boolean inLoop() {
        return Thread.currentThread() == thread;
    }

    /** Runs {@code task} on this loop's thread, soon. */
    void execute(Runnable task) {
        tasks.add(task);
        if (!inLoop() && wakeupPending.compareAndSet(false, true)) {
            selector.wakeup();
        }
    }

    /** Watches a handshake that just started for its deadline; on the loop's thread. */
    void watch(NioWsConnection c) {
        handshakes.add(c);
    }

    private void run() {
        while (running) {
            try {
                wakeupPending.set(false);
                long timeout = timeoutMillis();
                if (tasks.isEmpty()) {
                    selector.select(onSelected, timeout);
                } else {
                    selector.selectNow(onSelected);
                }
                runTasks();
                expireHandshakes();
            } catch (IOException e) {
                // The selector itself failed: nothing this loop owns can go on.
                LOG.error("selector failed; its connections are dropped", e);
                running = false;
            }
        }
        closeAll();
    }

    private void onSelected(SelectionKey key) {
        NioWsConnection c = (NioWsConnection) key.attachment();
        try {
            c.onSelected(key);
        } catch (RuntimeException e) {
            // A handler threw: that connection is dropped, the others go on.
            LOG.warn("a connection's handler failed", e);
            c.abort("the generator failed: " + e);
        }
    }

    private void runTasks() {
        // Only those there now: a task that adds one must not keep the loop from selecting.
        for (int n = tasks.size(); n > 0; n--) {
            Runnable task = tasks.poll();
            if (task == null) {
                return;
            }
            try {
                task.run();
            } catch (RuntimeException e) {
                LOG.warn("a task of the connector failed", e);
            }
        }
    }

    private long timeoutMillis() {
        NioWsConnection first = handshakes.peek();
        if (first == null) {
            return 0; // no deadline: sleep until I/O or a task
        }
        long millis = (first.deadlineNanos() - System.nanoTime()) / 1_000_000;
        return Math.max(1, Math.min(TICK_MILLIS, millis));
    }

    private void expireHandshakes() {
        long now = System.nanoTime();
        for (NioWsConnection c = handshakes.peek(); c != null; c = handshakes.peek()) {
            if (!c.isHandshaking()) {
                handshakes.poll();
            } else if (now - c.deadlineNanos() >= 0) {
                handshakes.poll();
                c.handshakeTimedOut();
            } else {
                return;
            }
        }
    }

    private void closeAll() {
        List<NioWsConnection> all = new ArrayList<>();
        for (SelectionKey k : selector.keys()) {
            all.add((NioWsConnection) k.attachment());
        }
        for (NioWsConnection c : all) {
            c.abort("the generator stopped");
        }
        for (NioWsConnection c : handshakes) {
            c.abort("the generator stopped");
        }
        try {
            selector.close();
        } catch (IOException e) {
            // Closing: nothing to do about it.
        }
    }

    /** Stops the thread; connections still open are dropped. */
    @Override
    public void close() {
        running = false;
        selector.wakeup();
        if (!inLoop()) {
            try {
                thread.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
