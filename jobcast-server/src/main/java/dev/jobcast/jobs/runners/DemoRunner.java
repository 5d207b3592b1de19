package dev.jobcast.jobs.runners;

import dev.jobcast.jobs.JobState;
import dev.jobcast.jobs.JobStatus;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.function.LongConsumer;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The in-process "demo" runner: walks each job through {@link DemoPlan}'s stages over the
 * configured duration, at most {@code parallelism} jobs at once. Up to {@code maxQueued} more
 * wait; a job beyond that is failed at once with "too many queued demo jobs" (it is already
 * persisted as queued when the runner hears of it, so it can no longer be refused).
 * A cancelled job is noticed when its next report is refused; its slot goes to the next job.
 */
public final class DemoRunner {
    private static final Logger LOG = LoggerFactory.getLogger(DemoRunner.class);

    public static final String TOO_MANY_QUEUED = "too many queued demo jobs";
    /** Faults (timeouts, database errors) tolerated per action before the runner gives a job up. */
    static final int MAX_ATTEMPTS = 5;

    public sealed interface Command {
    }

    /** Run this demo job (it must be queued; anything else is skipped). */
    public record Enqueue(long jobId) implements Command {
    }

    /** Replies with the current queue (for stats and tests). */
    public record Inspect(ActorRef<DemoQueue> replyTo) implements Command {
    }

    private record Step(long jobId, int action, int attempt) implements Command {
    }

    private record Done(long jobId, int action, int attempt, Throwable failure) implements Command {
    }

    private record Resynced(long jobId, int action, int attempt, JobState state, Throwable failure)
            implements Command {
    }

    private final ActorContext<Command> ctx;
    private final TimerScheduler<Command> timers;
    private final JobControl jobs;
    private final DemoPlan plan;
    private final Duration retryDelay;

    public static Behavior<Command> create(JobControl jobs, int parallelism, int maxQueued, Duration duration) {
        return create(jobs, parallelism, maxQueued, DemoPlan.of(duration, DemoPlan.DEFAULT_STEPS_PER_STAGE));
    }

    public static Behavior<Command> create(JobControl jobs, int parallelism, int maxQueued, DemoPlan plan) {
        DemoQueue empty = DemoQueue.empty(parallelism, maxQueued);
        return Behaviors.setup(ctx -> Behaviors.withTimers(timers ->
                new DemoRunner(ctx, timers, jobs, plan).running(empty)));
    }

    /** For {@code jobService.onDemoJobCreated(DemoRunner.enqueuer(runner))}. */
    public static LongConsumer enqueuer(ActorRef<Command> runner) {
        return id -> runner.tell(new Enqueue(id));
    }

    private DemoRunner(ActorContext<Command> ctx, TimerScheduler<Command> timers, JobControl jobs, DemoPlan plan) {
        this.ctx = ctx;
        this.timers = timers;
        this.jobs = jobs;
        this.plan = plan;
        // Retry no faster than the plan moves, and never so slowly that a job looks stuck.
        Duration i = plan.interval();
        this.retryDelay = i.compareTo(Duration.ofMillis(50)) < 0 ? Duration.ofMillis(50)
                : i.compareTo(Duration.ofSeconds(5)) > 0 ? Duration.ofSeconds(5) : i;
    }

    private Behavior<Command> running(DemoQueue q) {
        return Behaviors.receive(Command.class)
                .onMessage(Enqueue.class, e -> onEnqueue(q, e))
                .onMessage(Inspect.class, i -> {
                    i.replyTo().tell(q);
                    return Behaviors.same();
                })
                .onMessage(Step.class, s -> onStep(q, s))
                .onMessage(Done.class, d -> onDone(q, d))
                .onMessage(Resynced.class, r -> onResynced(q, r))
                .build();
    }

    private Behavior<Command> onEnqueue(DemoQueue q, Enqueue e) {
        DemoQueue.Admission a = q.enqueue(e.jobId());
        switch (a.decision()) {
            case RUN -> ctx.getSelf().tell(new Step(e.jobId(), 0, 0));
            case REFUSE -> jobs.fail(e.jobId(), TOO_MANY_QUEUED).whenComplete((s, err) -> {
                if (err != null && !JobControl.refusedByJob(err)) {
                    LOG.warn("demo job {}: could not fail it after refusing it", e.jobId(), err);
                }
            });
            case WAIT, DUPLICATE -> {
            }
        }
        return running(a.queue());
    }

    private Behavior<Command> onStep(DemoQueue q, Step s) {
        if (!q.running().contains(s.jobId())) {
            return Behaviors.same(); // a late timer for a job already let go
        }
        DemoPlan.Action action = plan.action(s.action(), s.jobId());
        CompletionStage<JobState> sent;
        if (action instanceof DemoPlan.Report r) {
            sent = jobs.progress(s.jobId(), r.progress(), r.message(), r.stage());
        } else if (action instanceof DemoPlan.Complete c) {
            sent = jobs.complete(s.jobId(), c.result());
        } else {
            sent = jobs.start(s.jobId());
        }
        ctx.pipeToSelf(sent, (ok, err) -> new Done(s.jobId(), s.action(), s.attempt(), err));
        return Behaviors.same();
    }

    private Behavior<Command> onDone(DemoQueue q, Done d) {
        if (!q.running().contains(d.jobId())) {
            return Behaviors.same();
        }
        if (d.failure() == null) {
            return advance(q, d.jobId(), d.action());
        }
        if (JobControl.refusedByJob(d.failure())) {
            // Cancelled (or failed by someone else) meanwhile: this job is over for us.
            ctx.getLog().info("demo job {} stopped: {}", d.jobId(), JobControl.unwrap(d.failure()).getMessage());
            return release(q, d.jobId());
        }
        int attempt = d.attempt() + 1;
        if (attempt >= MAX_ATTEMPTS) {
            ctx.getLog().warn("demo job {}: giving up after {} faults", d.jobId(), attempt, d.failure());
            jobs.fail(d.jobId(), "demo runner gave up: " + JobControl.unwrap(d.failure()).getMessage());
            return release(q, d.jobId());
        }
        // The reply was lost, not necessarily the command: ask the job where it stands before retrying.
        ctx.pipeToSelf(jobs.get(d.jobId()), (s, err) -> new Resynced(d.jobId(), d.action(), attempt, s, err));
        return Behaviors.same();
    }

    private Behavior<Command> onResynced(DemoQueue q, Resynced r) {
        if (!q.running().contains(r.jobId())) {
            return Behaviors.same();
        }
        if (r.failure() != null) {
            if (JobControl.refusedByJob(r.failure())) {
                return release(q, r.jobId());
            }
            timers.startSingleTimer(r.jobId(), new Step(r.jobId(), r.action(), r.attempt()), retryDelay);
            return Behaviors.same();
        }
        JobStatus status = r.state().status();
        if (status.terminal()) {
            return release(q, r.jobId());
        }
        if (r.action() == 0 && status == JobStatus.RUNNING) {
            return advance(q, r.jobId(), 0); // the start went through; only its reply was lost
        }
        // Reports are idempotent (an identical one is acknowledged), so repeating the action is safe.
        timers.startSingleTimer(r.jobId(), new Step(r.jobId(), r.action(), r.attempt()), retryDelay);
        return Behaviors.same();
    }

    private Behavior<Command> advance(DemoQueue q, long jobId, int done) {
        if (plan.isLast(done)) {
            return release(q, jobId);
        }
        int next = done + 1;
        Duration delay = plan.delayBefore(next);
        if (delay.isZero()) {
            ctx.getSelf().tell(new Step(jobId, next, 0));
        } else {
            timers.startSingleTimer(jobId, new Step(jobId, next, 0), delay);
        }
        return Behaviors.same();
    }

    private Behavior<Command> release(DemoQueue q, long jobId) {
        timers.cancel(jobId);
        DemoQueue.Release r = q.release(jobId);
        r.next().ifPresent(next -> ctx.getSelf().tell(new Step(next, 0, 0)));
        return running(r.queue());
    }
}
