package dev.jobcast.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The projection where journal rows become visible out of their ordering, as they do when
 * transactions commit in another order than they took their numbers. Rows are written into
 * H2's event_journal by hand, with the orderings and the commit order each case needs, and
 * the projection is stepped one poll at a time on a clock of the test's.
 */
class JobProjectionHolesTest {
    private static final Instant T0 = Instant.parse("2024-05-01T10:00:00Z");
    private static final long TIMEOUT = JobProjection.HOLE_TIMEOUT.toNanos();

    private JdbcJournalTestKit jdbc;
    private JobReadSide readSide;
    private JobProjection projection;
    private final AtomicLong nanos = new AtomicLong(5_000_000_000L);
    private final JobSerializer serializer = new JobSerializer();

    @BeforeEach
    void start() {
        jdbc = JdbcJournalTestKit.start();
        readSide = new JobReadSide(jdbc.db());
        projection = new JobProjection(jdbc.testKit().system(), readSide, nanos::get);
    }

    @AfterEach
    void stop() {
        projection.stop();
        jdbc.close();
    }

    private static <T> T await(CompletionStage<T> stage) {
        return stage.toCompletableFuture().join();
    }

    // ---- the journal, by hand

    private static JobEvent created(long jobId) {
        return new JobEvent.Created(jobId, 1, "essay", JobState.EXTERNAL,
                JsonNodeFactory.instance.objectNode().put("n", (int) jobId), T0); // an int, as JSON reads back
    }

    private static JobEvent started(int second) {
        return new JobEvent.Started(T0.plusSeconds(second));
    }

    private static JobEvent progress(int p, int second) {
        return new JobEvent.ProgressReported(p, "at " + p, "stage " + p, T0.plusSeconds(second));
    }

    /** Commits one journal row, as the plugin writes it, under the ordering given. */
    private void journal(long ordering, long jobId, long seqNr, JobEvent event) {
        try {
            jdbc.db().run(c -> {
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO \"event_journal\" (\"ordering\", "
                        + "\"persistence_id\", \"sequence_number\", \"writer\", \"write_timestamp\", \"adapter_manifest\", "
                        + "\"event_payload\", \"event_ser_id\", \"event_ser_manifest\") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                    ps.setLong(1, ordering);
                    ps.setString(2, JobEntity.persistenceId(jobId).id());
                    ps.setLong(3, seqNr);
                    ps.setString(4, "test");
                    ps.setLong(5, 0);
                    ps.setString(6, "");
                    ps.setBytes(7, serializer.toBinary(event));
                    ps.setInt(8, serializer.identifier());
                    ps.setString(9, serializer.manifest(event));
                    return ps.executeUpdate();
                }
            });
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A row of something else than a job (the journal is shared). */
    private void otherEntity(long ordering) {
        jdbc.update("INSERT INTO \"event_journal\" (\"ordering\", \"persistence_id\", \"sequence_number\", \"writer\", "
                + "\"write_timestamp\", \"adapter_manifest\", \"event_payload\", \"event_ser_id\", \"event_ser_manifest\") "
                + "VALUES (" + ordering + ", 'Other|1', " + ordering + ", 'test', 0, '', X'00', 1, '')");
    }

    // ---- the read side

    private Map<Long, JobState> rows() {
        return await(readSide.list(1, null, 100, null)).jobs().stream()
                .collect(Collectors.toMap(JobState::id, Function.identity()));
    }

    private Optional<JobState> row(long jobId) {
        return Optional.ofNullable(rows().get(jobId));
    }

    private long seqOf(long jobId) {
        return row(jobId).map(JobState::seq).orElse(0L);
    }

    private long offset() {
        return await(readSide.offset());
    }

    private void poll() {
        await(projection.pollNow());
    }

    private void elapse(long n) {
        nanos.addAndGet(n);
    }

    // ---- cases

    @Test
    void aRowCommittedAfterALaterOneIsAppliedAndTheOffsetWaitsForIt() {
        journal(1, 10, 1, created(10));
        journal(2, 20, 1, created(20));
        journal(3, 10, 2, started(1));
        // Ordering 4 (job 10's report) is taken but not committed; 5 commits first.
        journal(5, 20, 2, started(2));
        poll();
        assertEquals(2, seqOf(10));
        assertEquals(2, seqOf(20), "a row behind the hole is applied at once");
        assertEquals(3, offset(), "the offset stops below the hole");

        elapse(TIMEOUT - 1);
        poll();
        assertEquals(3, offset(), "still waiting for 4");

        journal(4, 10, 3, progress(40, 3));
        poll();
        JobState ten = row(10).orElseThrow();
        assertEquals(3, ten.seq());
        assertEquals(40, ten.progress());
        assertEquals("at 40", ten.message());
        assertEquals(5, offset());

        journal(6, 20, 3, progress(70, 4));
        poll();
        assertEquals(3, seqOf(20));
        assertEquals(6, offset());
    }

    @Test
    void severalHolesFillInAnyOrderAndTheOffsetFollowsTheLowest() {
        journal(1, 10, 1, created(10));
        journal(4, 40, 1, created(40));
        journal(6, 60, 1, created(60));
        poll();
        assertEquals(1, offset());
        journal(5, 50, 1, created(50));
        poll();
        assertEquals(1, offset(), "2 and 3 still missing");
        journal(3, 30, 1, created(30));
        poll();
        assertEquals(1, offset());
        journal(2, 20, 1, created(20));
        poll();
        assertEquals(6, offset());
        assertEquals(java.util.Set.of(10L, 20L, 30L, 40L, 50L, 60L), rows().keySet());
    }

    @Test
    void aHoleThatNeverFillsIsGivenUpAfterTheTimeoutAndNotBefore() {
        journal(1, 10, 1, created(10));
        journal(3, 30, 1, created(30));
        poll();
        assertEquals(1, offset());
        assertTrue(row(30).isPresent(), "the row past the hole is applied while the hole is open");

        elapse(TIMEOUT - 1);
        journal(4, 30, 2, started(1));
        poll();
        assertEquals(1, offset(), "one nanosecond short of the timeout");
        assertEquals(2, seqOf(30));

        elapse(1);
        poll();
        assertEquals(4, offset(), "hole 2 given up: nothing is missing below 4");
        assertEquals(2, seqOf(30), "what was applied stays applied");

        journal(5, 10, 2, started(2));
        poll();
        assertEquals(5, offset());
        assertEquals(2, seqOf(10));
    }

    @Test
    void aJobWhoseEventsWereGivenUpIsHealedFromItsPersistenceIdWhenItsNextEventComes() {
        journal(1, 10, 1, created(10));
        // Ordering 2 is job 70's creation, in a transaction slower than the hole timeout.
        journal(3, 80, 1, created(80));
        poll();
        elapse(TIMEOUT);
        poll();
        assertEquals(3, offset(), "hole 2 given up");

        journal(2, 70, 1, created(70)); // it commits after all: below the offset, never read by ordering
        poll();
        assertTrue(row(70).isEmpty(), "not seen yet");
        assertEquals(3, offset());

        // Job 70's next events: the projection finds seq 2 with nothing before it, and reads
        // the missing one by persistence id.
        journal(4, 70, 2, started(1));
        journal(5, 70, 3, progress(25, 2));
        poll();
        JobState healed = row(70).orElseThrow();
        JobState expected = JobState.EMPTY.apply(created(70)).apply(started(1)).apply(progress(25, 2));
        assertEquals(expected, healed);
        assertEquals(5, offset());
    }

    @Test
    void aHoleBeyondThoseLookedForInAPollIsNeverGivenUpUnlookedFor() {
        journal(1, 10, 1, created(10));
        // More holes than a poll looks for: 2 .. HOLES_PER_POLL + 2, the last one the highest.
        long highest = JobProjection.HOLES_PER_POLL + 2;
        journal(highest + 1, 30, 1, created(30));
        poll();
        assertEquals(1, offset());
        // The highest hole's row commits; the lowest ones never will (a batch rolled back).
        journal(highest, 20, 1, created(20));
        poll();
        elapse(TIMEOUT);
        for (int i = 0; i < 3 && offset() < highest + 1; i++) {
            poll();
        }
        assertEquals(highest + 1, offset());
        assertTrue(row(20).isPresent(), "the row that came in time was applied, not given up unseen");
        assertTrue(row(30).isPresent());
    }

    @Test
    void catchUpGivesUpHolesAtOnceAndALateRowIsHealedLater() {
        journal(1, 10, 1, created(10));
        journal(3, 30, 1, created(30));
        await(projection.catchUp());
        assertEquals(3, offset(), "at start-up nothing is being written: a hole is a number never used");
        assertTrue(row(30).isPresent());

        journal(2, 10, 2, started(1)); // a late row after all
        journal(4, 10, 3, progress(60, 2));
        poll();
        assertEquals(3, seqOf(10), "job 10's event 2 read by persistence id");
        assertEquals(60, row(10).orElseThrow().progress());
        assertEquals(4, offset());
    }

    @Test
    void rowsOfOtherEntitiesCountAsReadAndNeverHoldTheOffset() {
        journal(1, 10, 1, created(10));
        otherEntity(2);
        journal(4, 10, 2, started(1));
        poll();
        assertEquals(2, offset(), "3 is missing; 2 is someone else's and was read");
        otherEntity(3);
        poll();
        assertEquals(4, offset());
        assertEquals(2, seqOf(10));
    }

    @Test
    void theLiveProjectionAppliesALateRowAndItsOffsetNeverPassesTheHoleMeanwhile() {
        journal(1, 10, 1, created(10));
        journal(3, 30, 1, created(30));
        projection.start();
        var probe = jdbc.testKit().createTestProbe();
        probe.awaitAssert(Duration.ofSeconds(20), () -> {
            assertTrue(row(30).isPresent());
            return null;
        });
        // The projection's clock does not move: the hole stays open however long this takes,
        // and poll after poll the offset stays below it.
        for (int i = 0; i < 5; i++) {
            assertEquals(1, offset());
            journal(4 + i, 30, 2 + i, progress(i, i + 1));
            long seq = 2 + i;
            probe.awaitAssert(Duration.ofSeconds(20), () -> {
                assertEquals(seq, seqOf(30));
                return null;
            });
        }
        assertEquals(1, offset());
        journal(2, 10, 2, started(1));
        probe.awaitAssert(Duration.ofSeconds(20), () -> {
            assertEquals(8, offset());
            assertEquals(2, seqOf(10));
            return null;
        });
    }
}
