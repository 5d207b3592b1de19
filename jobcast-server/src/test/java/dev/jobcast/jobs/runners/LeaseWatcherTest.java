package dev.jobcast.jobs.runners;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jobcast.jobs.JdbcJournalTestKit;
import dev.jobcast.jobs.JobService;
import dev.jobcast.jobs.JobState;
import dev.jobcast.jobs.JobStatus;
import dev.jobcast.jobs.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * External jobs whose worker went silent for longer than the lease are failed. Ages come
 * from a clock the test moves, shared by the entities and the watcher.
 */
class LeaseWatcherTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2024-05-01T10:00:00Z"));
    private JdbcJournalTestKit jdbc;
    private JdbcJournalTestKit.Jobs jobs;
    private JobService service;

    @BeforeEach
    void start() {
        jdbc = JdbcJournalTestKit.start();
        jobs = jdbc.jobs(clock);
        service = jobs.service();
    }

    @AfterEach
    void stop() {
        jdbc.close();
    }

    private static <T> T await(CompletionStage<T> stage) {
        return stage.toCompletableFuture().join();
    }

    private long runningExternal() {
        long id = await(service.create(1, "scan", JobState.EXTERNAL, null)).id();
        await(service.progress(id, 5, "working", null));
        return id;
    }

    private LeaseWatcher.ScanResult scan(ActorRef<LeaseWatcher.Command> watcher) {
        TestProbe<LeaseWatcher.ScanResult> probe = jdbc.testKit().createTestProbe();
        watcher.tell(new LeaseWatcher.ScanNow(probe.ref()));
        return probe.receiveMessage(Duration.ofSeconds(10));
    }

    @Test
    void failsOnlyRunningExternalJobsSilentForLongerThanTheLease() {
        // An hour's lease: its periodic scans never come during the test; ScanNow does the work.
        var watcher = jdbc.testKit().spawn(LeaseWatcher.create(jobs.readSide(), JobControl.of(service),
                Duration.ofHours(1), clock));
        long silent = runningExternal();
        long chatty = runningExternal();
        long queued = await(service.create(1, "scan", JobState.EXTERNAL, null)).id();
        long demo = await(service.create(1, "essay", JobState.DEMO, null)).id();
        await(service.start(demo));

        clock.advance(Duration.ofMinutes(40));
        await(service.progress(chatty, 50, "still here", null));
        clock.advance(Duration.ofMinutes(30));
        await(jobs.projection().catchUp());

        assertEquals(List.of(silent), scan(watcher).failed());
        JobState lost = await(service.get(silent));
        assertEquals(JobStatus.FAILED, lost.status());
        assertEquals(LeaseWatcher.WORKER_LOST, lost.error());
        assertEquals(JobStatus.RUNNING, await(service.get(chatty)).status(), "30 minutes silent is within the lease");
        assertEquals(JobStatus.QUEUED, await(service.get(queued)).status(), "a job no worker took has no lease");
        assertEquals(JobStatus.RUNNING, await(service.get(demo)).status(), "in-process jobs are not leased");

        await(jobs.projection().catchUp());
        assertEquals(List.of(), scan(watcher).failed(), "nothing more has expired");
    }

    @Test
    void theEntityHasTheLastWordWhenTheReadSideLags() {
        var watcher = jdbc.testKit().spawn(LeaseWatcher.create(jobs.readSide(), JobControl.of(service),
                Duration.ofHours(1), clock));
        long reported = runningExternal();
        long completed = runningExternal();
        await(jobs.projection().catchUp());

        clock.advance(Duration.ofMinutes(61));
        // Both happen after the read side's last look: it still shows both silent and running.
        await(service.progress(reported, 80, "just in time", null));
        await(service.complete(completed, null));
        assertEquals(2, await(jobs.readSide().byRunnerAndStatus(JobState.EXTERNAL, JobStatus.RUNNING)).size());

        assertEquals(List.of(), scan(watcher).failed());
        assertEquals(JobStatus.RUNNING, await(service.get(reported)).status());
        assertEquals(JobStatus.COMPLETED, await(service.get(completed)).status());
    }

    @Test
    void scansOnItsOwnEveryQuarterLease() {
        jdbc.testKit().spawn(LeaseWatcher.create(jobs.readSide(), JobControl.of(service),
                Duration.ofMillis(400), clock));
        long silent = runningExternal();
        await(jobs.projection().catchUp());
        clock.advance(Duration.ofSeconds(1));

        TestProbe<Object> probe = jdbc.testKit().createTestProbe();
        probe.awaitAssert(Duration.ofSeconds(10), () -> {
            JobState job = await(service.get(silent));
            assertEquals(JobStatus.FAILED, job.status());
            assertEquals(LeaseWatcher.WORKER_LOST, job.error());
            return null;
        });
    }
}
