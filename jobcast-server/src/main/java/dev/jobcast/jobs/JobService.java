package dev.jobcast.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import java.util.function.LongConsumer;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.pattern.StatusReply;
import org.apache.pekko.persistence.jdbc.query.javadsl.JdbcReadJournal;
import org.apache.pekko.persistence.query.PersistenceQuery;
import org.apache.pekko.stream.Materializer;
import org.apache.pekko.stream.javadsl.Sink;

/**
 * What the edges (HTTP routes, sockets, runners) may do with jobs. Owner checks live here:
 * a job that is not the caller's is reported exactly like one that does not exist.
 * Failures are {@link JobRejection}s, or a timeout when the entity does not answer.
 */
public final class JobService {
    public static final int MAX_TYPE = 100;

    private final ActorSystem<?> system;
    private final ActorRef<JobRegistry.Command> registry;
    private final JobIds ids;
    private final JobReadSide readSide;
    private final Duration askTimeout;
    private final JdbcReadJournal journal;
    private final Materializer materializer;
    private volatile LongConsumer inProcessRunner = id -> { };

    public JobService(ActorSystem<?> system, ActorRef<JobRegistry.Command> registry, JobIds ids, JobReadSide readSide,
                      Duration askTimeout) {
        this.system = system;
        this.registry = registry;
        this.ids = ids;
        this.readSide = readSide;
        this.askTimeout = askTimeout;
        this.journal = PersistenceQuery.get(system).getReadJournalFor(JdbcReadJournal.class, JdbcReadJournal.Identifier());
        this.materializer = Materializer.matFromSystem(system);
    }

    /** Who runs jobs with runner "demo": told the id of each one created. */
    public void onDemoJobCreated(LongConsumer runner) {
        this.inProcessRunner = runner;
    }

    public JobReadSide readSide() {
        return readSide;
    }

    public CompletionStage<JobState> create(long ownerId, String type, String runner, JsonNode input) {
        if (type == null || type.isBlank() || type.length() > MAX_TYPE) {
            return CompletableFuture.failedFuture(new JobRejection(JobRejection.Kind.INVALID,
                    "type must be a non-empty string of at most " + MAX_TYPE + " characters"));
        }
        return ids.next()
                .thenCompose(id -> ask(id, reply -> new JobEntity.Create(ownerId, type, runner, input, reply)))
                .thenApply(job -> {
                    if (JobState.DEMO.equals(job.runner())) {
                        inProcessRunner.accept(job.id());
                    }
                    return job;
                });
    }

    /** Any job, whoever owns it (runners and workers). */
    public CompletionStage<JobState> get(long jobId) {
        return ask(jobId, JobEntity.Get::new);
    }

    /** The caller's job, or NOT_FOUND. */
    public CompletionStage<JobState> getOwned(long ownerId, long jobId) {
        return get(jobId).thenApply(job -> {
            if (job.ownerId() != ownerId) {
                throw JobRejection.notFound(jobId);
            }
            return job;
        });
    }

    public CompletionStage<JobState> cancel(long ownerId, long jobId) {
        return getOwned(ownerId, jobId).thenCompose(job -> cancel(jobId));
    }

    /** Cancels whoever owns it (runners, administration). */
    public CompletionStage<JobState> cancel(long jobId) {
        return ask(jobId, JobEntity.Cancel::new);
    }

    public CompletionStage<JobState> start(long jobId) {
        return ask(jobId, JobEntity.Start::new);
    }

    /** {@code progress}, {@code message} and {@code stage} may each be null: unchanged. */
    public CompletionStage<JobState> progress(long jobId, Integer progress, String message, String stage) {
        return ask(jobId, reply -> new JobEntity.ReportProgress(progress, message, stage, reply));
    }

    public CompletionStage<JobState> complete(long jobId, JsonNode result) {
        return ask(jobId, reply -> new JobEntity.Complete(result, reply));
    }

    public CompletionStage<JobState> fail(long jobId, String error) {
        return ask(jobId, reply -> new JobEntity.Fail(error, reply));
    }

    public CompletionStage<JobPage> list(long ownerId, JobStatus status, int limit, Long beforeId) {
        return readSide.list(ownerId, status, limit, beforeId);
    }

    /** The caller's job's journal after {@code since}, at most {@code limit} entries. */
    public CompletionStage<List<JournalEntry>> events(long ownerId, long jobId, long since, int limit) {
        return getOwned(ownerId, jobId).thenCompose(job -> events(jobId, since, limit));
    }

    /** Any job's journal after {@code since} (replay to subscribers, audits). */
    public CompletionStage<List<JournalEntry>> events(long jobId, long since, int limit) {
        return plain(journal.currentEventsByPersistenceId(JobEntity.persistenceId(jobId).id(), Math.max(0, since) + 1,
                        Long.MAX_VALUE)
                .take(limit)
                .map(e -> {
                    JobEvent event = (JobEvent) e.event();
                    return new JournalEntry(e.sequenceNr(), event.type(), event.at(), event);
                })
                .runWith(Sink.seq(), materializer));
    }

    private CompletionStage<JobState> ask(long jobId,
                                          Function<ActorRef<StatusReply<JobState>>, JobEntity.Command> command) {
        if (jobId <= 0 || jobId > JobIds.MAX_ID) {
            return CompletableFuture.failedFuture(JobRejection.notFound(jobId));
        }
        return plain(AskPattern.askWithStatus(registry,
                (ActorRef<StatusReply<JobState>> reply) -> new JobRegistry.Deliver(jobId, command.apply(reply)),
                askTimeout, system.scheduler()));
    }

    /**
     * The same outcome as a plain CompletableFuture. Pekko's stages come from Scala Futures,
     * whose thenApply, handle, whenComplete... run as their *Async variants on the common
     * pool; on a machine of two cores that "pool" starts a new thread for every call, so each
     * caller chaining on them would cost a thread per request.
     */
    static <T> CompletionStage<T> plain(CompletionStage<T> stage) {
        CompletableFuture<T> out = new CompletableFuture<>();
        // The *Async variant with an executor of our own is not redirected: it runs right here.
        stage.whenCompleteAsync((value, failure) -> {
            if (failure != null) {
                out.completeExceptionally(failure);
            } else {
                out.complete(value);
            }
        }, Runnable::run);
        return out;
    }
}
