package dev.jobcast.jobs.runners;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jobcast.jobs.JdbcJournalTestKit;
import dev.jobcast.jobs.JobService;
import dev.jobcast.jobs.JobState;
import dev.jobcast.jobs.JobStatus;
import dev.jobcast.store.DatabaseSettings;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A crash leaves demo jobs running or queued in the journal; the next start fails the
 * interrupted ones and runs the queued ones. Two actor systems, one after the other, on
 * the same H2 database.
 */
class RestartRecoveryTest {
    private static final Duration WAIT = Duration.ofSeconds(15);

    private final DatabaseSettings database = JdbcJournalTestKit.freshDatabase();
    private JdbcJournalTestKit before;
    private JdbcJournalTestKit after;

    @AfterEach
    void stop() {
        if (before != null) {
            before.crash(); // a no-op if the test got that far
        }
        if (after != null) {
            after.close();
        }
    }

    private static <T> T await(CompletionStage<T> stage) {
        return stage.toCompletableFuture().join();
    }

    @Test
    void interruptedJobsFailAndQueuedJobsRunAfterARestart() {
        // ---- the first life: one slot, a long walk, and a crash in the middle of it ----
        before = JdbcJournalTestKit.start(database);
        JdbcJournalTestKit.Jobs first = before.jobs(Clock.systemUTC());
        JobService s1 = first.service();
        var runner1 = before.testKit().spawn(DemoRunner.create(JobControl.of(s1), 1, 10, Duration.ofMinutes(10)));
        s1.onDemoJobCreated(DemoRunner.enqueuer(runner1));

        long running = await(s1.create(1, "essay", JobState.DEMO, null)).id();
        long queuedA = await(s1.create(1, "essay", JobState.DEMO, null)).id();
        long queuedB = await(s1.create(2, "poem", JobState.DEMO, null)).id();
        long cancelled = await(s1.create(1, "essay", JobState.DEMO, null)).id();
        await(s1.cancel(cancelled));
        long external = await(s1.create(1, "scan", JobState.EXTERNAL, null)).id();
        await(s1.progress(external, 10, "worker busy", null));
        TestProbe<Object> probe = before.testKit().createTestProbe();
        probe.awaitAssert(WAIT, () -> {
            assertEquals("Researching", await(s1.get(running)).stage(), "the first job is mid-walk");
            return null;
        });
        assertEquals(JobStatus.QUEUED, await(s1.get(queuedA)).status());
        before.crash();

        // ---- the second life: catch the read side up, then recover ----
        after = JdbcJournalTestKit.start(database);
        JdbcJournalTestKit.Jobs second = after.jobs(Clock.systemUTC());
        JobService s2 = second.service();
        await(second.projection().catchUp());
        List<Long> handedOver = new CopyOnWriteArrayList<>();
        var runner2 = after.testKit().spawn(DemoRunner.create(JobControl.of(s2), 2, 10, Duration.ofMillis(200)));
        RestartRecovery recovery = new RestartRecovery(second.readSide(), JobControl.of(s2), id -> {
            handedOver.add(id);
            runner2.tell(new DemoRunner.Enqueue(id));
        });

        assertEquals(new RestartRecovery.Result(1, 2), await(recovery.run()));
        assertEquals(List.of(queuedA, queuedB), handedOver, "queued jobs go back in the order they came");

        JobState interrupted = await(s2.get(running));
        assertEquals(JobStatus.FAILED, interrupted.status());
        assertEquals(RestartRecovery.INTERRUPTED, interrupted.error());
        assertEquals("Researching", interrupted.stage(), "its progress so far is kept");
        TestProbe<Object> probe2 = after.testKit().createTestProbe();
        probe2.awaitAssert(WAIT, () -> {
            assertEquals(JobStatus.COMPLETED, await(s2.get(queuedA)).status());
            assertEquals(JobStatus.COMPLETED, await(s2.get(queuedB)).status());
            return null;
        });
        assertEquals(JobStatus.CANCELLED, await(s2.get(cancelled)).status(), "finished jobs are left alone");
        JobState worker = await(s2.get(external));
        assertEquals(JobStatus.RUNNING, worker.status(), "external jobs are the lease watcher's business");
        assertEquals(10, worker.progress());

        // Once everything is settled there is nothing left to recover.
        await(second.projection().catchUp());
        assertEquals(new RestartRecovery.Result(0, 0), await(recovery.run()));
    }

    @Test
    void aJobTheReadSideStillShowsRunningButThatEndedIsNotCounted() {
        after = JdbcJournalTestKit.start(database);
        JdbcJournalTestKit.Jobs jobs = after.jobs(Clock.systemUTC());
        JobService s = jobs.service();
        long id = await(s.create(1, "essay", JobState.DEMO, null)).id();
        await(s.start(id));
        await(jobs.projection().catchUp());
        await(s.cancel(id)); // the read side has not seen this yet

        List<Long> handedOver = new CopyOnWriteArrayList<>();
        RestartRecovery recovery = new RestartRecovery(jobs.readSide(), JobControl.of(s), handedOver::add);
        assertEquals(new RestartRecovery.Result(0, 0), await(recovery.run()));
        assertEquals(JobStatus.CANCELLED, await(s.get(id)).status());
        assertTrue(handedOver.isEmpty());
    }
}
