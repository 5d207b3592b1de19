package dev.jobcast.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.pattern.StatusReply;
import org.apache.pekko.persistence.testkit.javadsl.EventSourcedBehaviorTestKit;

/**
 * One JobEntity under Pekko's EventSourcedBehaviorTestKit, with every event and the state
 * round-tripped through the Jackson serializer, and the updates its publisher heard.
 */
final class EntityHarness {
    static final Instant T0 = Instant.parse("2024-05-01T10:00:00Z");
    static final Clock CLOCK = Clock.fixed(T0, ZoneOffset.UTC);
    static final long OWNER = 7;

    final long jobId;
    final List<JobUpdate> published = new CopyOnWriteArrayList<>();
    final EventSourcedBehaviorTestKit<JobEntity.Command, JobEvent, JobState> kit;

    /**
     * In-memory journal and snapshots. The journal does not serialize (Pekko warns against it
     * here): the testkit itself round-trips every event and state, see the constructor.
     */
    static Config config() {
        return ConfigFactory.parseString("""
                        pekko.actor.serialization-bindings {
                          "dev.jobcast.jobs.JournalSerializable" = jackson-json
                        }
                        """)
                .withFallback(EventSourcedBehaviorTestKit.config())
                .withFallback(ConfigFactory.load());
    }

    EntityHarness(ActorTestKit system, long jobId, int snapshotEvery) {
        this.jobId = jobId;
        // Every event and every state goes through the Jackson serializer and must come back equal.
        // Commands carry ActorRefs and never leave the node, so they are not checked.
        this.kit = EventSourcedBehaviorTestKit.create(system.system(),
                JobEntity.create(jobId, snapshotEvery, Duration.ofMinutes(1), null, published::add, CLOCK),
                EventSourcedBehaviorTestKit.enabledSerializationSettings()
                        .withVerifyCommands(false)
                        .withVerifyEquality(true));
    }

    static JsonNode input() {
        var input = JsonNodeFactory.instance.objectNode();
        input.put("topic", "otters").put("pages", 3).putArray("tags").add("a").add("b");
        return input;
    }

    /** Runs a command that must succeed and persist exactly these events, in this order. */
    @SafeVarargs
    final JobState ok(Function<ActorRef<StatusReply<JobState>>, JobEntity.Command> command,
                      Class<? extends JobEvent>... events) {
        var result = kit.<StatusReply<JobState>>runCommand(command::apply);
        assertTrue(result.reply().isSuccess(), () -> "expected success, got " + result.reply());
        assertEquals(Arrays.asList(events), result.events().stream().map(Object::getClass).toList(),
                "events persisted");
        assertEquals(result.state(), result.reply().getValue(), "the reply is the new state");
        return result.state();
    }

    /** Runs a command that must be refused with {@code kind}: nothing persisted, published or changed. */
    JobRejection rejected(Function<ActorRef<StatusReply<JobState>>, JobEntity.Command> command,
                          JobRejection.Kind kind) {
        JobState before = kit.getState();
        int heard = published.size();
        var result = kit.<StatusReply<JobState>>runCommand(command::apply);
        assertTrue(result.reply().isError(), () -> "expected a rejection, got " + result.reply());
        JobRejection rejection = assertInstanceOf(JobRejection.class, result.reply().getError());
        assertEquals(kind, rejection.kind(), rejection.getMessage());
        assertTrue(result.hasNoEvents(), () -> "a rejected command persisted " + result.events());
        assertEquals(before, result.state(), "state unchanged");
        assertEquals(heard, published.size(), "nothing published for a rejected command");
        return rejection;
    }

    JobState queued(String runner) {
        return ok(r -> new JobEntity.Create(OWNER, "essay", runner, input(), r), JobEvent.Created.class);
    }

    JobState running() {
        queued(JobState.DEMO);
        return ok(JobEntity.Start::new, JobEvent.Started.class);
    }

    JobState inState(JobStatus status) {
        return switch (status) {
            case QUEUED -> queued(JobState.DEMO);
            case RUNNING -> running();
            case COMPLETED -> {
                running();
                yield ok(r -> new JobEntity.Complete(JsonNodeFactory.instance.objectNode().put("ok", true), r),
                        JobEvent.Completed.class);
            }
            case FAILED -> {
                running();
                yield ok(r -> new JobEntity.Fail("boom", r), JobEvent.Failed.class);
            }
            case CANCELLED -> {
                running();
                yield ok(JobEntity.Cancel::new, JobEvent.Cancelled.class);
            }
        };
    }
}
