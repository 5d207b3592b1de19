package dev.jobcast.jobs.runners;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jobcast.jobs.JdbcJournalTestKit;
import dev.jobcast.jobs.JobState;
import dev.jobcast.jobs.JobStatus;
import dev.jobcast.jobs.JobUpdate;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.pekko.actor.testkit.typed.javadsl.FishingOutcomes;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The demo runner against the real job service, journal and entities on H2. */
class DemoRunnerTest {
    private static final Duration WAIT = Duration.ofSeconds(15);

    private JdbcJournalTestKit jdbc;
    private JdbcJournalTestKit.Jobs jobs;
    private TestProbe<JobUpdate> updates;

    @BeforeEach
    void start() {
        jdbc = JdbcJournalTestKit.start();
        updates = jdbc.testKit().createTestProbe();
        jobs = jdbc.jobs(0, Duration.ofMinutes(10), updates.ref()::tell, Clock.systemUTC());
    }

    @AfterEach
    void stop() {
        jdbc.close();
    }

    private ActorRef<DemoRunner.Command> runner(JobControl control, int parallelism, int maxQueued, Duration d) {
        ActorRef<DemoRunner.Command> runner = jdbc.testKit().spawn(DemoRunner.create(control, parallelism, maxQueued, d));
        jobs.service().onDemoJobCreated(DemoRunner.enqueuer(runner));
        return runner;
    }

    private long createDemo() {
        return jobs.service().create(1, "essay", JobState.DEMO, null).toCompletableFuture().join().id();
    }

    private JobState get(long id) {
        return jobs.service().get(id).toCompletableFuture().join();
    }

    private void awaitStatus(long id, JobStatus status) {
        updates.awaitAssert(WAIT, () -> {
            assertEquals(status, get(id).status());
            return null;
        });
    }

    /** Every update of one job up to and including its completion. */
    private List<JobUpdate> updatesUntilCompleted(long id) {
        List<JobUpdate> seen = new ArrayList<>();
        updates.fishForMessage(WAIT, u -> {
            if (u.jobId() != id) {
                return FishingOutcomes.continueAndIgnore();
            }
            seen.add(u);
            return u.status() == JobStatus.COMPLETED
                    ? FishingOutcomes.complete()
                    : FishingOutcomes.continueAndIgnore();
        });
        return seen;
    }

    private static void assertAWholeWalk(List<JobUpdate> seen) {
        assertEquals(List.of("created", "started"), seen.subList(0, 2).stream().map(JobUpdate::event).toList());
        List<JobUpdate> reports = seen.subList(2, seen.size() - 1);
        assertEquals(21, reports.size(), "seven reports per stage");
        assertTrue(reports.stream().allMatch(u -> u.event().equals("progress")));
        assertEquals(List.of("Researching", "Drafting", "Polishing"),
                reports.stream().map(JobUpdate::stage).distinct().toList());
        reports.forEach(u -> assertEquals(u.stage() + " (" + u.progress() + "%)", u.message()));
        for (int i = 1; i < reports.size(); i++) {
            assertTrue(reports.get(i).progress() > reports.get(i - 1).progress(), "progress only goes up");
        }
        for (int i = 0; i < seen.size(); i++) {
            assertEquals(i + 1, seen.get(i).seq(), "one update per event, none missing");
        }
        JobUpdate done = seen.get(seen.size() - 1);
        assertEquals(100, done.progress());
        JsonNode result = done.result();
        assertEquals(3, result.get("stages").size());
        assertTrue(result.get("words").asInt() > 0);
        assertTrue(result.hasNonNull("summary"));
    }

    @Test
    void walksTheStagesAndCompletes() {
        runner(JobControl.of(jobs.service()), 2, 10, Duration.ofMillis(300));
        long id = createDemo();
        assertAWholeWalk(updatesUntilCompleted(id));
        assertEquals(JobStatus.COMPLETED, get(id).status());
    }

    @Test
    void runsAtMostParallelismAndFailsWhatTheQueueCannotHold() {
        var runner = runner(JobControl.of(jobs.service()), 1, 1, Duration.ofSeconds(30));
        long first = createDemo();
        long second = createDemo();
        long third = createDemo();

        awaitStatus(third, JobStatus.FAILED);
        assertEquals(DemoRunner.TOO_MANY_QUEUED, get(third).error());
        awaitStatus(first, JobStatus.RUNNING);
        updates.awaitAssert(WAIT, () -> {
            assertTrue(get(first).progress() > 0, "the first job is under way");
            return null;
        });
        assertEquals(JobStatus.QUEUED, get(second).status(), "the second waits for the only slot");
        TestProbe<DemoQueue> inspect = jdbc.testKit().createTestProbe();
        runner.tell(new DemoRunner.Inspect(inspect.ref()));
        DemoQueue q = inspect.receiveMessage();
        assertEquals(Set.of(first), q.running());
        assertEquals(List.of(second), q.waiting());

        // Cancelling the running job frees its slot at its next report.
        long cancelledAt = jobs.service().cancel(first).toCompletableFuture().join().seq();
        awaitStatus(second, JobStatus.RUNNING);
        assertEquals(JobStatus.CANCELLED, get(first).status());
        assertEquals(cancelledAt, get(first).seq(), "nothing was written for the job after its cancel");
        runner.tell(new DemoRunner.Inspect(inspect.ref()));
        assertEquals(Set.of(second), inspect.receiveMessage().running());
    }

    @Test
    void aJobCancelledWhileWaitingIsSkipped() {
        var runner = runner(JobControl.of(jobs.service()), 1, 5, Duration.ofSeconds(30));
        long first = createDemo();
        long second = createDemo();
        jobs.service().cancel(second).toCompletableFuture().join();
        awaitStatus(first, JobStatus.RUNNING);
        jobs.service().cancel(first).toCompletableFuture().join();

        TestProbe<DemoQueue> inspect = jdbc.testKit().createTestProbe();
        inspect.awaitAssert(WAIT, () -> {
            runner.tell(new DemoRunner.Inspect(inspect.ref()));
            DemoQueue q = inspect.receiveMessage();
            assertTrue(q.running().isEmpty() && q.waiting().isEmpty(), q.toString());
            return null;
        });
        assertEquals(JobStatus.CANCELLED, get(second).status());
        assertEquals(2, get(second).seq(), "created, cancelled: never started");
    }

    /** A job service whose first start reply is lost after the start happened, and whose first report is lost. */
    private JobControl losingReplies() {
        JobControl real = JobControl.of(jobs.service());
        AtomicBoolean startLost = new AtomicBoolean();
        AtomicBoolean reportLost = new AtomicBoolean();
        return new JobControl() {
            public CompletionStage<JobState> get(long id) {
                return real.get(id);
            }

            public CompletionStage<JobState> start(long id) {
                CompletionStage<JobState> done = real.start(id);
                return startLost.compareAndSet(false, true)
                        ? done.thenCompose(s -> CompletableFuture.failedFuture(new TimeoutException("lost reply")))
                        : done;
            }

            public CompletionStage<JobState> progress(long id, int p, String message, String stage) {
                return reportLost.compareAndSet(false, true)
                        ? CompletableFuture.failedFuture(new TimeoutException("lost request"))
                        : real.progress(id, p, message, stage);
            }

            public CompletionStage<JobState> complete(long id, JsonNode result) {
                return real.complete(id, result);
            }

            public CompletionStage<JobState> fail(long id, String error) {
                return real.fail(id, error);
            }
        };
    }

    @Test
    void aLostReplyIsRetriedWithoutRepeatingOrSkippingAnything() {
        runner(losingReplies(), 1, 5, Duration.ofMillis(300));
        long id = createDemo();
        assertAWholeWalk(updatesUntilCompleted(id));
        assertEquals(JobStatus.COMPLETED, get(id).status());
    }
}
