package dev.jobcast.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
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
 * only after it is in the journal.
 */
public final class JobEntity extends EventSourcedBehaviorWithEnforcedReplies<JobEntity.Command, JobEvent, JobState> {

    /** Every job event carries this tag, for the read side's projection. */
    public static final String TAG = "job";
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

    /** {@code message} and {@code stage} may be null (unchanged). */
    public record ReportProgress(int progress, String message, String stage,
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

    /** Nothing came for a while: ask the registry to passivate this entity. */
    enum Idle implements Command { INSTANCE }

    private final long jobId;
    private final int snapshotEvery;
    private final Consumer<JobUpdate> publisher;
    private final Clock clock;
    private final ActorRef<JobRegistry.Command> registry;
    private final org.apache.pekko.actor.typed.javadsl.ActorContext<Command> context;

    public static PersistenceId persistenceId(long jobId) {
        return PersistenceId.of(ENTITY_TYPE, Long.toString(jobId));
    }

    /**
     * @param registry     told when this entity has been idle for {@code idleAfter}, or null
     * @param publisher    hears every persisted event, in order, after it is persisted
     */
    public static Behavior<Command> create(long jobId, int snapshotEvery, Duration idleAfter,
                                           ActorRef<JobRegistry.Command> registry, Consumer<JobUpdate> publisher,
                                           Clock clock) {
        return Behaviors.setup(ctx -> {
            if (registry != null) {
                ctx.setReceiveTimeout(idleAfter, Idle.INSTANCE);
            }
            return new JobEntity(ctx, jobId, snapshotEvery, registry, publisher, clock);
        });
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
    public Set<String> tagsFor(JobEvent event) {
        return Set.of(TAG);
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
        b.forState(s -> !s.exists())
                .onCommand(Create.class, this::onCreate)
                .onCommand(Get.class, c -> notFound(c.replyTo()))
                .onCommand(Start.class, c -> notFound(c.replyTo()))
                .onCommand(ReportProgress.class, c -> notFound(c.replyTo()))
                .onCommand(Complete.class, c -> notFound(c.replyTo()))
                .onCommand(Fail.class, c -> notFound(c.replyTo()))
                .onCommand(Cancel.class, c -> notFound(c.replyTo()));
        b.forState(s -> s.exists() && s.status() == JobStatus.QUEUED)
                .onCommand(Start.class, (s, c) -> persist(s, c.replyTo(), new JobEvent.Started(now())))
                .onCommand(ReportProgress.class, this::onProgressWhileQueued)
                .onCommand(Complete.class, (s, c) -> reject(c.replyTo(), JobRejection.Kind.CONFLICT,
                        "Job " + jobId + " was never started"))
                .onCommand(Fail.class, this::onFail)
                .onCommand(Cancel.class, (s, c) -> persist(s, c.replyTo(), new JobEvent.Cancelled(now())));
        b.forState(s -> s.exists() && s.status() == JobStatus.RUNNING)
                .onCommand(Start.class, (s, c) -> reject(c.replyTo(), JobRejection.Kind.CONFLICT,
                        "Job " + jobId + " is already running"))
                .onCommand(ReportProgress.class, this::onProgress)
                .onCommand(Complete.class, (s, c) -> persist(s, c.replyTo(), new JobEvent.Completed(c.result(), now())))
                .onCommand(Fail.class, this::onFail)
                .onCommand(Cancel.class, (s, c) -> persist(s, c.replyTo(), new JobEvent.Cancelled(now())));
        b.forState(s -> s.exists() && s.status().terminal())
                .onCommand(Start.class, (s, c) -> terminal(s, c.replyTo()))
                .onCommand(ReportProgress.class, (s, c) -> terminal(s, c.replyTo()))
                .onCommand(Complete.class, (s, c) -> terminal(s, c.replyTo()))
                .onCommand(Fail.class, (s, c) -> terminal(s, c.replyTo()))
                .onCommand(Cancel.class, (s, c) -> terminal(s, c.replyTo()));
        b.forState(JobState::exists)
                .onCommand(Create.class, (s, c) -> reject(c.replyTo(), JobRejection.Kind.CONFLICT,
                        "Job " + jobId + " already exists"));
        b.forAnyState()
                .onCommand(Get.class, (s, c) -> Effect().reply(c.replyTo(), StatusReply.success(s)))
                .onCommand(Idle.class, (s, c) -> {
                    if (registry != null) {
                        registry.tell(new JobRegistry.Passivate(jobId, context.getSelf()));
                    }
                    return Effect().noReply();
                })
                .onCommand(Stop.class, (s, c) -> Effect().stop().thenNoReply());
        return b.build();
    }

    private ReplyEffect<JobEvent, JobState> onCreate(JobState s, Create c) {
        if (!JobState.DEMO.equals(c.runner()) && !JobState.EXTERNAL.equals(c.runner())) {
            return reject(c.replyTo(), JobRejection.Kind.INVALID, "runner must be 'demo' or 'external'");
        }
        return persist(s, c.replyTo(), new JobEvent.Created(jobId, c.ownerId(), c.type(), c.runner(), c.input(), now()));
    }

    /** An external worker's first report starts its job; an in-process job must be started first. */
    private ReplyEffect<JobEvent, JobState> onProgressWhileQueued(JobState s, ReportProgress c) {
        if (!JobState.EXTERNAL.equals(s.runner())) {
            return reject(c.replyTo(), JobRejection.Kind.CONFLICT, "Job " + jobId + " is not running");
        }
        String invalid = invalidReport(c);
        if (invalid != null) {
            return reject(c.replyTo(), JobRejection.Kind.INVALID, invalid);
        }
        Instant now = now();
        return persist(s, c.replyTo(), new JobEvent.Started(now),
                new JobEvent.ProgressReported(c.progress(), c.message(), c.stage(), now));
    }

    private ReplyEffect<JobEvent, JobState> onProgress(JobState s, ReportProgress c) {
        String invalid = invalidReport(c);
        if (invalid != null) {
            return reject(c.replyTo(), JobRejection.Kind.INVALID, invalid);
        }
        boolean same = c.progress() == s.progress()
                && (c.message() == null || c.message().equals(s.message()))
                && (c.stage() == null || c.stage().equals(s.stage()));
        if (same) {
            // Nothing new: acknowledged, and the journal is not filled with repeats.
            return Effect().reply(c.replyTo(), StatusReply.success(s));
        }
        return persist(s, c.replyTo(), new JobEvent.ProgressReported(c.progress(), c.message(), c.stage(), now()));
    }

    private ReplyEffect<JobEvent, JobState> onFail(JobState s, Fail c) {
        if (c.error() == null || c.error().isBlank()) {
            return reject(c.replyTo(), JobRejection.Kind.INVALID, "error must not be empty");
        }
        return persist(s, c.replyTo(), new JobEvent.Failed(truncate(c.error(), MAX_MESSAGE), now()));
    }

    private static String invalidReport(ReportProgress c) {
        if (c.progress() < 0 || c.progress() > 100) {
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

    private ReplyEffect<JobEvent, JobState> persist(JobState before, ActorRef<StatusReply<JobState>> replyTo,
                                                   JobEvent... events) {
        List<JobUpdate> updates = new ArrayList<>(events.length);
        JobState s = before;
        for (JobEvent e : events) {
            s = s.apply(e);
            updates.add(JobUpdate.of(s, e));
        }
        return Effect().persist(List.of(events))
                .thenRun(after -> updates.forEach(publisher))
                .thenReply(replyTo, StatusReply::success);
    }

    private ReplyEffect<JobEvent, JobState> terminal(JobState s, ActorRef<StatusReply<JobState>> replyTo) {
        return reject(replyTo, JobRejection.Kind.CONFLICT, "Job " + jobId + " is already " + s.status().wire());
    }

    private ReplyEffect<JobEvent, JobState> notFound(ActorRef<StatusReply<JobState>> replyTo) {
        return Effect().reply(replyTo, StatusReply.error(JobRejection.notFound(jobId)));
    }

    private ReplyEffect<JobEvent, JobState> reject(ActorRef<StatusReply<JobState>> replyTo, JobRejection.Kind kind,
                                                  String reason) {
        return Effect().reply(replyTo, StatusReply.error(new JobRejection(kind, reason)));
    }

    private Instant now() {
        return clock.instant();
    }

    private static String truncate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }
}
