package dev.jobcast.jobs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.jobcast.store.Database;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * The read side of jobs: one row per job in the `jobs` table, written only by the journal's
 * projection, so it can always be dropped and rebuilt from the journal. Serves listing and
 * the scans of the runners.
 */
public final class JobReadSide {
    public static final String PROJECTION = "jobs";
    private static final String COLUMNS =
            "id, owner_id, type, runner, status, progress, message, stage, error, input, result, created_at, updated_at, seq";

    /** One journal event on its way to the read side. */
    public record Envelope(long ordering, long jobId, long seqNr, JobEvent event) {
    }

    // Decimals keep every digit, as they do through the journal.
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();

    private final Database db;

    public JobReadSide(Database db) {
        this.db = db;
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

    private long offset(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT last_ordering FROM projection_offsets WHERE name = ?")) {
            ps.setString(1, PROJECTION);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0L;
            }
        }
    }

    // ---- the projection's writes ------------------------------------------------------------

    /**
     * Applies a batch of journal events in one transaction, with the new offset. Events a
     * row has already seen (a batch replayed after a crash) are skipped.
     */
    public CompletionStage<Integer> apply(List<Envelope> batch) {
        return db.async(c -> {
            Map<Long, JobState> touched = new LinkedHashMap<>();
            Map<Long, Boolean> exists = new HashMap<>();
            long maxOrdering = 0;
            int applied = 0;
            for (Envelope e : batch) {
                maxOrdering = Math.max(maxOrdering, e.ordering());
                JobState state = touched.get(e.jobId());
                if (state == null) {
                    state = find(c, e.jobId());
                    exists.put(e.jobId(), state != null);
                    if (state == null) {
                        state = JobState.EMPTY;
                    }
                }
                if (e.seqNr() != state.seq() + 1) {
                    continue;
                }
                touched.put(e.jobId(), state.apply(e.event()));
                applied++;
            }
            for (JobState s : touched.values()) {
                if (exists.get(s.id()) == Boolean.TRUE) {
                    update(c, s);
                } else {
                    insert(c, s);
                }
            }
            if (maxOrdering > 0) {
                saveOffset(c, maxOrdering);
            }
            return applied;
        });
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

    private JobState find(Connection c, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM jobs WHERE id = ?")) {
            ps.setLong(1, id);
            List<JobState> rows = readAll(ps);
            return rows.isEmpty() ? null : rows.get(0);
        }
    }

    private void insert(Connection c, JobState s) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO jobs (" + COLUMNS
                + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setLong(1, s.id());
            ps.setLong(2, s.ownerId());
            ps.setString(3, s.type());
            ps.setString(4, s.runner());
            bindMutable(ps, 5, s);
            ps.executeUpdate();
        }
    }

    private void update(Connection c, JobState s) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE jobs SET status = ?, progress = ?, message = ?, "
                + "stage = ?, error = ?, input = ?, result = ?, created_at = ?, updated_at = ?, seq = ? WHERE id = ?")) {
            bindMutable(ps, 1, s);
            ps.setLong(11, s.id());
            ps.executeUpdate();
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
