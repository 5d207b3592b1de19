package dev.jobcast.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.stream.Stream;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.pattern.StatusReply;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Terminal states are final; and what the publisher hears over a job's whole life. */
class JobEntityTerminalTest {
    private static final ActorTestKit SYSTEM = ActorTestKit.create(EntityHarness.config());
    private static final AtomicLong IDS = new AtomicLong(5000);

    @AfterAll
    static void shutdown() {
        SYSTEM.shutdownTestKit();
    }

    static Stream<Arguments> terminalStatesAndCommands() {
        List<Function<ActorRef<StatusReply<JobState>>, JobEntity.Command>> commands = List.of(
                r -> new JobEntity.Create(1, "essay", "demo", null, r),
                JobEntity.Start::new,
                r -> new JobEntity.ReportProgress(50, "again", null, r),
                r -> new JobEntity.ReportProgress(100, null, null, r),
                r -> new JobEntity.Complete(JsonNodeFactory.instance.objectNode(), r),
                r -> new JobEntity.Fail("late", r),
                JobEntity.Cancel::new);
        List<String> names = List.of("Create", "Start", "ReportProgress", "ReportProgress(100)", "Complete",
                "Fail", "Cancel");
        return Stream.of(JobStatus.COMPLETED, JobStatus.FAILED, JobStatus.CANCELLED)
                .flatMap(status -> Stream.iterate(0, i -> i + 1).limit(commands.size())
                        .map(i -> Arguments.of(status, names.get(i), commands.get(i))));
    }

    @ParameterizedTest(name = "{1} on a {0} job")
    @MethodSource("terminalStatesAndCommands")
    void anythingAfterTheEndIsAConflict(JobStatus status, String name,
                                        Function<ActorRef<StatusReply<JobState>>, JobEntity.Command> command) {
        EntityHarness job = new EntityHarness(SYSTEM, IDS.incrementAndGet(), 0);
        JobState end = job.inState(status);
        assertEquals(status, end.status());
        job.rejected(command, JobRejection.Kind.CONFLICT);
        assertEquals(end, job.ok(JobEntity.Get::new), "Get still answers with the final state");
    }

    @Test
    void theRejectionNamesTheFinalState() {
        EntityHarness job = new EntityHarness(SYSTEM, IDS.incrementAndGet(), 0);
        job.inState(JobStatus.CANCELLED);
        JobRejection r = job.rejected(JobEntity.Start::new, JobRejection.Kind.CONFLICT);
        assertEquals("Job " + job.jobId + " is already cancelled", r.getMessage());
    }

    @Test
    void thePublisherHearsEachPersistedEventOnceWithItsSeq() {
        EntityHarness job = new EntityHarness(SYSTEM, IDS.incrementAndGet(), 0);
        job.queued(JobState.EXTERNAL);
        job.rejected(r -> new JobEntity.Complete(null, r), JobRejection.Kind.CONFLICT);
        job.ok(r -> new JobEntity.ReportProgress(10, "a", "one", r), JobEvent.Started.class,
                JobEvent.ProgressReported.class);
        job.rejected(r -> new JobEntity.ReportProgress(101, null, null, r), JobRejection.Kind.INVALID);
        job.ok(r -> new JobEntity.ReportProgress(10, "a", "one", r));
        job.ok(r -> new JobEntity.ReportProgress(55, "b", "two", r), JobEvent.ProgressReported.class);
        var result = JsonNodeFactory.instance.objectNode().put("n", 1);
        job.ok(r -> new JobEntity.Complete(result, r), JobEvent.Completed.class);
        job.rejected(JobEntity.Cancel::new, JobRejection.Kind.CONFLICT);

        List<JobUpdate> heard = job.published;
        assertEquals(List.of(1L, 2L, 3L, 4L, 5L), heard.stream().map(JobUpdate::seq).toList(),
                "seq goes up by one per event and nothing is heard twice");
        assertEquals(List.of("created", "started", "progress", "progress", "completed"),
                heard.stream().map(JobUpdate::event).toList());
        assertEquals(List.of(JobStatus.QUEUED, JobStatus.RUNNING, JobStatus.RUNNING, JobStatus.RUNNING,
                JobStatus.COMPLETED), heard.stream().map(JobUpdate::status).toList());
        assertEquals(List.of(0, 0, 10, 55, 100), heard.stream().map(JobUpdate::progress).toList());
        JobUpdate last = heard.get(4);
        assertEquals(job.jobId, last.jobId());
        assertEquals(EntityHarness.OWNER, last.ownerId());
        assertEquals(result, last.result());
        assertEquals("two", last.stage());
        assertEquals(EntityHarness.T0, last.timestamp());
        assertEquals(5, job.kit.getState().seq(), "the state's seq is the last event's sequence number");
    }
}
