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
