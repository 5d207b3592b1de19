package dev.jobcast.jobs.runners;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Which demo jobs run and which wait, as an immutable value: at most {@code parallelism}
 * run, at most {@code maxQueued} wait in arrival order, and a job beyond that is refused.
 * The sets are small (bounded by the two limits), so copying on change is cheap.
 */
public record DemoQueue(int parallelism, int maxQueued, Set<Long> running, List<Long> waiting) {

    public enum Decision {
        /** A slot was free: start it now. */
        RUN,
        /** All slots busy: it waits for one. */
        WAIT,
        /** All slots busy and the queue full: the caller fails the job. */
        REFUSE,
        /** Already running or waiting (handed over twice): nothing to do. */
        DUPLICATE
    }

    public record Admission(Decision decision, DemoQueue queue) {
    }

    /** {@code next} is the job that took the freed slot, if any was waiting. */
    public record Release(Optional<Long> next, DemoQueue queue) {
    }

    public DemoQueue {
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism must be at least 1, got " + parallelism);
        }
        if (maxQueued < 0) {
            throw new IllegalArgumentException("maxQueued must not be negative, got " + maxQueued);
        }
        running = Collections.unmodifiableSet(new LinkedHashSet<>(running));
        waiting = List.copyOf(waiting);
    }

    public static DemoQueue empty(int parallelism, int maxQueued) {
        return new DemoQueue(parallelism, maxQueued, Set.of(), List.of());
    }

    public Admission enqueue(long jobId) {
        if (running.contains(jobId) || waiting.contains(jobId)) {
            return new Admission(Decision.DUPLICATE, this);
        }
        if (running.size() < parallelism) {
            return new Admission(Decision.RUN, new DemoQueue(parallelism, maxQueued, plus(running, jobId), waiting));
        }
        if (waiting.size() < maxQueued) {
            List<Long> w = new ArrayList<>(waiting);
            w.add(jobId);
            return new Admission(Decision.WAIT, new DemoQueue(parallelism, maxQueued, running, w));
        }
        return new Admission(Decision.REFUSE, this);
    }

    /** The job stopped running (done, cancelled, given up): the oldest waiting job takes its slot. */
    public Release release(long jobId) {
        if (!running.contains(jobId)) {
            return new Release(Optional.empty(), this);
        }
        Set<Long> r = new LinkedHashSet<>(running);
        r.remove(jobId);
        if (waiting.isEmpty()) {
            return new Release(Optional.empty(), new DemoQueue(parallelism, maxQueued, r, waiting));
        }
        Long next = waiting.get(0);
        r.add(next);
        return new Release(Optional.of(next), new DemoQueue(parallelism, maxQueued, r, waiting.subList(1, waiting.size())));
    }

    private static Set<Long> plus(Set<Long> s, long id) {
        Set<Long> out = new LinkedHashSet<>(s);
        out.add(id);
        return out;
    }
}
