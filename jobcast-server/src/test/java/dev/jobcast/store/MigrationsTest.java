package dev.jobcast.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jobcast.jobs.JobIds;
import dev.jobcast.testkit.TestDatabases;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.flywaydb.core.api.output.MigrateResult;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The schema migrations run on every start: on an empty database they create every table,
 * on an existing one they change nothing and lose nothing; on H2 and on PostgreSQL. Job ids
 * from the database sequence stay unique across pools (restarts, nodes).
 */
class MigrationsTest {

    static Stream<Arguments> databases() {
        return Stream.of(
                Arguments.of("H2", (Supplier<TestDatabases.TestDb>) TestDatabases::h2),
                Arguments.of("PostgreSQL", (Supplier<TestDatabases.TestDb>) TestDatabases::postgres));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void migratingTwiceCreatesOnceAndKeepsTheData(String name, Supplier<TestDatabases.TestDb> database) throws Exception {
        try (TestDatabases.TestDb tdb = database.get(); Database db = new Database(tdb.settings(), 2)) {
            MigrateResult first = Migrations.migrate(db.dataSource(), tdb.settings().vendor());
            assertEquals(3, first.migrationsExecuted, name + ": every migration on an empty database");
            db.run(c -> {
                try (Statement st = c.createStatement()) {
                    st.executeUpdate("INSERT INTO users (email, enabled, created) VALUES ('kept@x.test', TRUE, CURRENT_TIMESTAMP)");
                }
                return null;
            });

            MigrateResult second = Migrations.migrate(db.dataSource(), tdb.settings().vendor());
            assertEquals(0, second.migrationsExecuted, name + ": nothing to do on an existing database");
            assertEquals(1L, (long) db.run(c -> count(c.createStatement(), "SELECT COUNT(*) FROM users")),
                    name + ": the row written before the second start is still there");
            for (String table : new String[] {"jobs", "projection_offsets", "projection_dead_letters"}) {
                assertEquals(0L, (long) db.run(c -> count(c.createStatement(), "SELECT COUNT(*) FROM " + table)),
                        name + ": table " + table + " exists");
            }
            String journal = tdb.settings().vendor() == DatabaseSettings.Vendor.H2 ? "\"event_journal\"" : "event_journal";
            assertEquals(0L, (long) db.run(c -> count(c.createStatement(), "SELECT COUNT(*) FROM " + journal)),
                    name + ": the journal exists");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void jobIdsFromTwoPoolsNeverRepeat(String name, Supplier<TestDatabases.TestDb> database) throws Exception {
        try (TestDatabases.TestDb tdb = database.get();
             Database a = new Database(tdb.settings(), 2);
             Database b = new Database(tdb.settings(), 2)) {
            Migrations.migrate(a.dataSource(), tdb.settings().vendor());
            JobIds first = new JobIds(a);
            JobIds second = new JobIds(b);
            Set<Long> seen = new HashSet<>();
            for (int i = 0; i < 50; i++) {
                for (JobIds ids : new JobIds[] {first, second}) {
                    long id = ids.next().toCompletableFuture().get();
                    assertTrue(id > 0 && id <= JobIds.MAX_ID, name + ": id in range: " + id);
                    assertTrue(seen.add(id), name + ": id " + id + " given twice");
                }
            }
            assertEquals(100, seen.size());
        }
    }

    private static long count(Statement st, String sql) throws java.sql.SQLException {
        try (st; ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
