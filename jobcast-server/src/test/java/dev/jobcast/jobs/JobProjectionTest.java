package dev.jobcast.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The projection from the real JDBC journal to the jobs table, on H2. */
class JobProjectionTest {
    private JdbcJournalTestKit jdbc;
    private MutableClock clock;
    private JdbcJournalTestKit.Jobs jobs;

    @BeforeEach
    void start() {
        jdbc = JdbcJournalTestKit.start();
        // Whole microseconds: what the TIMESTAMP columns keep, so rows can equal entity states.
        clock = new MutableClock(Instant.parse("2024-05-01T10:00:00Z"));
        jobs = jdbc.jobs(clock);
    }

    @AfterEach
    void stop() {
        jobs.projection().stop();
        jdbc.close();
    }

    private static <T> T await(CompletionStage<T> stage) {
        return stage.toCompletableFuture().join();
    }

    private JobState step(CompletionStage<JobState> command) {
        clock.advance(Duration.ofMillis(7));
        return await(command);
    }

    /** Jobs of two owners in every status; returns their ids. */
    private List<Long> someJobs() {
        JobService s = jobs.service();
        List<Long> ids = new ArrayList<>();
        var input = JsonNodeFactory.instance.objectNode().put("topic", "otters");
        for (int i = 0; i < 6; i++) {
            ids.add(step(s.create(i % 2 == 0 ? 1 : 2, "essay", i < 3 ? "demo" : "external", input)).id());
        }
        step(s.start(ids.get(0)));
        step(s.progress(ids.get(0), 50, "Drafting (50%)", "Drafting"));
        step(s.complete(ids.get(0), JsonNodeFactory.instance.objectNode().put("words", 3)));
        step(s.cancel(ids.get(1)));
        step(s.progress(ids.get(3), 20, "fetching", "download"));
        step(s.fail(ids.get(3), "disk full"));
        step(s.progress(ids.get(4), 70, null, null));
        return ids;
    }

    private void assertRowsEqualEntities(List<Long> ids) {
        List<JobState> rows = allRows();
        assertEquals(ids.size(), rows.size());
        for (JobState row : rows) {
            assertEquals(await(jobs.service().get(row.id())), row, "row of job " + row.id());
        }
    }

    private List<JobState> allRows() {
        List<JobState> rows = new ArrayList<>();
        for (long owner : new long[] {1, 2}) {
            rows.addAll(await(jobs.readSide().list(owner, null, 100, null)).jobs());
        }
        return rows;
    }

    @Test
    void catchUpMakesRowsEqualToTheEntities() {
        List<Long> ids = someJobs();
        await(jobs.projection().catchUp());
        assertRowsEqualEntities(ids);
        long offset = await(jobs.readSide().offset());
        assertEquals(jdbc.queryLong("SELECT MAX(\"ordering\") FROM \"event_journal\""), offset);
    }

    @Test
    void theLiveProjectionFollowsNewEvents() {
        List<Long> ids = someJobs();
        jobs.projection().start();
        long id = ids.get(2);
        step(jobs.service().start(id));
        step(jobs.service().progress(id, 33, "Drafting (33%)", "Drafting"));
        JobState expected = await(jobs.service().get(id));
        jdbc.testKit().createTestProbe().awaitAssert(Duration.ofSeconds(10), () -> {
            assertRowsEqualEntities(ids);
            return null;
        });
        assertEquals(33, expected.progress());
    }

    @Test
    void concurrentReportsAreWrittenGapFreeInEachSendersOrderAndTheReadSideFollows() throws Exception {
        List<JobUpdate> heard = new CopyOnWriteArrayList<>();
        JdbcJournalTestKit.Jobs live = jdbc.jobs(0, Duration.ofMinutes(10), heard::add, clock);
        live.projection().start();
        try {
            List<Long> ids = new ArrayList<>();
            for (int j = 0; j < 3; j++) {
                ids.add(await(live.service().create(1, "essay", "external", null)).id());
            }
            // Several workers per job report at once, without waiting for answers: the
            // entities batch what piles up, and the journal batches across entities.
            int senders = 4;
            int each = 60;
            List<CompletableFuture<JobState>> answers = new CopyOnWriteArrayList<>();
            List<Thread> threads = new ArrayList<>();
            for (long id : ids) {
                for (int t = 0; t < senders; t++) {
                    String who = "job " + id + " sender " + t;
                    Thread thread = new Thread(() -> {
                        for (int i = 0; i < each; i++) {
                            answers.add(live.service().progress(id, i % 100, who + " report " + i, null)
                                    .toCompletableFuture());
                        }
                    });
                    threads.add(thread);
                    thread.start();
                }
            }
            for (Thread thread : threads) {
                thread.join();
            }
            CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);

            for (long id : ids) {
                String pid = JobEntity.persistenceId(id).id();
                long expected = 2 + (long) senders * each; // created, started, the reports
                assertEquals(expected, jdbc.queryLong(
                        "SELECT COUNT(*) FROM \"event_journal\" WHERE \"persistence_id\" = ?", pid));
                assertEquals(expected, jdbc.queryLong(
                        "SELECT MAX(\"sequence_number\") FROM \"event_journal\" WHERE \"persistence_id\" = ?", pid),
                        "seq 1.." + expected + " without gaps");
                List<JournalEntry> journal = await(live.service().events(id, 0, 10_000));
                for (int t = 0; t < senders; t++) {
                    String who = "job " + id + " sender " + t + " report ";
                    List<String> mine = journal.stream()
                            .filter(e -> e.event() instanceof JobEvent.ProgressReported p
                                    && p.message().startsWith(who))
                            .map(e -> ((JobEvent.ProgressReported) e.event()).message()).toList();
                    List<String> sent = new ArrayList<>();
                    for (int i = 0; i < each; i++) {
                        sent.add(who + i);
                    }
                    assertEquals(sent, mine, "a sender's reports in the order it sent them");
                }
                List<Long> seqs = heard.stream().filter(u -> u.jobId() == id).map(JobUpdate::seq).toList();
                assertEquals(expected, seqs.size());
                for (int i = 0; i < seqs.size(); i++) {
                    assertEquals(i + 1, seqs.get(i), "published in journal order");
                }
            }
            jdbc.testKit().createTestProbe().awaitAssert(Duration.ofSeconds(20), () -> {
                for (long id : ids) {
                    assertEquals(await(live.service().get(id)), await(live.readSide().list(1, null, 100, null))
                            .jobs().stream().filter(r -> r.id() == id).findFirst().orElseThrow());
                }
                return null;
            });
        } finally {
            live.projection().stop();
        }
    }

    @Test
    void replayingTheJournalOverExistingRowsChangesNothing() {
        List<Long> ids = someJobs();
        await(jobs.projection().catchUp());
        List<JobState> before = allRows();
        // Lose only the offset, as if the last transaction's offset had never been written.
        assertEquals(1, jdbc.update("DELETE FROM projection_offsets"));
        assertEquals(0, await(jobs.readSide().offset()));
        await(jobs.projection().catchUp());
        assertEquals(before, allRows());
        assertRowsEqualEntities(ids);
    }

    @Test
    void resetThenCatchUpRebuildsIdenticalRows() {
        List<Long> ids = someJobs();
        await(jobs.projection().catchUp());
        List<JobState> before = allRows();
        long offset = await(jobs.readSide().offset());

        await(jobs.readSide().reset());
        assertTrue(allRows().isEmpty());
        await(jobs.projection().catchUp());
        assertEquals(before, allRows());
        assertEquals(offset, await(jobs.readSide().offset()));
        assertRowsEqualEntities(ids);
    }
}
