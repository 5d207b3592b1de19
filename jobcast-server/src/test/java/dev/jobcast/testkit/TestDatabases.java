// Fresh, throw-away databases for tests: an H2 in memory, or a new PostgreSQL database
// created on the test server and dropped on close. The same tests run against both.
package dev.jobcast.testkit;

import dev.jobcast.store.DatabaseSettings;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.UUID;

/**
 * PostgreSQL comes from JOBCAST_TEST_PG_URL (a JDBC URL of a database to connect to for
 * CREATE DATABASE; default jdbc:postgresql://127.0.0.1:5432/postgres), JOBCAST_TEST_PG_USER
 * (default postgres) and JOBCAST_TEST_PG_PASSWORD (default empty). An unreachable server
 * fails the test: CI requires the PostgreSQL runs, so they are never skipped.
 */
public final class TestDatabases {

    private TestDatabases() {
    }

    /** Settings of one throw-away database; close() removes it. */
    public interface TestDb extends AutoCloseable {
        DatabaseSettings settings();

        @Override
        void close();
    }

    public static TestDb h2() {
        DatabaseSettings settings = DatabaseSettings.h2InMemory("test_" + uniqueSuffix());
        return new TestDb() {
            public DatabaseSettings settings() {
                return settings;
            }

            // DB_CLOSE_DELAY=-1 keeps it for the JVM's life; SHUTDOWN frees it now.
            public void close() {
                try (Connection c = DriverManager.getConnection(settings.url(), settings.user(), settings.password());
                        Statement s = c.createStatement()) {
                    s.execute("SHUTDOWN");
                } catch (SQLException e) {
                    throw new IllegalStateException("could not shut down " + settings.url(), e);
                }
            }
        };
    }

    public static TestDb postgres() {
        String adminUrl = env("JOBCAST_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/postgres");
        String user = env("JOBCAST_TEST_PG_USER", "postgres");
        String password = env("JOBCAST_TEST_PG_PASSWORD", "");
        // Generated, never from input: safe to splice into DDL, which takes no bind parameters.
        String name = "jobcast_auth_" + uniqueSuffix();
        admin(adminUrl, user, password, "CREATE DATABASE " + name);
        DatabaseSettings settings = DatabaseSettings.postgres(withDatabase(adminUrl, name), user, password);
        return new TestDb() {
            public DatabaseSettings settings() {
                return settings;
            }

            // FORCE ends connections a test left open (PostgreSQL 13+).
            public void close() {
                admin(adminUrl, user, password, "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            }
        };
    }

    private static void admin(String url, String user, String password, String sql) {
        Properties props = new Properties();
        props.setProperty("user", user);
        props.setProperty("password", password);
        props.setProperty("connectTimeout", "5"); // seconds: fail fast when nothing listens
        try (Connection c = DriverManager.getConnection(url, props); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new AssertionError("PostgreSQL test database unavailable: '" + sql + "' on " + url + " as "
                    + user + " failed (" + e.getMessage() + "). Start PostgreSQL there or point "
                    + "JOBCAST_TEST_PG_URL / JOBCAST_TEST_PG_USER / JOBCAST_TEST_PG_PASSWORD at one; "
                    + "these tests are required and never skipped.", e);
        }
    }

    // jdbc:postgresql://host:port/db?params -> the same with another db.
    static String withDatabase(String url, String database) {
        int query = url.indexOf('?');
        String base = query < 0 ? url : url.substring(0, query);
        String params = query < 0 ? "" : url.substring(query);
        int hostStart = base.indexOf("//");
        int slash = base.indexOf('/', hostStart < 0 ? 0 : hostStart + 2);
        String server = slash < 0 ? base : base.substring(0, slash);
        return server + "/" + database + params;
    }

    private static String uniqueSuffix() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
