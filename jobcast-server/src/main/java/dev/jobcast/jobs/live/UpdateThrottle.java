package dev.jobcast.jobs.live;

import dev.jobcast.jobs.JobUpdate;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Which job updates go out now, which wait and which are conflated: at most N per job per
 * second, the latest progress winning; any other event (status change, terminal) goes out
 * at once and supersedes a waiting progress. Pure: time comes in as nanoseconds.
 */
public final class UpdateThrottle {

    /** What to do after an update arrived or a flush came due. */
    public record Decision(List<JobUpdate> send, long flushAtNanos, int conflated) {
    }

    private static final class Job {
        long lastSentNanos = Long.MIN_VALUE;
        JobUpdate waiting;
        boolean flushScheduled;
    }

    private final long intervalNanos;
    private final Map<Long, Job> jobs = new HashMap<>();

    /** @param maxPerSecond 0 turns conflation off: everything goes out at once */
    public UpdateThrottle(int maxPerSecond) {
        this.intervalNanos = maxPerSecond <= 0 ? 0 : 1_000_000_000L / maxPerSecond;
    }

    /** flushAtNanos is -1 when no flush needs scheduling. */
    public Decision offer(JobUpdate u, long now) {
        if (intervalNanos == 0) {
            return new Decision(List.of(u), -1, 0);
        }
        Job job = jobs.computeIfAbsent(u.jobId(), id -> new Job());
        boolean progress = "progress".equals(u.event());
        if (!progress || now - job.lastSentNanos >= intervalNanos) {
            int conflated = job.waiting != null ? 1 : 0;
            job.waiting = null;
            job.lastSentNanos = now;
            if (u.status().terminal()) {
                jobs.remove(u.jobId());
            }
            return new Decision(List.of(u), -1, conflated);
        }
        int conflated = job.waiting != null ? 1 : 0;
        job.waiting = u;
        if (job.flushScheduled) {
            return new Decision(List.of(), -1, conflated);
        }
        job.flushScheduled = true;
        return new Decision(List.of(), job.lastSentNanos + intervalNanos, conflated);
    }

    /** A flush for {@code jobId} came due. */
    public List<JobUpdate> flush(long jobId, long now) {
        Job job = jobs.get(jobId);
        if (job == null) {
            return List.of();
        }
        job.flushScheduled = false;
        if (job.waiting == null) {
            return List.of();
        }
        JobUpdate u = job.waiting;
        job.waiting = null;
        job.lastSentNanos = now;
        return List.of(u);
    }

    /** Forgets jobs quiet for longer than {@code idleNanos}, so the map stays bounded by active jobs. */
    public int sweep(long now, long idleNanos) {
        int removed = 0;
        Iterator<Job> it = jobs.values().iterator();
        while (it.hasNext()) {
            Job j = it.next();
            if (j.waiting == null && !j.flushScheduled && now - j.lastSentNanos > idleNanos) {
                it.remove();
                removed++;
            }
        }
        return removed;
    }

}
