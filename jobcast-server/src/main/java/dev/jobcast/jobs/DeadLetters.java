package dev.jobcast.jobs;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The job events the read side could not apply because the database refused the job's row
 * (text PostgreSQL cannot store, say): each is logged at ERROR with its persistence id and
 * seq, written to {@code projection_dead_letters} in the projection's own transaction, and
 * counted for {@code /metrics}. The projection then moves on; the journal keeps the event.
 */
public final class DeadLetters {
    private static final Logger LOG = LoggerFactory.getLogger(DeadLetters.class);
    private static final int MAX_ERROR = 1000;

    private final AtomicLong recorded = new AtomicLong();

    /** Dead letters recorded since this process started (the table has them all). */
    public long count() {
        return recorded.get();
    }

    void record(Connection c, String projection, JobState job, SQLException refused) throws SQLException {
        String error = describe(refused);
        LOG.error("read side: the row of job {} ({}) at seq {} was refused, recorded as a dead letter: {}", job.id(),
                JobEntity.persistenceId(job.id()).id(), job.seq(), error);
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO projection_dead_letters "
                + "(projection, job_id, seq, error, recorded_at) VALUES (?, ?, ?, ?, ?)")) {
            ps.setString(1, projection);
            ps.setLong(2, job.id());
            ps.setLong(3, job.seq());
            ps.setString(4, error);
            ps.setTimestamp(5, Timestamp.from(Instant.now()));
            ps.executeUpdate();
        }
        recorded.incrementAndGet();
    }

    /** The database's reason, the first of a batch's chain, without characters it would refuse again. */
    private static String describe(SQLException e) {
        SQLException cause = e.getNextException() != null ? e.getNextException() : e;
        String text = String.valueOf(cause.getMessage()).replace('\u0000', '?');
        return text.length() > MAX_ERROR ? text.substring(0, MAX_ERROR) : text;
    }
}
