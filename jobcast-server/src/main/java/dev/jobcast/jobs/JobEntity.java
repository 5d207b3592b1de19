package dev.jobcast.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jobcast.jobs.CommandBatch.Decided;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.pattern.StatusReply;
import org.apache.pekko.persistence.typed.PersistenceId;
import org.apache.pekko.persistence.typed.javadsl.CommandHandlerWithReply;
import org.apache.pekko.persistence.typed.javadsl.CommandHandlerWithReplyBuilder;
import org.apache.pekko.persistence.typed.javadsl.EventHandler;
import org.apache.pekko.persistence.typed.javadsl.EventSourcedBehaviorWithEnforcedReplies;
import org.apache.pekko.persistence.typed.javadsl.ReplyEffect;
import org.apache.pekko.persistence.typed.javadsl.RetentionCriteria;

/**
 * One job, event-sourced: commands are validated against the state and either persist
 * events or are refused with a reason (persisting nothing). Subscribers hear of an event
 * only after it is in the journal, and senders get their answer only then too. Progress
 * reports that arrive while the job is busy are written together, in one atomic write
 * (see {@link #onCommand}): a busy job costs one write per batch, not one per report.
 */
public final class JobEntity extends EventSourcedBehaviorWithEnforcedReplies<JobEntity.Command, JobEvent, JobState> {

    public static final String ENTITY_TYPE = "Job";
    public static final int MAX_MESSAGE = 2000;
    public static final int MAX_STAGE = 200;

    public sealed interface Command {
    }

    public record Create(long ownerId, String type, String runner, JsonNode input,
                         ActorRef<StatusReply<JobState>> replyTo) implements Command {
    }

    public record Start(ActorRef<StatusReply<JobState>> replyTo) implements Command {
    }

    /** {@code progress}, {@code message} and {@code stage} may be null (unchanged). */
    public record ReportProgress(Integer progress, String message, String stage,
                                 ActorRef<StatusReply<JobState>> replyTo) implements Command {
    }

    public record Complete(JsonNode result, ActorRef<StatusReply<JobState>> replyTo) implements Command {
    }

    public record Fail(String error, ActorRef<StatusReply<JobState>> replyTo) implements Command {
    }

    public record Cancel(ActorRef<StatusReply<JobState>> replyTo) implements Command {
    }

    public record Get(ActorRef<StatusReply<JobState>> replyTo) implements Command {
    }

    /** From the registry: stop now (it buffers what comes for this job meanwhile). */
    public enum Stop implements Command { INSTANCE }

    /** A periodic look at whether anything came since the last one (then: passivate). */
    enum Idle implements Command { INSTANCE }

    /** From the entity to itself: write the reports batched so far. */
    enum Flush implements Command { INSTANCE }

    private final long jobId;
    private final int snapshotEvery;
    private final Consumer<JobUpdate> publisher;
    private final Clock clock;
    private final ActorRef<JobRegistry.Command> registry;
    private final org.apache.pekko.actor.typed.javadsl.ActorContext<Command> context;

    /** The commands decided but not yet written (see onCommand). */
    private final CommandBatch batch = new CommandBatch();
    /** A Flush is on its way to this entity. */
    private boolean flushQueued;
    /** A command came since the last idle check. */
    private boolean active = true;

    public static PersistenceId persistenceId(long jobId) {
        return PersistenceId.of(ENTITY_TYPE, Long.toString(jobId));
    }

    /**
     * @param registry     told when this entity has been idle for {@code idleAfter} (at most twice
     *                     that: idleness is checked every {@code idleAfter}), or null
     * @param publisher    hears every persisted event, in order, after it is persisted
     */
    public static Behavior<Command> create(long jobId, int snapshotEvery, Duration idleAfter,
                                           ActorRef<JobRegistry.Command> registry, Consumer<JobUpdate> publisher,
                                           Clock clock) {
        // One timer per entity and period, not a receive timeout moved by every command: an
        // entity busy with thousands of reports a second would otherwise reschedule it each time.
        return Behaviors.setup(ctx -> Behaviors.withTimers(timers -> {
            if (registry != null) {
                timers.startTimerWithFixedDelay(Idle.INSTANCE, idleAfter);
            }
            return new JobEntity(ctx, jobId, snapshotEvery, registry, publisher, clock);
        }));
    }

    private JobEntity(org.apache.pekko.actor.typed.javadsl.ActorContext<Command> ctx, long jobId, int snapshotEvery,
                      ActorRef<JobRegistry.Command> registry, Consumer<JobUpdate> publisher, Clock clock) {
        super(persistenceId(jobId));
        this.context = ctx;
        this.jobId = jobId;
        this.snapshotEvery = snapshotEvery;
        this.registry = registry;
        this.publisher = publisher;
        this.clock = clock;
    }

    @Override
    public JobState emptyState() {
        return JobState.EMPTY;
    }

    @Override
    public RetentionCriteria retentionCriteria() {
        return snapshotEvery > 0 ? RetentionCriteria.snapshotEvery(snapshotEvery, 2) : RetentionCriteria.disabled();
    }

    @Override
    public EventHandler<JobState, JobEvent> eventHandler() {
        return newEventHandlerBuilder().forAnyState().onAnyEvent(JobState::apply);
    }

    @Override
    public CommandHandlerWithReply<Command, JobEvent, JobState> commandHandler() {
        CommandHandlerWithReplyBuilder<Command, JobEvent, JobState> b = newCommandHandlerWithReplyBuilder();
        b.forAnyState()
                .onCommand(Flush.class, (s, c) -> {
                    flushQueued = false;
                    return batch.isEmpty() ? Effect().noReply() : writeBatch();
                })
                .onCommand(Idle.class, (s, c) -> {
                    if (active) {
                        active = false;
                        return Effect().noReply();
                    }
                    if (registry != null) {
                        registry.tell(new JobRegistry.Passivate(jobId, context.getSelf()));
                    }
                    return Effect().noReply();
                })
                .onCommand(Stop.class, (s, c) -> {
                    if (batch.isEmpty()) {
                        return Effect().stop().thenNoReply();
                    }
                    // What was decided is written (and answered) before the entity stops.
                    CommandBatch.Taken last = batch.take();
                    if (last.events().isEmpty()) {
                        last.answer(publisher);
                        return Effect().stop().thenNoReply();
                    }
                    return Effect().persist(last.events()).thenRun(after -> last.answer(publisher))
                            .thenStop().thenNoReply();
                })
                .onAnyCommand(this::onCommand);
        return b.build();
    }

    // ---- batching -----------------------------------------------------------------------------

    /**
     * A progress report is not written at once: it joins the batch, and the entity sends itself
     * a Flush. Every report that reaches the entity before that Flush (those that waited while
     * the previous write was under way come first) joins the same batch, so a busy job writes
     * many reports in one go instead of one write per report. An idle job's report is written
     * right after its own Flush. Any other command ends the batch and is written with it, in
     * order. A report is answered, like any command, only once its events are in the journal;
     * so are the commands decided against the batch's state (answered or refused).
     */
    private ReplyEffect<JobEvent, JobState> onCommand(JobState journalState, Command command) {
        active = true;
        Decided d = decide(batch.stateAfter(journalState), command);
        if (batch.isEmpty() && d.events().isEmpty()) {
            // Refused, or nothing new: the answer depends on nothing unwritten.
            return Effect().reply(d.replyTo(), d.reply());
        }
        batch.add(d); // never full here: a full batch is written at once
        if (command instanceof ReportProgress && !batch.full()) {
            if (!flushQueued) {
                flushQueued = true;
                context.getSelf().tell(Flush.INSTANCE);
            }
            return Effect().noReply();
        }
        return writeBatch();
    }

    /** Writes the batch (a Flush already queued then finds it empty, or the next one). */
    private ReplyEffect<JobEvent, JobState> writeBatch() {
        CommandBatch.Taken b = batch.take();
        if (b.events().isEmpty()) {
            // Not expected (a batch starts with a command that adds events); answering is right anyway.
            b.answer(publisher);
            return Effect().noReply();
        }
        return Effect().persist(b.events()).thenRun(after -> b.answer(publisher)).thenNoReply();
    }

    // ---- deciding ---------------------------------------------------------------------------

    /** What {@code command} does to a job in state {@code s}: the events to persist and the answer. */
    private Decided decide(JobState s, Command command) {
        if (command instanceof Get c) {
            return s.exists() ? accept(s, c.replyTo()) : reject(c.replyTo(), JobRejection.notFound(jobId));
        }
        if (command instanceof Create c) {
            if (s.exists()) {
                return reject(c.replyTo(), JobRejection.Kind.CONFLICT, "Job " + jobId + " already exists");
            }
            if (!JobState.DEMO.equals(c.runner()) && !JobState.EXTERNAL.equals(c.runner())) {
                return reject(c.replyTo(), JobRejection.Kind.INVALID, "runner must be 'demo' or 'external'");
            }
            return accept(s, c.replyTo(),
                    new JobEvent.Created(jobId, c.ownerId(), c.type(), c.runner(), c.input(), now()));
        }
        ActorRef<StatusReply<JobState>> replyTo = replyTo(command);
        if (!s.exists()) {
            return reject(replyTo, JobRejection.notFound(jobId));
        }
        if (s.status().terminal()) {
            return reject(replyTo, JobRejection.Kind.CONFLICT, "Job " + jobId + " is already " + s.status().wire());
        }
        boolean queued = s.status() == JobStatus.QUEUED;
        if (command instanceof Start) {
            return queued ? accept(s, replyTo, new JobEvent.Started(now()))
                    : reject(replyTo, JobRejection.Kind.CONFLICT, "Job " + jobId + " is already running");
        }
        if (command instanceof ReportProgress c) {
            return queued ? onProgressWhileQueued(s, c) : onProgress(s, c);
        }
        if (command instanceof Complete c) {
            return queued ? reject(replyTo, JobRejection.Kind.CONFLICT, "Job " + jobId + " was never started")
                    : accept(s, replyTo, new JobEvent.Completed(c.result(), now()));
        }
        if (command instanceof Fail c) {
            if (c.error() == null || c.error().isBlank()) {
                return reject(replyTo, JobRejection.Kind.INVALID, "error must not be empty");
            }
            return accept(s, replyTo, new JobEvent.Failed(truncate(c.error(), MAX_MESSAGE), now()));
        }
        if (command instanceof Cancel) {
            return accept(s, replyTo, new JobEvent.Cancelled(now()));
        }
        throw new IllegalArgumentException("not a job command: " + command);
    }

    private static ActorRef<StatusReply<JobState>> replyTo(Command command) {
        if (command instanceof Start c) {
            return c.replyTo();
        }
        if (command instanceof ReportProgress c) {
            return c.replyTo();
        }
        if (command instanceof Complete c) {
            return c.replyTo();
        }
        if (command instanceof Fail c) {
            return c.replyTo();
        }
        if (command instanceof Cancel c) {
            return c.replyTo();
        }
        throw new IllegalArgumentException("not a job command: " + command);
    }

    /** An external worker's first report starts its job; an in-process job must be started first. */
    private Decided onProgressWhileQueued(JobState s, ReportProgress c) {
        if (!JobState.EXTERNAL.equals(s.runner())) {
            return reject(c.replyTo(), JobRejection.Kind.CONFLICT, "Job " + jobId + " is not running");
        }
        String invalid = invalidReport(c);
        if (invalid != null) {
            return reject(c.replyTo(), JobRejection.Kind.INVALID, invalid);
        }
        Instant now = now();
        return accept(s, c.replyTo(), new JobEvent.Started(now),
                new JobEvent.ProgressReported(progressOf(s, c), c.message(), c.stage(), now));
    }

    private Decided onProgress(JobState s, ReportProgress c) {
        String invalid = invalidReport(c);
        if (invalid != null) {
            return reject(c.replyTo(), JobRejection.Kind.INVALID, invalid);
        }
        int progress = progressOf(s, c);
        boolean same = progress == s.progress()
                && (c.message() == null || c.message().equals(s.message()))
                && (c.stage() == null || c.stage().equals(s.stage()));
        if (same) {
            // Nothing new: acknowledged, and the journal is not filled with repeats.
            return accept(s, c.replyTo());
        }
        return accept(s, c.replyTo(), new JobEvent.ProgressReported(progress, c.message(), c.stage(), now()));
    }

    /** The progress a report leaves the job at: its own, or the job's when it gives none. */
    private static int progressOf(JobState s, ReportProgress c) {
        return c.progress() != null ? c.progress() : s.progress();
    }

    private static String invalidReport(ReportProgress c) {
        if (c.progress() != null && (c.progress() < 0 || c.progress() > 100)) {
            return "progress must be between 0 and 100, got " + c.progress();
        }
        if (c.message() != null && c.message().length() > MAX_MESSAGE) {
            return "message longer than " + MAX_MESSAGE + " characters";
        }
        if (c.stage() != null && c.stage().length() > MAX_STAGE) {
            return "stage longer than " + MAX_STAGE + " characters";
        }
        return null;
    }

    /** Success: the events applied to {@code before}, and the state they make as the answer. */
    private static Decided accept(JobState before, ActorRef<StatusReply<JobState>> replyTo, JobEvent... events) {
        List<JobUpdate> updates = new ArrayList<>(events.length);
        JobState s = before;
        for (JobEvent e : events) {
            s = s.apply(e);
            updates.add(JobUpdate.of(s, e));
        }
        return new Decided(replyTo, StatusReply.success(s), List.of(events), updates);
    }

    private static Decided reject(ActorRef<StatusReply<JobState>> replyTo, JobRejection.Kind kind, String reason) {
        return reject(replyTo, new JobRejection(kind, reason));
    }

    private static Decided reject(ActorRef<StatusReply<JobState>> replyTo, JobRejection rejection) {
        return new Decided(replyTo, StatusReply.error(rejection), List.of(), List.of());
    }

    private Instant now() {
        return clock.instant();
    }

    private static String truncate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }
}
