package dev.jobcast.jobs.runners;

import dev.jobcast.jobs.JobReadSide;
import dev.jobcast.jobs.JobState;
import dev.jobcast.jobs.JobStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * Fails external jobs whose worker went silent: every lease/4 it looks for running external
 * jobs not updated within the lease and fails them with "worker lost". The read side only
 * nominates; the entity's own state decides, so a report the projection has not seen yet
 * still keeps a job alive.
 */
public final class LeaseWatcher {
    public static final String WORKER_LOST = "worker lost";

    public sealed interface Command {
    }

    /** Scan now (after any scan under way), replying with the jobs it failed. */
    public record ScanNow(ActorRef<ScanResult> replyTo) implements Command {
    }

    /** The ids failed by one scan; {@code error} says why a scan could not run, else null. */
    public record ScanResult(List<Long> failed, String error) {
        public ScanResult {
            failed = List.copyOf(failed);
        }
    }

    private enum Tick implements Command { INSTANCE }

    private record Scanned(ScanResult result) implements Command {
    }

    private final ActorContext<Command> ctx;
    private final JobReadSide readSide;
    private final JobControl jobs;
    private final Duration lease;
    private final Clock clock;

    public static Behavior<Command> create(JobReadSide readSide, JobControl jobs, Duration lease, Clock clock) {
        if (lease.isNegative() || lease.isZero()) {
            throw new IllegalArgumentException("worker lease must be positive, got " + lease);
        }
        return Behaviors.setup(ctx -> Behaviors.withTimers(timers -> {
            timers.startTimerWithFixedDelay(Tick.INSTANCE, lease.dividedBy(4));
            return new LeaseWatcher(ctx, readSide, jobs, lease, clock).idle();
        }));
    }

    private LeaseWatcher(ActorContext<Command> ctx, JobReadSide readSide, JobControl jobs, Duration lease,
                         Clock clock) {
        this.ctx = ctx;
        this.readSide = readSide;
        this.jobs = jobs;
        this.lease = lease;
        this.clock = clock;
    }

    private Behavior<Command> idle() {
        return Behaviors.receive(Command.class)
                .onMessage(Tick.class, t -> scan(List.of()))
                .onMessage(ScanNow.class, s -> scan(List.of(s.replyTo())))
                .onMessage(Scanned.class, s -> Behaviors.same())
                .build();
    }

    /**
     * One scan at a time, so a slow database never piles scans up. {@code current} hear this
     * scan's result; {@code next} asked during it and get a scan that starts after they asked.
     */
    private Behavior<Command> scanning(List<ActorRef<ScanResult>> current, List<ActorRef<ScanResult>> next) {
        return Behaviors.receive(Command.class)
                .onMessage(Tick.class, t -> Behaviors.same())
                .onMessage(ScanNow.class, s -> scanning(current, plus(next, s.replyTo())))
                .onMessage(Scanned.class, s -> {
                    current.forEach(r -> r.tell(s.result()));
                    if (s.result().error() != null) {
                        ctx.getLog().warn("lease scan failed: {}", s.result().error());
                    } else if (!s.result().failed().isEmpty()) {
                        ctx.getLog().info("failed {} external job(s) whose worker was lost: {}",
                                s.result().failed().size(), s.result().failed());
                    }
                    return next.isEmpty() ? idle() : scan(next);
                })
                .build();
    }

    private Behavior<Command> scan(List<ActorRef<ScanResult>> replyTo) {
        Instant cutoff = clock.instant().minus(lease);
        CompletionStage<ScanResult> result = readSide.byRunnerAndStatus(JobState.EXTERNAL, JobStatus.RUNNING)
                .thenCompose(candidates -> failExpired(candidates, cutoff));
        ctx.pipeToSelf(result, (r, err) -> new Scanned(err == null ? r
                : new ScanResult(List.of(), String.valueOf(JobControl.unwrap(err).getMessage()))));
        return scanning(replyTo, List.of());
    }

    private CompletionStage<ScanResult> failExpired(List<JobState> candidates, Instant cutoff) {
        List<CompletableFuture<Long>> outcomes = new ArrayList<>();
        for (JobState row : candidates) {
            if (expired(row, cutoff)) {
                outcomes.add(failIfStillExpired(row.id(), cutoff).toCompletableFuture());
            }
        }
        return CompletableFuture.allOf(outcomes.toArray(CompletableFuture[]::new)).thenApply(v -> {
            List<Long> failed = new ArrayList<>();
            outcomes.forEach(o -> {
                Long id = o.join();
                if (id != null) {
                    failed.add(id);
                }
            });
            return new ScanResult(failed, null);
        });
    }

    /** The id if this scan failed the job; null if the job lives, finished meanwhile, or did not answer. */
    private CompletionStage<Long> failIfStillExpired(long jobId, Instant cutoff) {
        return jobs.get(jobId)
                .thenCompose(job -> expired(job, cutoff)
                        ? jobs.fail(jobId, WORKER_LOST).thenApply(s -> jobId)
                        : CompletableFuture.<Long>completedFuture(null))
                // CONFLICT: completed (or failed) meanwhile, which is fine. Anything else: next scan.
                .exceptionally(err -> null);
    }

    private static boolean expired(JobState job, Instant cutoff) {
        return JobState.EXTERNAL.equals(job.runner()) && job.status() == JobStatus.RUNNING
                && job.updatedAt().isBefore(cutoff);
    }

    private static List<ActorRef<ScanResult>> plus(List<ActorRef<ScanResult>> list, ActorRef<ScanResult> ref) {
        List<ActorRef<ScanResult>> out = new ArrayList<>(list);
        out.add(ref);
        return List.copyOf(out);
    }
}
