package dev.jobcast.store;

import java.nio.file.Path;

/**
 * Which database jobcast uses: an H2 file under the data folder (the embedded default) or
 * PostgreSQL from a JDBC URL. The same schema and code run on both.
 */
public record DatabaseSettings(Vendor vendor, String url, String user, String password) {

    public enum Vendor {
        H2("h2", "org.h2.Driver", "slick.jdbc.H2Profile$"),
        POSTGRESQL("postgresql", "org.postgresql.Driver", "slick.jdbc.PostgresProfile$");

        private final String migrations;
        private final String driver;
        private final String slickProfile;

        Vendor(String migrations, String driver, String slickProfile) {
            this.migrations = migrations;
            this.driver = driver;
            this.slickProfile = slickProfile;
        }

        public String migrationsLocation() {
            return "classpath:db/migration/" + migrations;
        }

        public String driver() {
            return driver;
        }

        public String slickProfile() {
            return slickProfile;
        }
    }

    /**
     * The embedded default. AUTO_SERVER lets a second process (`jobcast user add` while the
     * server runs) open the same file through the first one. WRITE_DELAY=0 writes each commit
     * to the file before the commit returns: with H2's default (500 ms) a killed process loses
     * events it had already acknowledged and broadcast (RestartReplayTest).
     */
    public static DatabaseSettings h2(Path dataDir) {
        Path file = dataDir.toAbsolutePath().normalize().resolve("jobcast");
        return new DatabaseSettings(Vendor.H2, "jdbc:h2:file:" + file + ";AUTO_SERVER=TRUE;WRITE_DELAY=0", "sa", "");
    }

    /** An H2 database in memory, for tests; it lives as long as one connection to it is open. */
    public static DatabaseSettings h2InMemory(String name) {
        return new DatabaseSettings(Vendor.H2, "jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1", "sa", "");
    }

    public static DatabaseSettings postgres(String url, String user, String password) {
        if (!url.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("JOBCAST_DB_URL must be a jdbc:postgresql: URL, got " + url);
        }
        return new DatabaseSettings(Vendor.POSTGRESQL, url, user, password);
    }

    /** For logs: the URL without anything that might be a secret. */
    public String safeUrl() {
        int q = url.indexOf('?');
        return q < 0 ? url : url.substring(0, q);
    }
}
