package dev.jobcast.jobs;

import static dev.jobcast.jobs.EntityHarness.OWNER;
import static dev.jobcast.jobs.EntityHarness.T0;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The job entity's commands in the states before the end: empty, queued and running. */
class JobEntityTest {
    private static final ActorTestKit SYSTEM = ActorTestKit.create(EntityHarness.config());
    private static final AtomicLong IDS = new AtomicLong(1000);

    private EntityHarness job;

    @BeforeEach
    void freshEntity() {
        // A persistence id of its own per test: the in-memory journal is shared by the class.
        job = new EntityHarness(SYSTEM, IDS.incrementAndGet(), 0);
    }

    @AfterAll
    static void shutdown() {
        SYSTEM.shutdownTestKit();
    }

    // ---- empty ------------------------------------------------------------------------------

    @Test
    void createPersistsCreatedAndRepliesTheQueuedJob() {
        JobState s = job.queued(JobState.EXTERNAL);
        assertEquals(new JobState(job.jobId, OWNER, "essay", "external", JobStatus.QUEUED, 0, "Job queued", null,
                EntityHarness.input(), null, null, T0, T0, 1), s);
        assertEquals(1, job.published.size());
        JobUpdate u = job.published.get(0);
        assertEquals(1, u.seq());
        assertEquals("created", u.event());
        assertEquals(JobStatus.QUEUED, u.status());
    }

    @Test
    void createWithAnUnknownRunnerIsInvalid() {
        job.rejected(r -> new JobEntity.Create(OWNER, "essay", "cron", null, r), JobRejection.Kind.INVALID);
    }

    @Test
    void everyOtherCommandOnANonexistentJobIsNotFound() {
        JobRejection get = job.rejected(JobEntity.Get::new, JobRejection.Kind.NOT_FOUND);
        assertEquals("Job " + job.jobId + " not found or access denied", get.getMessage());
        job.rejected(JobEntity.Start::new, JobRejection.Kind.NOT_FOUND);
        job.rejected(r -> new JobEntity.ReportProgress(10, "m", "s", r), JobRejection.Kind.NOT_FOUND);
        job.rejected(r -> new JobEntity.Complete(null, r), JobRejection.Kind.NOT_FOUND);
        job.rejected(r -> new JobEntity.Fail("x", r), JobRejection.Kind.NOT_FOUND);
        job.rejected(JobEntity.Cancel::new, JobRejection.Kind.NOT_FOUND);
    }

    // ---- queued -----------------------------------------------------------------------------

    @Test
    void queuedJobStartsCancelsOrFails() {
        job.queued(JobState.DEMO);
        job.rejected(r -> new JobEntity.Create(OWNER, "essay", "demo", null, r), JobRejection.Kind.CONFLICT);
        assertEquals(JobStatus.QUEUED, job.ok(JobEntity.Get::new).status());
        JobState started = job.ok(JobEntity.Start::new, JobEvent.Started.class);
        assertEquals(JobStatus.RUNNING, started.status());
        assertEquals("Job started", started.message());
        assertEquals(2, started.seq());

        EntityHarness other = new EntityHarness(SYSTEM, IDS.incrementAndGet(), 0);
        other.queued(JobState.DEMO);
        assertEquals(JobStatus.CANCELLED, other.ok(JobEntity.Cancel::new, JobEvent.Cancelled.class).status());

        EntityHarness third = new EntityHarness(SYSTEM, IDS.incrementAndGet(), 0);
        third.queued(JobState.EXTERNAL);
        third.rejected(r -> new JobEntity.Fail("  ", r), JobRejection.Kind.INVALID);
        JobState failed = third.ok(r -> new JobEntity.Fail("no worker", r), JobEvent.Failed.class);
        assertEquals(JobStatus.FAILED, failed.status());
        assertEquals("no worker", failed.error());
        assertEquals("Job failed: no worker", failed.message());
    }

    @Test
    void completingANeverStartedJobIsAConflict() {
        job.queued(JobState.EXTERNAL);
        JobRejection r = job.rejected(rr -> new JobEntity.Complete(null, rr), JobRejection.Kind.CONFLICT);
        assertEquals("Job " + job.jobId + " was never started", r.getMessage());
    }

    @Test
    void anInProcessJobMustBeStartedBeforeItReports() {
        job.queued(JobState.DEMO);
        job.rejected(r -> new JobEntity.ReportProgress(10, "early", null, r), JobRejection.Kind.CONFLICT);
    }

    @Test
    void anExternalJobsFirstReportStartsIt() {
        job.queued(JobState.EXTERNAL);
        JobState s = job.ok(r -> new JobEntity.ReportProgress(15, "Fetching", "download", r),
                JobEvent.Started.class, JobEvent.ProgressReported.class);
        assertEquals(JobStatus.RUNNING, s.status());
        assertEquals(15, s.progress());
        assertEquals("Fetching", s.message());
        assertEquals("download", s.stage());
        assertEquals(3, s.seq());
        assertEquals(3, job.published.size());
        assertEquals("started", job.published.get(1).event());
        assertEquals(2, job.published.get(1).seq());
        assertEquals("progress", job.published.get(2).event());
        assertEquals(3, job.published.get(2).seq());
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, 101, Integer.MIN_VALUE, Integer.MAX_VALUE})
    void anExternalJobsFirstReportOutside0To100IsInvalid(int progress) {
        job.queued(JobState.EXTERNAL);
        job.rejected(r -> new JobEntity.ReportProgress(progress, null, null, r), JobRejection.Kind.INVALID);
        assertEquals(JobStatus.QUEUED, job.kit.getState().status());
    }

    // ---- running ----------------------------------------------------------------------------

    @Test
    void runningJobReportsProgressKeepingWhatIsNotGiven() {
        job.running();
        JobState a = job.ok(r -> new JobEntity.ReportProgress(0, "Researching (0%)", "Researching", r),
                JobEvent.ProgressReported.class);
        assertEquals(3, a.seq());
        JobState b = job.ok(r -> new JobEntity.ReportProgress(40, null, null, r), JobEvent.ProgressReported.class);
        assertEquals(40, b.progress());
        assertEquals("Researching (0%)", b.message(), "a null message leaves it unchanged");
        assertEquals("Researching", b.stage(), "a null stage leaves it unchanged");
        assertEquals(4, b.seq());
        JobState c = job.ok(r -> new JobEntity.ReportProgress(100, "done soon", "Polishing", r),
                JobEvent.ProgressReported.class);
        assertEquals(100, c.progress());
        assertEquals(JobStatus.RUNNING, c.status(), "100% is not completion");
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, 101, -100, 1000})
    void progressOutside0To100IsInvalid(int progress) {
        job.running();
        JobRejection r = job.rejected(rr -> new JobEntity.ReportProgress(progress, "x", null, rr),
                JobRejection.Kind.INVALID);
        assertTrue(r.getMessage().contains(Integer.toString(progress)), r.getMessage());
    }

    @Test
    void overlongMessageOrStageIsInvalid() {
        job.running();
        String longMessage = "m".repeat(JobEntity.MAX_MESSAGE + 1);
        String longStage = "s".repeat(JobEntity.MAX_STAGE + 1);
        job.rejected(r -> new JobEntity.ReportProgress(5, longMessage, null, r), JobRejection.Kind.INVALID);
        job.rejected(r -> new JobEntity.ReportProgress(5, null, longStage, r), JobRejection.Kind.INVALID);
        job.ok(r -> new JobEntity.ReportProgress(5, "m".repeat(JobEntity.MAX_MESSAGE),
                "s".repeat(JobEntity.MAX_STAGE), r), JobEvent.ProgressReported.class);
    }

    @Test
    void anIdenticalReportIsAcknowledgedWithoutPersisting() {
        job.running();
        JobState first = job.ok(r -> new JobEntity.ReportProgress(30, "Drafting (30%)", "Drafting", r),
                JobEvent.ProgressReported.class);
        int heard = job.published.size();
        assertEquals(first, job.ok(r -> new JobEntity.ReportProgress(30, "Drafting (30%)", "Drafting", r)));
        assertEquals(first, job.ok(r -> new JobEntity.ReportProgress(30, null, null, r)),
                "nulls mean unchanged, so this is the same report too");
        assertEquals(heard, job.published.size(), "a repeat is not published");
        job.ok(r -> new JobEntity.ReportProgress(30, "Drafting (30%)", "Editing", r),
                JobEvent.ProgressReported.class);
    }

    @Test
    void startingARunningJobIsAConflict() {
        JobState running = job.running();
        assertEquals(running, job.ok(JobEntity.Get::new));
        job.rejected(JobEntity.Start::new, JobRejection.Kind.CONFLICT);
        job.rejected(r -> new JobEntity.Create(OWNER, "essay", "demo", null, r), JobRejection.Kind.CONFLICT);
    }

    @Test
    void runningJobCompletesWithItsResult() {
        job.running();
        job.ok(r -> new JobEntity.ReportProgress(60, "Drafting (60%)", "Drafting", r), JobEvent.ProgressReported.class);
        var result = JsonNodeFactory.instance.objectNode().put("words", 512);
        JobState s = job.ok(r -> new JobEntity.Complete(result, r), JobEvent.Completed.class);
        assertEquals(JobStatus.COMPLETED, s.status());
        assertEquals(100, s.progress());
        assertEquals(result, s.result());
        assertEquals("Job completed successfully", s.message());
        assertEquals("Drafting", s.stage());
        assertNull(s.error());
        assertEquals(4, s.seq());
    }

    @Test
    void anOverlongErrorIsCutAndTheMessageStillFitsItsColumn() {
        job.running();
        JobState failed = job.ok(r -> new JobEntity.Fail("x".repeat(JobEntity.MAX_MESSAGE + 500), r),
                JobEvent.Failed.class);
        assertEquals(JobEntity.MAX_MESSAGE, failed.error().length());
        assertEquals(JobEntity.MAX_MESSAGE, failed.message().length());
        assertTrue(failed.message().startsWith("Job failed: xxx"));
    }

    @Test
    void runningJobFailsOrIsCancelledKeepingItsProgress() {
        job.running();
        job.ok(r -> new JobEntity.ReportProgress(45, null, null, r), JobEvent.ProgressReported.class);
        job.rejected(r -> new JobEntity.Fail("", r), JobRejection.Kind.INVALID);
        JobState failed = job.ok(r -> new JobEntity.Fail("disk full", r), JobEvent.Failed.class);
        assertEquals(45, failed.progress());
        assertEquals("disk full", failed.error());

        EntityHarness other = new EntityHarness(SYSTEM, IDS.incrementAndGet(), 0);
        other.running();
        other.ok(r -> new JobEntity.ReportProgress(20, null, null, r), JobEvent.ProgressReported.class);
        JobState cancelled = other.ok(JobEntity.Cancel::new, JobEvent.Cancelled.class);
        assertEquals(JobStatus.CANCELLED, cancelled.status());
        assertEquals(20, cancelled.progress());
        assertEquals("Job was cancelled", cancelled.message());
    }
}
