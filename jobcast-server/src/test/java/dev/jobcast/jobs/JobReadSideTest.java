package dev.jobcast.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.jobcast.store.Database;
import dev.jobcast.store.Migrations;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The jobs table as the projection writes it, and the queries the service and runners make. */
class JobReadSideTest {
    private static final Instant T0 = Instant.parse("2024-05-01T10:00:00.123456Z");

    private Database db;
    private JobReadSide readSide;
    private long ordering;

    @BeforeEach
    void freshDatabase() {
        var settings = JdbcJournalTestKit.freshDatabase();
        db = new Database(settings, 2);
        Migrations.migrate(db.dataSource(), settings.vendor());
        readSide = new JobReadSide(db);
    }

    @AfterEach
    void close() {
        db.close();
    }

    /** A job's events as the journal would hand them over, with fresh global orderings. */
    private List<JobReadSide.Envelope> envelopes(long jobId, List<JobEvent> events) {
        List<JobReadSide.Envelope> out = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            out.add(new JobReadSide.Envelope(++ordering, jobId, i + 1, events.get(i)));
        }
        return out;
    }

    private static List<JobEvent> life(long jobId, long owner, JobStatus end) {
        List<JobEvent> events = new ArrayList<>();
        events.add(new JobEvent.Created(jobId, owner, "essay", JobState.DEMO,
                JsonNodeFactory.instance.objectNode().put("topic", "t" + jobId), T0));
        if (end == JobStatus.QUEUED) {
            return events;
        }
        events.add(new JobEvent.Started(T0.plusSeconds(1)));
        events.add(new JobEvent.ProgressReported(40, "Drafting (40%)", "Drafting", T0.plusSeconds(2)));
        switch (end) {
            case COMPLETED -> events.add(new JobEvent.Completed(
                    JsonNodeFactory.instance.objectNode().put("words", 10), T0.plusSeconds(3)));
            case FAILED -> events.add(new JobEvent.Failed("boom", T0.plusSeconds(3)));
            case CANCELLED -> events.add(new JobEvent.Cancelled(T0.plusSeconds(3)));
            default -> {
            }
        }
        return events;
    }

    private static JobState fold(List<JobEvent> events) {
        JobState s = JobState.EMPTY;
        for (JobEvent e : events) {
            s = s.apply(e);
        }
        return s;
    }

    private JobState row(long jobId) {
        return readSide.list(1, null, 1000, null).toCompletableFuture().join().jobs().stream()
                .filter(j -> j.id() == jobId).findFirst().orElseThrow();
    }

    @Test
    void eachRowIsTheStateItsEventsMake() {
        List<JobEvent> a = life(1, 1, JobStatus.COMPLETED);
        List<JobEvent> b = life(2, 1, JobStatus.FAILED);
        List<JobReadSide.Envelope> batch = new ArrayList<>(envelopes(1, a));
        batch.addAll(envelopes(2, b));
        assertEquals(a.size() + b.size(), readSide.apply(batch).toCompletableFuture().join());
        assertEquals(fold(a), row(1));
        assertEquals(fold(b), row(2));
        assertEquals(ordering, readSide.offset().toCompletableFuture().join(), "the offset moved with the rows");
    }

    @Test
    void aRowAdvancesAcrossBatches() {
        List<JobEvent> events = life(3, 1, JobStatus.CANCELLED);
        List<JobReadSide.Envelope> all = envelopes(3, events);
        readSide.apply(all.subList(0, 2)).toCompletableFuture().join();
        assertEquals(fold(events.subList(0, 2)), row(3));
        readSide.apply(all.subList(2, all.size())).toCompletableFuture().join();
        assertEquals(fold(events), row(3));
    }

    @Test
    void aReplayedBatchChangesNothing() {
        List<JobEvent> events = life(4, 1, JobStatus.COMPLETED);
        List<JobReadSide.Envelope> batch = envelopes(4, events);
        readSide.apply(batch.subList(0, 3)).toCompletableFuture().join();
        assertEquals(1, readSide.apply(batch.subList(1, 4)).toCompletableFuture().join(),
                "an overlapping batch applies only what is new");
        JobState once = row(4);
        long offset = readSide.offset().toCompletableFuture().join();

        assertEquals(0, readSide.apply(batch).toCompletableFuture().join());
        assertEquals(once, row(4));
        assertEquals(fold(events), once);
        assertEquals(offset, readSide.offset().toCompletableFuture().join());
    }

    @Test
    void listingIsNewestFirstFilteredByOwnerAndStatusWithACursor() {
        List<JobReadSide.Envelope> batch = new ArrayList<>();
        JobStatus[] ends = {JobStatus.COMPLETED, JobStatus.QUEUED, JobStatus.CANCELLED, JobStatus.QUEUED,
                JobStatus.RUNNING};
        for (int id = 1; id <= 5; id++) {
            batch.addAll(envelopes(id, life(id, 1, ends[id - 1])));
        }
        batch.addAll(envelopes(6, life(6, 2, JobStatus.QUEUED)));
        readSide.apply(batch).toCompletableFuture().join();

        JobPage first = readSide.list(1, null, 2, null).toCompletableFuture().join();
        assertEquals(List.of(5L, 4L), first.jobs().stream().map(JobState::id).toList());
        assertEquals("4", first.nextCursor());
        JobPage second = readSide.list(1, null, 2, Long.parseLong(first.nextCursor())).toCompletableFuture().join();
        assertEquals(List.of(3L, 2L), second.jobs().stream().map(JobState::id).toList());
        JobPage last = readSide.list(1, null, 2, Long.parseLong(second.nextCursor())).toCompletableFuture().join();
        assertEquals(List.of(1L), last.jobs().stream().map(JobState::id).toList());
        assertNull(last.nextCursor(), "no cursor after the last page");

        JobPage exact = readSide.list(1, null, 5, null).toCompletableFuture().join();
        assertEquals(5, exact.jobs().size());
        assertNull(exact.nextCursor(), "a page that ends exactly at the last job has no cursor");

        JobPage queued = readSide.list(1, JobStatus.QUEUED, 10, null).toCompletableFuture().join();
        assertEquals(List.of(4L, 2L), queued.jobs().stream().map(JobState::id).toList());
        assertEquals(List.of(6L), readSide.list(2, null, 10, null).toCompletableFuture().join()
                .jobs().stream().map(JobState::id).toList(), "another owner's jobs never show");
    }

    @Test
    void runnersFindTheirJobsByStatus() {
        List<JobReadSide.Envelope> batch = new ArrayList<>(envelopes(7, life(7, 1, JobStatus.RUNNING)));
        batch.addAll(envelopes(8, life(8, 2, JobStatus.QUEUED)));
        batch.addAll(envelopes(9, life(9, 1, JobStatus.RUNNING)));
        readSide.apply(batch).toCompletableFuture().join();
        assertEquals(List.of(7L, 9L), readSide.byRunnerAndStatus(JobState.DEMO, JobStatus.RUNNING)
                .toCompletableFuture().join().stream().map(JobState::id).toList());
        assertTrue(readSide.byRunnerAndStatus(JobState.EXTERNAL, JobStatus.RUNNING).toCompletableFuture().join()
                .isEmpty());
    }

    @Test
    void theLongestErrorTheEntityAcceptsFitsTheRow() {
        List<JobEvent> events = new ArrayList<>(life(10, 1, JobStatus.RUNNING));
        events.add(new JobEvent.Failed("e".repeat(JobEntity.MAX_MESSAGE), T0.plusSeconds(5)));
        readSide.apply(envelopes(10, events)).toCompletableFuture().join();
        assertEquals(fold(events), row(10));
        assertEquals(JobEntity.MAX_MESSAGE, row(10).error().length());
    }

    @Test
    void resetForgetsRowsAndOffset() {
        readSide.apply(envelopes(11, life(11, 1, JobStatus.COMPLETED))).toCompletableFuture().join();
        readSide.reset().toCompletableFuture().join();
        assertEquals(0, readSide.offset().toCompletableFuture().join());
        assertTrue(readSide.list(1, null, 10, null).toCompletableFuture().join().jobs().isEmpty());
    }

    @Test
    void aBatchTouchingMoreJobsThanOneLookupReadsIsAppliedWhole() {
        int jobs = 1201; // rows are read 500 ids per query: three queries' worth
        List<JobReadSide.Envelope> creations = new ArrayList<>();
        for (long id = 100; id < 100 + jobs; id++) {
            creations.add(new JobReadSide.Envelope(++ordering, id, 1, life(id, 1, JobStatus.QUEUED).get(0)));
        }
        assertEquals(jobs, readSide.apply(creations).toCompletableFuture().join());
        // Rows that exist now, two events each, interleaved across jobs: each row written once.
        List<JobReadSide.Envelope> reports = new ArrayList<>();
        for (long id = 100; id < 100 + jobs; id++) {
            reports.add(new JobReadSide.Envelope(++ordering, id, 2, new JobEvent.Started(T0.plusSeconds(1))));
        }
        for (long id = 100; id < 100 + jobs; id++) {
            reports.add(new JobReadSide.Envelope(++ordering, id, 3,
                    new JobEvent.ProgressReported((int) (id % 101), "m" + id, null, T0.plusSeconds(2))));
        }
        assertEquals(2 * jobs, readSide.apply(reports).toCompletableFuture().join());
        List<JobState> rows = readSide.list(1, null, 2 * jobs, null).toCompletableFuture().join().jobs();
        assertEquals(jobs, rows.size());
        for (JobState r : rows) {
            assertEquals(3, r.seq(), "job " + r.id());
            assertEquals((int) (r.id() % 101), r.progress());
            assertEquals("m" + r.id(), r.message());
        }
        assertEquals(ordering, readSide.offset().toCompletableFuture().join());
    }

    @Test
    void eventsAfterAGapAreCompletedFromTheJournalOrWaitForIt() throws Exception {
        List<JobEvent> events = life(20, 1, JobStatus.COMPLETED);
        List<JobReadSide.Envelope> all = envelopes(20, events);
        readSide.apply(all.subList(0, 1)).toCompletableFuture().join();
        // A batch with event 4 alone: 2 and 3 are asked of the journal, then applied first.
        List<String> asked = new ArrayList<>();
        JobReadSide.MissingEvents journal = (c, jobId, from, to) -> {
            asked.add(jobId + ": " + from + ".." + to);
            return all.subList((int) from - 1, (int) to);
        };
        assertEquals(3, (int) db.<Integer>run(c -> readSide.apply(c, List.of(all.get(3)), 0, journal)));
        assertEquals(List.of("20: 2..3"), asked);
        assertEquals(fold(events.subList(0, 4)), row(20));

        // When the journal has only some of them, the row goes as far as it can, and no further.
        List<JobEvent> other = life(21, 1, JobStatus.COMPLETED);
        List<JobReadSide.Envelope> all21 = envelopes(21, other);
        readSide.apply(all21.subList(0, 1)).toCompletableFuture().join();
        assertEquals(1, (int) db.<Integer>run(c -> readSide.apply(c, List.of(all21.get(3)), 0,
                (c2, jobId, from, to) -> all21.subList(1, 2))));
        assertEquals(fold(other.subList(0, 2)), row(21), "event 4 is not applied over a missing 3");
        // Later batches carry on from where the row is.
        readSide.apply(all21.subList(2, all21.size())).toCompletableFuture().join();
        assertEquals(fold(other), row(21));
    }
}
