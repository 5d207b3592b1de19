package dev.jobcast.jobs;

import dev.jobcast.store.Database;
import dev.jobcast.store.DatabaseSettings;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.concurrent.CompletionStage;

/**
 * Job ids from a database sequence: unique across restarts and across nodes sharing the
 * database, and always below 2^53 so JavaScript holds them exactly.
 */
public final class JobIds {
    public static final long MAX_ID = (1L << 53) - 1;

    private final Database db;
    private final String sql;

    public JobIds(Database db) {
        this.db = db;
        this.sql = db.settings().vendor() == DatabaseSettings.Vendor.H2
                ? "VALUES NEXT VALUE FOR job_id_seq"
                : "SELECT nextval('job_id_seq')";
    }

    public CompletionStage<Long> next() {
        return db.async(c -> {
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
                rs.next();
                long id = rs.getLong(1);
                if (id <= 0 || id > MAX_ID) {
                    throw new IllegalStateException("job id sequence out of range: " + id);
                }
                return id;
            }
        });
    }
}
