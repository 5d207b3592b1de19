// One way of getting a run's reports to the server: single REST, batch REST or the worker socket.
package dev.jobcast.bench.jobs;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * Sends reports as they fall due and writes each one's answer in the {@link Ledger}. A
 * report is never sent before it is due; one sent late (every connection busy, waiting for
 * its batch or for room in flight) keeps its due time, so the wait shows in its latency.
 */
interface IngestPath extends AutoCloseable {

    /**
     * Sends every report of {@code due} as {@code encoding} has it, each when it falls due
     * (counted from the ledger's start), and returns once each has its outcome in the
     * ledger: accepted, refused or failed (no answer in time counts as failed).
     */
    void send(Due due, ReportEncoding encoding, Ledger ledger) throws InterruptedException;

    @Override
    void close();

    /** Sleeps until System.nanoTime() reaches {@code deadline}. */
    static void parkUntil(long deadline) {
        for (long wait = deadline - System.nanoTime(); wait > 0; wait = deadline - System.nanoTime()) {
            LockSupport.parkNanos(wait);
        }
    }

    /** Whether a non-2xx status means the server refused (wrote nothing) rather than failed (may have). */
    static boolean refusal(int status) {
        return status / 100 == 4 || status == 503;
    }

    /** Runs {@code body} on {@code count} threads and waits for all; a thread's unexpected failure is rethrown. */
    static void onThreads(int count, String name, Runnable body) throws InterruptedException {
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        List<Thread> all = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            Thread t = new Thread(() -> {
                try {
                    body.run();
                } catch (RuntimeException e) {
                    failure.compareAndSet(null, e);
                }
            }, name + "-" + i);
            t.setDaemon(true);
            all.add(t);
            t.start();
        }
        for (Thread t : all) {
            t.join();
        }
        if (failure.get() != null) {
            throw failure.get();
        }
    }
}
