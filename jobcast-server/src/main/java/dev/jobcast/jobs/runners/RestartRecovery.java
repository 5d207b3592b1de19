package dev.jobcast.jobs.runners;

import dev.jobcast.jobs.JobReadSide;
import dev.jobcast.jobs.JobState;
import dev.jobcast.jobs.JobStatus;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.LongConsumer;

/**
 * Start-up clean-up for demo jobs, run once the read side has caught up with the journal:
 * a job still running was cut off mid-walk by the restart and is failed ("interrupted by
 * restart"); a job still queued never began and is handed to the demo runner again.
 */
public final class RestartRecovery {
    public static final String INTERRUPTED = "interrupted by restart";

    /** {@code interrupted}: running jobs this run failed; {@code requeued}: queued jobs handed over. */
    public record Result(int interrupted, int requeued) {
    }

    private final JobReadSide readSide;
    private final JobControl jobs;
    private final LongConsumer demoRunner;

    public RestartRecovery(JobReadSide readSide, JobControl jobs, LongConsumer demoRunner) {
        this.readSide = readSide;
        this.jobs = jobs;
        this.demoRunner = demoRunner;
    }

    /** Fails with the first fault other than a job refusing (a refusal means it ended already). */
    public CompletionStage<Result> run() {
        return readSide.byRunnerAndStatus(JobState.DEMO, JobStatus.RUNNING)
                .thenCompose(this::interrupt)
                .thenCompose(interrupted -> readSide.byRunnerAndStatus(JobState.DEMO, JobStatus.QUEUED)
                        .thenApply(queued -> {
                            // Oldest first (the read side lists by id), as they were first queued.
                            queued.forEach(job -> demoRunner.accept(job.id()));
                            return new Result(interrupted, queued.size());
                        }));
    }

    private CompletionStage<Integer> interrupt(List<JobState> running) {
        List<CompletableFuture<Integer>> outcomes = running.stream()
                .map(job -> jobs.fail(job.id(), INTERRUPTED)
                        .thenApply(s -> 1)
                        .exceptionally(err -> {
                            if (JobControl.refusedByJob(err)) {
                                return 0; // it ended meanwhile: nothing to interrupt
                            }
                            throw new CompletionException(JobControl.unwrap(err));
                        })
                        .toCompletableFuture())
                .toList();
        return CompletableFuture.allOf(outcomes.toArray(CompletableFuture[]::new))
                .thenApply(v -> outcomes.stream().mapToInt(CompletableFuture::join).sum());
    }
}
