package dev.jobcast.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The journal's write queue is bounded (jdbc-journal.bufferSize): past the bound a write fails
 * rather than waits. Its job answers with a failure (never a success), nothing of it is in
 * the journal, nothing half of it either, and the job takes commands again afterwards.
 */
class JournalQueueBoundTest {
    private static final int JOBS = 60;

    private JdbcJournalTestKit jdbc;

    @AfterEach
    void stop() {
        if (jdbc != null) {
            jdbc.close();
        }
    }

    @Test
    void writesPastTheQueuesBoundFailAndLeaveTheJournalWhole() throws Exception {
        // One write in a transaction and two waiting, at most: 60 jobs writing at once overflow it.
        // Failed writes open the journal's circuit breaker (Pekko's: 10 failures, then every write
        // fails fast until reset-timeout, 30 s as shipped); 1 s here.
        jdbc = JdbcJournalTestKit.start(JdbcJournalTestKit.freshDatabase(), ConfigFactory.parseString(
                "jdbc-journal.bufferSize = 2\njdbc-journal.parallelism = 1\njdbc-journal.batchSize = 1\n"
                        + "jdbc-journal.circuit-breaker.reset-timeout = 1s"));
        MutableClock clock = new MutableClock(Instant.parse("2024-05-01T10:00:00Z"));
        JdbcJournalTestKit.Jobs jobs = jdbc.jobs(clock);
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < JOBS; i++) {
            // Created one at a time: each write alone in the queue.
            ids.add(jobs.service().create(1, "bound", JobState.EXTERNAL, null).toCompletableFuture()
                    .get(30, TimeUnit.SECONDS).id());
        }

        // Every job's first report at once: started + progress, one atomic write per job.
        List<CompletableFuture<JobState>> reports = new ArrayList<>();
        for (long id : ids) {
            reports.add(jobs.service().progress(id, 10, "at once", null).toCompletableFuture());
        }
        int accepted = 0;
        List<Long> refused = new ArrayList<>();
        for (int i = 0; i < JOBS; i++) {
            try {
                JobState s = reports.get(i).get(30, TimeUnit.SECONDS);
                assertEquals(3, s.seq(), "an accepted first report is created, started, progress");
                accepted++;
            } catch (java.util.concurrent.ExecutionException e) {
                // The failed write stops the entity: its caller hears nothing more and times out.
                assertInstanceOf(java.util.concurrent.TimeoutException.class, e.getCause(), e.toString());
                refused.add(ids.get(i));
            }
        }
        assertTrue(accepted > 0, "some writes fit in the queue");
        assertTrue(!refused.isEmpty(), "60 writes at once overflow a queue of 2: some must fail");

        // The journal holds exactly the accepted reports, each whole (both its events or neither).
        for (int i = 0; i < JOBS; i++) {
            long rows = jdbc.queryLong("SELECT COUNT(*) FROM \"event_journal\" WHERE \"persistence_id\" = ?",
                    JobEntity.persistenceId(ids.get(i)).id());
            assertEquals(refused.contains(ids.get(i)) ? 1 : 3, rows, "journal rows of job " + ids.get(i));
        }
        // Once the breaker has closed again, a refused job takes its report when sent again.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        for (long id : refused) {
            JobState s = null;
            while (s == null) {
                try {
                    s = jobs.service().progress(id, 20, "again", null).toCompletableFuture().get(30, TimeUnit.SECONDS);
                } catch (java.util.concurrent.ExecutionException e) {
                    assertTrue(System.nanoTime() < deadline, "job " + id + " never took a report again: " + e);
                    Thread.sleep(200);
                }
            }
            assertEquals(3, s.seq(), "job " + id + " after its failed write");
            assertEquals(JobStatus.RUNNING, s.status());
        }
    }
}
