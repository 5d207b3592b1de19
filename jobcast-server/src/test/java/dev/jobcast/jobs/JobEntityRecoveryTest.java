package dev.jobcast.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.pattern.StatusReply;
import org.apache.pekko.persistence.testkit.javadsl.SnapshotTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** A job entity that stops and starts again is the same job: from events alone, or from a snapshot. */
class JobEntityRecoveryTest {
    private static final ActorTestKit SYSTEM = ActorTestKit.create(EntityHarness.config());
    private static final AtomicLong IDS = new AtomicLong(9000);

    @AfterAll
    static void shutdown() {
        SYSTEM.shutdownTestKit();
    }

    /** Ten events: created, started, eight reports. Returns the state after each. */
    private static List<JobState> tenEvents(EntityHarness job) {
        List<JobState> states = new ArrayList<>();
        states.add(job.queued(JobState.DEMO));
        states.add(job.ok(JobEntity.Start::new, JobEvent.Started.class));
        for (int i = 1; i <= 8; i++) {
            int p = i * 10;
            states.add(job.ok(r -> new JobEntity.ReportProgress(p, "Drafting (" + p + "%)", "Drafting", r),
                    JobEvent.ProgressReported.class));
        }
        return states;
    }

    @Test
    void restartWithoutSnapshotsReplaysToTheSameState() {
        EntityHarness job = new EntityHarness(SYSTEM, IDS.incrementAndGet(), 0);
        List<JobState> states = tenEvents(job);
        int heard = job.published.size();
        assertEquals(10, states.get(9).seq());
        assertTrue(job.kit.snapshotTestKit().isEmpty() || job.kit.snapshotTestKit().get()
                .persistedInStorage(JobEntity.persistenceId(job.jobId).id()).isEmpty(), "no snapshots taken");

        assertEquals(states.get(9), job.kit.restart().state());
        assertEquals(heard, job.published.size(), "replaying the journal publishes nothing again");
        JobState next = job.ok(r -> new JobEntity.ReportProgress(95, null, null, r), JobEvent.ProgressReported.class);
        assertEquals(11, next.seq(), "numbering carries on after the restart");
    }

    @Test
    void restartOfAFinishedJobKeepsResultAndTerminalState() {
        EntityHarness job = new EntityHarness(SYSTEM, IDS.incrementAndGet(), 0);
        job.running();
        var result = JsonNodeFactory.instance.objectNode().put("summary", "ok");
        result.putArray("stages").add("Researching");
        JobState done = job.ok(r -> new JobEntity.Complete(result, r), JobEvent.Completed.class);
        assertEquals(done, job.kit.restart().state());
        job.rejected(JobEntity.Cancel::new, JobRejection.Kind.CONFLICT);
    }

    @Test
    void snapshotsAreTakenEveryThirdEventAndRestoreTheState() {
        EntityHarness job = new EntityHarness(SYSTEM, IDS.incrementAndGet(), 3);
        List<JobState> states = tenEvents(job);
        String pid = JobEntity.persistenceId(job.jobId).id();
        SnapshotTestKit snapshots = job.kit.snapshotTestKit().orElseThrow();
        snapshots.expectNextPersisted(pid, states.get(2));
        snapshots.expectNextPersisted(pid, states.get(5));
        snapshots.expectNextPersisted(pid, states.get(8));

        assertEquals(states.get(9), job.kit.restart().state(), "snapshot at 9 plus event 10");

        // Without the events, only the snapshot can give back seq 9: proof that recovery reads it.
        job.kit.persistenceTestKit().clearByPersistenceId(pid);
        assertEquals(states.get(8), job.kit.restart().state());
    }

    // ---- the real journal: pekko-persistence-jdbc on H2 -------------------------------------

    @Test
    void jdbcJournalBringsBackTheSameStateAndWritesSnapshotRows() {
        try (JdbcJournalTestKit jdbc = JdbcJournalTestKit.start()) {
            ActorTestKit kit = jdbc.testKit();
            long jobId = 42;
            List<JobUpdate> heard = new CopyOnWriteArrayList<>();
            TestProbe<StatusReply<JobState>> probe = kit.createTestProbe();

            ActorRef<JobEntity.Command> first = kit.spawn(
                    JobEntity.create(jobId, 3, Duration.ofMinutes(1), null, heard::add, EntityHarness.CLOCK));
            first.tell(new JobEntity.Create(3, "essay", JobState.EXTERNAL, EntityHarness.input(), probe.ref()));
            JobState last = probe.receiveMessage().getValue();
            for (int p = 5; p <= 45; p += 5) {
                first.tell(new JobEntity.ReportProgress(p, "step " + p, null, probe.ref()));
                last = probe.receiveMessage().getValue();
            }
            assertEquals(11, last.seq(), "created, started, nine reports");
            assertEquals(11, heard.size());
            assertEquals(11, jdbc.queryLong("SELECT COUNT(*) FROM \"event_journal\" WHERE \"persistence_id\" = ?",
                    "Job|" + jobId));

            // Snapshots are written after the events, asynchronously: wait for the one at 9.
            probe.awaitAssert(Duration.ofSeconds(5), () -> {
                assertEquals(9, jdbc.queryLong("SELECT COALESCE(MAX(\"sequence_number\"), 0) FROM \"snapshot\" "
                        + "WHERE \"persistence_id\" = ?", "Job|" + jobId));
                return null;
            });

            kit.stop(first);
            ActorRef<JobEntity.Command> second = kit.spawn(
                    JobEntity.create(jobId, 3, Duration.ofMinutes(1), null, heard::add, EntityHarness.CLOCK));
            second.tell(new JobEntity.Get(probe.ref()));
            assertEquals(last, probe.receiveMessage().getValue());
            assertEquals(11, heard.size(), "recovery publishes nothing");

            second.tell(new JobEntity.Complete(null, probe.ref()));
            JobState done = probe.receiveMessage().getValue();
            assertEquals(JobStatus.COMPLETED, done.status());
            assertEquals(12, done.seq());
        }
    }
}
