package dev.jobcast.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.typesafe.config.Config;
import dev.jobcast.testkit.TestDatabases;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/** The journal's and the read journal's databases as pekko-persistence-jdbc builds them from our configuration. */
class PersistenceConfigTest {

    private static String dbPath(String name) {
        return "pekko-persistence-jdbc.shared-databases.\"" + name + "\".db";
    }

    @Test
    void theReadJournalHasAPoolOfItsOwnTheWritersShareOne() {
        Config config = PersistenceConfig.forDatabase(DatabaseSettings.h2InMemory("persistence_config"), 8);
        assertEquals(PersistenceConfig.WRITE_DB, config.getString("jdbc-journal.use-shared-db"));
        assertEquals(PersistenceConfig.WRITE_DB, config.getString("jdbc-snapshot-store.use-shared-db"));
        assertEquals(PersistenceConfig.READ_DB, config.getString("jdbc-read-journal.use-shared-db"));
        assertEquals(8, config.getInt(dbPath(PersistenceConfig.WRITE_DB) + ".maxConnections"));
        assertEquals(4, config.getInt(dbPath(PersistenceConfig.READ_DB) + ".maxConnections"));
        assertEquals(2, PersistenceConfig.readConnections(1));
        assertFalse(config.hasPath(dbPath(PersistenceConfig.READ_DB) + ".properties.options"), "H2 gets no PostgreSQL options");
    }

    @Test
    void onPostgresqlOnlyTheReadJournalPlansEveryExecution() throws Exception {
        try (TestDatabases.TestDb pg = TestDatabases.postgres()) {
            Config config = PersistenceConfig.forDatabase(pg.settings(), 2);
            assertEquals("force_custom_plan", planCacheMode(config, PersistenceConfig.READ_DB));
            assertEquals("auto", planCacheMode(config, PersistenceConfig.WRITE_DB));
        }
    }

    /** plan_cache_mode on a connection of the named pool, built the way the plugin builds it (Slick, HikariCP). */
    private String planCacheMode(Config config, String name) throws Exception {
        var db = slick.jdbc.JdbcBackend$.MODULE$.Database()
                .forConfig(dbPath(name), config, null, getClass().getClassLoader());
        try (Connection c = db.source().createConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SHOW plan_cache_mode")) {
            rs.next();
            return rs.getString(1);
        } finally {
            db.close();
        }
    }
}
