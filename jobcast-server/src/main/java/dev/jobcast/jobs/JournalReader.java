package dev.jobcast.jobs;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.apache.pekko.serialization.Serialization;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the journal's table (pekko-persistence-jdbc's event_journal) by its ordering column,
 * for the read side's projection: one indexed range scan per batch, with no tag table to
 * write or join. Events are decoded by the serializer each row names.
 */
final class JournalReader {
    private static final Logger LOG = LoggerFactory.getLogger(JournalReader.class);
    // Quoted lower-case names: how the plugin's schemas name them on H2 and on PostgreSQL alike.
    private static final String COLUMNS = "SELECT \"ordering\", \"persistence_id\", \"sequence_number\", "
            + "\"event_ser_id\", \"event_ser_manifest\", \"event_payload\" FROM \"event_journal\" ";
    private static final String PREFIX = JobEntity.ENTITY_TYPE + "|";

    private final Serialization serialization;

    JournalReader(Serialization serialization) {
        this.serialization = serialization;
    }

    /** Job events after {@code ordering}, in ordering order, at most {@code limit} rows read. */
    Batch after(Connection c, long ordering, int limit) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(COLUMNS + "WHERE \"ordering\" > ? ORDER BY \"ordering\" LIMIT ?")) {
            ps.setLong(1, ordering);
            ps.setInt(2, limit);
            return read(ps);
        }
    }

    /** The rows of these orderings that exist now (holes filled since). */
    Batch at(Connection c, Collection<Long> orderings) throws SQLException {
        if (orderings.isEmpty()) {
            return new Batch(List.of(), List.of());
        }
        StringBuilder sql = new StringBuilder(COLUMNS).append("WHERE \"ordering\" IN (");
        for (int i = 0; i < orderings.size(); i++) {
            sql.append(i == 0 ? "?" : ",?");
        }
        sql.append(") ORDER BY \"ordering\"");
        try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
            int i = 1;
            for (long o : orderings) {
                ps.setLong(i++, o);
            }
            return read(ps);
        }
    }

    /** One job's events from {@code fromSeq} to {@code toSeq}, in order. */
    List<JobReadSide.Envelope> ofJob(Connection c, long jobId, long fromSeq, long toSeq) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(COLUMNS
                + "WHERE \"persistence_id\" = ? AND \"sequence_number\" BETWEEN ? AND ? ORDER BY \"sequence_number\"")) {
            ps.setString(1, JobEntity.persistenceId(jobId).id());
            ps.setLong(2, fromSeq);
            ps.setLong(3, toSeq);
            return read(ps).envelopes();
        }
    }

    /** What a read gave: every ordering read (job events or not), and the job events decoded. */
    record Batch(List<Long> orderings, List<JobReadSide.Envelope> envelopes) {
    }

    private Batch read(PreparedStatement ps) throws SQLException {
        List<Long> orderings = new ArrayList<>();
        List<JobReadSide.Envelope> envelopes = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                long ordering = rs.getLong(1);
                orderings.add(ordering);
                String pid = rs.getString(2);
                if (!pid.startsWith(PREFIX)) {
                    continue;
                }
                JobReadSide.Envelope e = decode(ordering, pid, rs.getLong(3), rs.getInt(4), rs.getString(5),
                        rs.getBytes(6));
                if (e != null) {
                    envelopes.add(e);
                }
            }
        }
        return new Batch(orderings, envelopes);
    }

    private JobReadSide.Envelope decode(long ordering, String pid, long seqNr, int serId, String manifest,
                                        byte[] payload) {
        long jobId;
        try {
            jobId = Long.parseLong(pid.substring(PREFIX.length()));
        } catch (NumberFormatException e) {
            LOG.error("journal row {} has persistence id {}, which names no job: skipped", ordering, pid);
            return null;
        }
        scala.util.Try<Object> event = serialization.deserialize(payload, serId, manifest);
        if (event.isFailure() || !(event.get() instanceof JobEvent je)) {
            LOG.error("journal row {} ({} seq {}) cannot be read as a job event: skipped ({})", ordering, pid, seqNr,
                    event.isFailure() ? event.failed().get().toString() : event.get().getClass().getName());
            return null;
        }
        return new JobReadSide.Envelope(ordering, jobId, seqNr, je);
    }
}
