package dev.jobcast.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.jobcast.store.Database;
import dev.jobcast.store.Migrations;
import dev.jobcast.testkit.TestDatabases;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * An event whose row the database refuses never stops the read side: on PostgreSQL a job
 * whose type holds NUL (in the journal from before the API refused it, say) is recorded as a
 * dead letter, and the jobs beside it in the same batch, and the batches after, go on.
 */
class ProjectionDeadLetterTest {
    private static final Instant T0 = Instant.parse("2024-05-01T10:00:00Z");

    private static JobReadSide.Envelope created(long ordering, long jobId, String type) {
        return new JobReadSide.Envelope(ordering, jobId, 1, new JobEvent.Created(jobId, 1, type, JobState.EXTERNAL,
                JsonNodeFactory.instance.objectNode(), T0));
    }

    private static JobReadSide.Envelope progress(long ordering, long jobId, long seq, int p) {
        return new JobReadSide.Envelope(ordering, jobId, seq, new JobEvent.ProgressReported(p, "at " + p, null,
                T0.plusSeconds(seq)));
    }

    /** The read side's row of job {@code id} (every job of these tests belongs to user 1). */
    private static Optional<JobState> row(JobReadSide readSide, long id) {
        return readSide.list(1, null, 100, null).toCompletableFuture().join().jobs().stream()
                .filter(j -> j.id() == id).findFirst();
    }

    @Test
    void onPostgreSqlARefusedRowIsADeadLetterAndTheRestGoesOn() throws Exception {
        try (TestDatabases.TestDb pg = TestDatabases.postgres(); Database db = new Database(pg.settings(), 2)) {
            Migrations.migrate(db.dataSource(), pg.settings().vendor());
            JobReadSide readSide = new JobReadSide(db);

            int applied = readSide.apply(List.of(created(1, 10, "fine"), created(2, 11, "nul\u0000type"),
                    created(3, 12, "also fine"), progress(4, 10, 2, 40))).toCompletableFuture().join();
            assertEquals(4, applied, "every event was applied to its state; one row was refused");
            assertEquals(1, readSide.deadLetters().count());
            assertEquals(40, row(readSide, 10).orElseThrow().progress());
            assertTrue(row(readSide, 12).isPresent());
            assertTrue(row(readSide, 11).isEmpty(), "the refused row is not there");
            assertEquals(4L, readSide.offset().toCompletableFuture().join(), "the offset moved past it");

            readSide.apply(List.of(progress(5, 12, 2, 70))).toCompletableFuture().join();
            assertEquals(70, row(readSide, 12).orElseThrow().progress(),
                    "later batches are applied");
            String recorded = db.run(c -> {
                try (Statement st = c.createStatement();
                     ResultSet rs = st.executeQuery("SELECT job_id, seq, error FROM projection_dead_letters")) {
                    assertTrue(rs.next());
                    String row = rs.getLong(1) + "@" + rs.getLong(2) + ": " + rs.getString(3);
                    assertTrue(!rs.next(), "one dead letter");
                    return row;
                }
            });
            assertTrue(recorded.startsWith("11@1: "), recorded);
        }
    }

    @Test
    void onH2TheSameTextIsStoredAndReadBack() throws Exception {
        try (TestDatabases.TestDb h2 = TestDatabases.h2(); Database db = new Database(h2.settings(), 2)) {
            Migrations.migrate(db.dataSource(), h2.settings().vendor());
            JobReadSide readSide = new JobReadSide(db);
            readSide.apply(List.of(created(1, 11, "nul\u0000type"))).toCompletableFuture().join();
            assertEquals(0, readSide.deadLetters().count());
            assertEquals("nul\u0000type", row(readSide, 11).orElseThrow().type());
        }
    }
}
