package dev.jobcast.server;

import dev.jobcast.jobs.JobUpdate;
import dev.jobcast.jobs.live.JobBroadcaster;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;

/** Prometheus meters of the live side: updates broadcast and conflated, persist-to-broadcast time. */
final class LiveMetrics implements JobBroadcaster.Listener {
    private final Counter broadcast;
    private final Counter conflated;
    private final Timer persistToBroadcast;

    LiveMetrics(MeterRegistry registry) {
        this.broadcast = Counter.builder("jobcast_updates_broadcast").description("job_update broadcasts sent")
                .register(registry);
        this.conflated = Counter.builder("jobcast_updates_conflated")
                .description("progress updates replaced by a newer one before broadcast").register(registry);
        this.persistToBroadcast = Timer.builder("jobcast_persist_to_broadcast")
                .description("time from an event's persist to its broadcast")
                .publishPercentileHistogram().register(registry);
    }

    @Override
    public void broadcast(JobUpdate u) {
        broadcast.increment();
        Duration d = Duration.between(u.timestamp(), Instant.now());
        if (!d.isNegative()) {
            persistToBroadcast.record(d);
        }
    }

    @Override
    public void conflated(int n) {
        conflated.increment(n);
    }
}
