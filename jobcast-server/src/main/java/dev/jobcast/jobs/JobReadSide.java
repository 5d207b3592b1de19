package dev.jobcast.jobs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.jobcast.store.Database;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The read side of jobs: one row per job in the `jobs` table, written only by the journal's
 * projection, so it can always be dropped and rebuilt from the journal. Serves listing and
 * the scans of the runners.
 */
public final class JobReadSide {
    private static final Logger LOG = LoggerFactory.getLogger(JobReadSide.class);
    public static final String PROJECTION = "jobs";
    private static final String COLUMNS =
            "id, owner_id, type, runner, status, progress, message, stage, error, input, result, created_at, updated_at, seq";

    /** One journal event on its way to the read side. */
    public record Envelope(long ordering, long jobId, long seqNr, JobEvent event) {
    }

    // Decimals keep every digit, as they do through the journal.
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES).build();

    private final Database db;
    private final DeadLetters deadLetters = new DeadLetters();

    public JobReadSide(Database db) {
        this.db = db;
    }

    /** The events this read side could not apply, and moved past. */
    public DeadLetters deadLetters() {
        return deadLetters;
    }

    // ---- queries --------------------------------------------------------------------------

    public CompletionStage<JobPage> list(long ownerId, JobStatus status, int limit, Long beforeId) {
        return db.async(c -> {
            StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM jobs WHERE owner_id = ?");
            if (status != null) {
                sql.append(" AND status = ?");
            }
            if (beforeId != null) {
                sql.append(" AND id < ?");
            }
            sql.append(" ORDER BY id DESC LIMIT ?");
            try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
                int i = 1;
                ps.setLong(i++, ownerId);
                if (status != null) {
                    ps.setString(i++, status.wire());
                }
                if (beforeId != null) {
                    ps.setLong(i++, beforeId);
                }
                ps.setInt(i, limit + 1);
                List<JobState> rows = readAll(ps);
                String next = null;
                if (rows.size() > limit) {
                    rows = rows.subList(0, limit);
                    next = Long.toString(rows.get(limit - 1).id());
                }
                return new JobPage(List.copyOf(rows), next);
            }
        });
    }

    /** Jobs of a runner in one of the given states (for restart recovery and leases). */
    public CompletionStage<List<JobState>> byRunnerAndStatus(String runner, JobStatus status) {
        return db.async(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT " + COLUMNS + " FROM jobs WHERE runner = ? AND status = ? ORDER BY id")) {
                ps.setString(1, runner);
                ps.setString(2, status.wire());
                return readAll(ps);
            }
        });
    }

    public CompletionStage<Long> offset() {
        return db.async(this::offset);
    }

    long offset(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT last_ordering FROM projection_offsets WHERE name = ?")) {
            ps.setString(1, PROJECTION);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0L;
            }
        }
    }

    // ---- the projection's writes ------------------------------------------------------------

    /** Where the events a batch skipped over come from (the journal): {@code fromSeq..toSeq} of a job. */
    @FunctionalInterface
    interface MissingEvents {
        List<Envelope> find(Connection c, long jobId, long fromSeq, long toSeq) throws SQLException;

        MissingEvents NONE = (c, jobId, fromSeq, toSeq) -> List.of();
    }

    /** Runs {@code work} in one transaction of the read side's database. */
    <T> CompletionStage<T> transaction(Database.Work<T> work) {
        return db.async(work);
    }

    /**
     * Applies a batch of journal events in one transaction, with the offset of its last
     * event. Events a row has already seen (a batch replayed after a crash) are skipped.
     */
    public CompletionStage<Integer> apply(List<Envelope> batch) {
        long offset = batch.stream().mapToLong(Envelope::ordering).max().orElse(0);
        return db.async(c -> apply(c, batch, offset, MissingEvents.NONE));
    }

    /**
     * Applies the events to the rows they concern, within the caller's transaction: one query
     * reads every row the batch touches, then one batch of updates and one of inserts write
     * each job once, whatever number of its events the batch holds; and the offset moves to
     * {@code offset} (unless it is 0). An event a row has already seen is skipped; one that
     * comes after events the row has not seen (they were read in another batch, or are
     * behind a hole) makes those be read from {@code missing} first. Returns the events applied.
     */
    int apply(Connection c, List<Envelope> batch, long offset, MissingEvents missing) throws SQLException {
        Map<Long, JobState> before = find(c, batch.stream().map(Envelope::jobId).distinct().toList());
        Map<Long, JobState> after = new LinkedHashMap<>();
        int applied = 0;
        for (Envelope e : batch) {
            JobState state = after.getOrDefault(e.jobId(), before.getOrDefault(e.jobId(), JobState.EMPTY));
            if (e.seqNr() <= state.seq()) {
                continue;
            }
            if (e.seqNr() > state.seq() + 1) {
                for (Envelope earlier : missing.find(c, e.jobId(), state.seq() + 1, e.seqNr() - 1)) {
                    if (earlier.seqNr() == state.seq() + 1) {
                        state = state.apply(earlier.event());
                        applied++;
                    }
                }
                if (e.seqNr() != state.seq() + 1) {
                    LOG.warn("job {}: event {} skipped, events {}..{} are not in the journal", e.jobId(), e.seqNr(),
                            state.seq() + 1, e.seqNr() - 1);
                    after.put(e.jobId(), state);
                    continue;
                }
            }
            after.put(e.jobId(), state.apply(e.event()));
            applied++;
        }
        Savepoint whole = c.setSavepoint();
        try {
            write(c, before, after);
        } catch (SQLException refused) {
            // One job's row can sink the batch: write each alone, and dead-letter what is still refused.
            c.rollback(whole);
            writeEach(c, before, after);
        }
        if (offset > 0) {
            saveOffset(c, offset);
        }
        return applied;
    }

    /** Forgets every row and the offset: the projection then rebuilds the read side from the journal. */
    public CompletionStage<Void> reset() {
        return db.async(c -> {
            try (PreparedStatement a = c.prepareStatement("DELETE FROM jobs");
                 PreparedStatement b = c.prepareStatement("DELETE FROM projection_offsets WHERE name = ?")) {
                a.executeUpdate();
                b.setString(1, PROJECTION);
                b.executeUpdate();
            }
            return null;
        });
    }

    /** The rows of these jobs that exist, by id: one query per {@value #FIND_CHUNK} ids. */
    private Map<Long, JobState> find(Connection c, List<Long> ids) throws SQLException {
        Map<Long, JobState> rows = new HashMap<>();
        for (int from = 0; from < ids.size(); from += FIND_CHUNK) {
            List<Long> chunk = ids.subList(from, Math.min(ids.size(), from + FIND_CHUNK));
            StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM jobs WHERE id IN (");
            for (int i = 0; i < chunk.size(); i++) {
                sql.append(i == 0 ? "?" : ",?");
            }
            try (PreparedStatement ps = c.prepareStatement(sql.append(')').toString())) {
                for (int i = 0; i < chunk.size(); i++) {
                    ps.setLong(i + 1, chunk.get(i));
                }
                for (JobState row : readAll(ps)) {
                    rows.put(row.id(), row);
                }
            }
        }
        return rows;
    }

    private static final int FIND_CHUNK = 500;

    private void writeEach(Connection c, Map<Long, JobState> before, Map<Long, JobState> after) throws SQLException {
        for (JobState s : after.values()) {
            Savepoint one = c.setSavepoint();
            try {
                write(c, before, Map.of(s.id(), s));
            } catch (SQLException refused) {
                c.rollback(one);
                deadLetters.record(c, PROJECTION, s, refused);
            }
        }
    }

    /** Each changed job once: updates of the rows that were there, inserts of the new ones. */
    private void write(Connection c, Map<Long, JobState> before, Map<Long, JobState> after) throws SQLException {
        try (PreparedStatement update = c.prepareStatement("UPDATE jobs SET status = ?, progress = ?, message = ?, "
                + "stage = ?, error = ?, result = ?, updated_at = ?, seq = ? WHERE id = ?");
             PreparedStatement insert = c.prepareStatement("INSERT INTO jobs (" + COLUMNS
                     + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            int updates = 0;
            int inserts = 0;
            for (JobState s : after.values()) {
                JobState old = before.get(s.id());
                if (old != null && old.seq() == s.seq()) {
                    continue;
                }
                if (!s.exists()) {
                    continue; // nothing applied yet to a job the read side has never seen
                }
                if (old != null) {
                    update.setString(1, s.status().wire());
                    update.setInt(2, s.progress());
                    update.setString(3, s.message());
                    update.setString(4, s.stage());
                    update.setString(5, s.error());
                    setJson(update, 6, s.result());
                    update.setTimestamp(7, Timestamp.from(s.updatedAt()));
                    update.setLong(8, s.seq());
                    update.setLong(9, s.id());
                    update.addBatch();
                    updates++;
                } else {
                    insert.setLong(1, s.id());
                    insert.setLong(2, s.ownerId());
                    insert.setString(3, s.type());
                    insert.setString(4, s.runner());
                    bindMutable(insert, 5, s);
                    insert.addBatch();
                    inserts++;
                }
            }
            if (updates > 0) {
                update.executeBatch();
            }
            if (inserts > 0) {
                insert.executeBatch();
            }
        }
    }

    private static void bindMutable(PreparedStatement ps, int from, JobState s) throws SQLException {
        int i = from;
        ps.setString(i++, s.status().wire());
        ps.setInt(i++, s.progress());
        ps.setString(i++, s.message());
        ps.setString(i++, s.stage());
        ps.setString(i++, s.error());
        setJson(ps, i++, s.input());
        setJson(ps, i++, s.result());
        ps.setTimestamp(i++, Timestamp.from(s.createdAt()));
        ps.setTimestamp(i++, Timestamp.from(s.updatedAt()));
        ps.setLong(i, s.seq());
    }

    private void saveOffset(Connection c, long ordering) throws SQLException {
        try (PreparedStatement up = c.prepareStatement("UPDATE projection_offsets SET last_ordering = ? WHERE name = ?")) {
            up.setLong(1, ordering);
            up.setString(2, PROJECTION);
            if (up.executeUpdate() == 0) {
                try (PreparedStatement in = c.prepareStatement(
                        "INSERT INTO projection_offsets (name, last_ordering) VALUES (?, ?)")) {
                    in.setString(1, PROJECTION);
                    in.setLong(2, ordering);
                    in.executeUpdate();
                }
            }
        }
    }

    private static void setJson(PreparedStatement ps, int i, JsonNode node) throws SQLException {
        if (node == null) {
            ps.setNull(i, Types.VARCHAR);
        } else {
            try {
                ps.setString(i, JSON.writeValueAsString(node));
            } catch (JsonProcessingException e) {
                throw new SQLException("cannot write JSON", e);
            }
        }
    }

    private static List<JobState> readAll(PreparedStatement ps) throws SQLException {
        List<JobState> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new JobState(rs.getLong("id"), rs.getLong("owner_id"), rs.getString("type"),
                        rs.getString("runner"), JobStatus.fromWire(rs.getString("status")), rs.getInt("progress"),
                        rs.getString("message"), rs.getString("stage"), json(rs.getString("input")),
                        json(rs.getString("result")), rs.getString("error"), instant(rs.getTimestamp("created_at")),
                        instant(rs.getTimestamp("updated_at")), rs.getLong("seq")));
            }
        }
        return out;
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }

    private static JsonNode json(String text) throws SQLException {
        if (text == null) {
            return null;
        }
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new SQLException("stored JSON is unreadable", e);
        }
    }
}
