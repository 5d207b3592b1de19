package dev.jobcast.store;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValueFactory;
import java.util.Map;

/**
 * The Pekko settings that point the event journal, the snapshot store and the read journal
 * at jobcast's database (one shared Slick database for the three).
 */
public final class PersistenceConfig {
    private PersistenceConfig() {
    }

    /**
     * PostgreSQL plans each execution of the journal's statements for its parameters. The
     * driver turns a statement run five times into a prepared one, and PostgreSQL then keeps
     * a generic plan made for the tables as they were: on a journal that starts empty, the
     * events-by-tag query of the read side got a plan that reads the whole tag index for every
     * row it returns (a poll of 300 events took 1.3 s at 20,000 events in the journal, and
     * more with every event), and it keeps that plan until the tables are analyzed again,
     * which never happens with autovacuum off. Planning these small statements costs far less.
     */
    static final String POSTGRES_OPTIONS = "-c plan_cache_mode=force_custom_plan";

    public static Config forDatabase(DatabaseSettings db, int maxConnections) {
        Map<String, Object> values = Map.of(
                "pekko-persistence-jdbc.shared-databases.jobcast.profile", db.vendor().slickProfile(),
                "pekko-persistence-jdbc.shared-databases.jobcast.db.url", db.url(),
                "pekko-persistence-jdbc.shared-databases.jobcast.db.user", db.user(),
                "pekko-persistence-jdbc.shared-databases.jobcast.db.password", db.password(),
                "pekko-persistence-jdbc.shared-databases.jobcast.db.driver", db.vendor().driver(),
                "pekko-persistence-jdbc.shared-databases.jobcast.db.numThreads", maxConnections,
                "pekko-persistence-jdbc.shared-databases.jobcast.db.maxConnections", maxConnections,
                "pekko-persistence-jdbc.shared-databases.jobcast.db.minConnections", 1);
        Config shared = ConfigFactory.parseMap(values);
        if (db.vendor() == DatabaseSettings.Vendor.POSTGRESQL) {
            shared = shared.withValue("pekko-persistence-jdbc.shared-databases.jobcast.db.properties.options",
                    ConfigValueFactory.fromAnyRef(POSTGRES_OPTIONS));
        }
        Config plugins = ConfigFactory.parseString("""
                pekko.persistence.journal.plugin = "jdbc-journal"
                pekko.persistence.snapshot-store.plugin = "jdbc-snapshot-store"
                jdbc-journal.use-shared-db = "jobcast"
                jdbc-snapshot-store.use-shared-db = "jobcast"
                jdbc-read-journal.use-shared-db = "jobcast"
                # The read side must be current within a second: poll the journal often.
                jdbc-read-journal.refresh-interval = 100ms
                jdbc-read-journal.journal-sequence-retrieval.query-delay = 100ms
                """);
        return plugins.withFallback(shared).withValue("jobcast.database.vendor",
                ConfigValueFactory.fromAnyRef(db.vendor().name()));
    }
}
