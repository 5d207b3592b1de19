package dev.jobcast.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.typesafe.config.Config;
import dev.jobcast.testkit.TestDatabases;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/** The journal's database as pekko-persistence-jdbc builds it from our configuration. */
class PersistenceConfigTest {
    private static final String DB_PATH = "pekko-persistence-jdbc.shared-databases.jobcast.db";

    @Test
    void onPostgresqlTheJournalsConnectionsPlanEveryExecution() throws Exception {
        try (TestDatabases.TestDb pg = TestDatabases.postgres()) {
            Config config = PersistenceConfig.forDatabase(pg.settings(), 1);
            var db = slick.jdbc.JdbcBackend$.MODULE$.Database()
                    .forConfig(DB_PATH, config, null, getClass().getClassLoader());
            try (Connection c = db.source().createConnection(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SHOW plan_cache_mode")) {
                rs.next();
                assertEquals("force_custom_plan", rs.getString(1));
            } finally {
                db.close();
            }
        }
    }

    @Test
    void h2GetsNoPostgresqlOptions() {
        Config config = PersistenceConfig.forDatabase(DatabaseSettings.h2InMemory("persistence_config"), 1);
        assertFalse(config.hasPath(DB_PATH + ".properties.options"));
    }
}
