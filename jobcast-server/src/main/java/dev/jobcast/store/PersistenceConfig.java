package dev.jobcast.store;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValueFactory;
import java.util.HashMap;
import java.util.Map;

/**
 * The Pekko settings that point the event journal, the snapshot store and the read journal
 * at jobcast's database: one Slick database (pool) shared by the journal and the snapshot
 * store, and a smaller one of its own for the read journal (the read side's queries).
 */
public final class PersistenceConfig {
    private PersistenceConfig() {
    }

    /**
     * PostgreSQL options of the read journal's connections: plan each execution for its
     * parameters. The driver turns a statement run five times into a prepared one, and
     * PostgreSQL then keeps a generic plan made for the tables as they were: on a journal that
     * starts empty, the events-by-tag query of the read side got a plan that reads the whole
     * tag index for every row it returns (a poll of 300 events took 1.3 s at 20,000 events in
     * the journal, and more with every event), and it keeps that plan until the tables are
     * analyzed again, which never happens with autovacuum off. The journal's own writes keep
     * their prepared plans: planning each insert and each foreign-key check of the tag rows
     * again cost a sixth of PostgreSQL's time under load, for plans that cannot go wrong.
     */
    static final String READ_JOURNAL_POSTGRES_OPTIONS = "-c plan_cache_mode=force_custom_plan";

    static final String WRITE_DB = "jobcast";
    static final String READ_DB = "jobcast-read";

    /** Connections of the read journal's pool for a journal pool of {@code maxConnections}. */
    static int readConnections(int maxConnections) {
        return Math.max(2, maxConnections / 2);
    }

    public static Config forDatabase(DatabaseSettings db, int maxConnections) {
        Config shared = database(WRITE_DB, db, maxConnections, null)
                .withFallback(database(READ_DB, db, readConnections(maxConnections),
                        db.vendor() == DatabaseSettings.Vendor.POSTGRESQL ? READ_JOURNAL_POSTGRES_OPTIONS : null));
        Config plugins = ConfigFactory.parseString("""
                pekko.persistence.journal.plugin = "jdbc-journal"
                pekko.persistence.snapshot-store.plugin = "jdbc-snapshot-store"
                jdbc-journal.use-shared-db = "%s"
                jdbc-snapshot-store.use-shared-db = "%s"
                jdbc-read-journal.use-shared-db = "%s"
                # The read side must be current within a second: poll the journal often.
                jdbc-read-journal.refresh-interval = 100ms
                jdbc-read-journal.journal-sequence-retrieval.query-delay = 100ms
                """.formatted(WRITE_DB, WRITE_DB, READ_DB));
        return plugins.withFallback(shared).withValue("jobcast.database.vendor",
                ConfigValueFactory.fromAnyRef(db.vendor().name()));
    }

    private static Config database(String name, DatabaseSettings db, int connections, String postgresOptions) {
        String at = "pekko-persistence-jdbc.shared-databases.\"" + name + "\".";
        Map<String, Object> values = new HashMap<>();
        values.put(at + "profile", db.vendor().slickProfile());
        values.put(at + "db.url", db.url());
        values.put(at + "db.user", db.user());
        values.put(at + "db.password", db.password());
        values.put(at + "db.driver", db.vendor().driver());
        values.put(at + "db.numThreads", connections);
        values.put(at + "db.maxConnections", connections);
        values.put(at + "db.minConnections", 1);
        if (postgresOptions != null) {
            values.put(at + "db.properties.options", postgresOptions);
        }
        if (db.vendor() == DatabaseSettings.Vendor.POSTGRESQL) {
            // The journal inserts a batch of rows per transaction (rows of many jobs): the driver
            // sends them as multi-row INSERTs rather than one statement per row.
            values.put(at + "db.properties.reWriteBatchedInserts", "true");
        }
        return ConfigFactory.parseMap(values);
    }
}
