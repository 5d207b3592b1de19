package dev.jobcast.jobs;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dev.jobcast.store.Database;
import dev.jobcast.store.DatabaseSettings;
import dev.jobcast.store.Migrations;
import dev.jobcast.store.PersistenceConfig;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import java.util.function.Consumer;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.DispatcherSelector;

/**
 * A test actor system whose journal and snapshot store are pekko-persistence-jdbc on an H2
 * database (migrated with the real migrations), plus the job stack built on it.
 */
public final class JdbcJournalTestKit implements AutoCloseable {

    /** The service, its read side and projection, sharing one registry. */
    public record Jobs(ActorRef<JobRegistry.Command> registry, JobService service, JobReadSide readSide,
                       JobProjection projection) {
    }

    // Spelled out here, not only in application.conf, so the journal's format never depends
    // on which configuration file the test run happens to load.
    private static final String SERIALIZATION = """
            pekko.actor.serialization-bindings {
              "dev.jobcast.jobs.JournalSerializable" = jackson-json
            }
            """;

    private final DatabaseSettings settings;
    private final Database db;
    private final ActorTestKit testKit;
    private boolean stopped;

    private JdbcJournalTestKit(DatabaseSettings settings, Config overrides) {
        this.settings = settings;
        this.db = new Database(settings, 4);
        try {
            Migrations.migrate(db.dataSource(), settings.vendor());
            Config config = overrides.withFallback(ConfigFactory.parseString(SERIALIZATION))
                    .withFallback(PersistenceConfig.forDatabase(settings, 4))
                    .withFallback(ConfigFactory.load());
            this.testKit = ActorTestKit.create("jobs-" + UUID.randomUUID().toString().substring(0, 8), config);
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
        db.useExecutor(testKit.system().dispatchers().lookup(DispatcherSelector.blocking()));
    }

    /** A database of its own: no test sees another's rows. */
    public static DatabaseSettings freshDatabase() {
        return DatabaseSettings.h2InMemory("jobs_" + UUID.randomUUID().toString().replace("-", ""));
    }

    /** A new actor system on {@code settings}' database (which may hold a previous system's journal). */
    public static JdbcJournalTestKit start(DatabaseSettings settings) {
        return new JdbcJournalTestKit(settings, ConfigFactory.empty());
    }

    /** As {@link #start(DatabaseSettings)}, with settings that take precedence over all others. */
    public static JdbcJournalTestKit start(DatabaseSettings settings, Config overrides) {
        return new JdbcJournalTestKit(settings, overrides);
    }

    public static JdbcJournalTestKit start() {
        return start(freshDatabase());
    }

    public ActorTestKit testKit() {
        return testKit;
    }

    public Database db() {
        return db;
    }

    public DatabaseSettings settings() {
        return settings;
    }

    public Jobs jobs(int snapshotEvery, Duration idleAfter, Consumer<JobUpdate> publisher, Clock clock) {
        ActorRef<JobRegistry.Command> registry =
                testKit.spawn(JobRegistry.create(snapshotEvery, idleAfter, publisher, clock));
        JobReadSide readSide = new JobReadSide(db);
        JobService service = new JobService(testKit.system(), registry, new JobIds(db), readSide,
                Duration.ofSeconds(5));
        return new Jobs(registry, service, readSide, new JobProjection(testKit.system(), readSide));
    }

    public Jobs jobs(Clock clock) {
        return jobs(0, Duration.ofMinutes(10), u -> { }, clock);
    }

    /** A single number from SQL (counts in the journal's tables). */
    public long queryLong(String sql, Object... args) {
        try {
            return db.run(c -> {
                try (PreparedStatement ps = c.prepareStatement(sql)) {
                    for (int i = 0; i < args.length; i++) {
                        ps.setObject(i + 1, args[i]);
                    }
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        return rs.getLong(1);
                    }
                }
            });
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    /** Runs one update statement (to damage or reset what a test needs). */
    public int update(String sql) {
        try {
            return db.run(c -> {
                try (Statement st = c.createStatement()) {
                    return st.executeUpdate(sql);
                }
            });
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    /**
     * Stops the actor system and closes the pool, as a crash would (nothing is completed or
     * failed on the way down); the in-memory database itself lives on for the next system.
     */
    public void crash() {
        if (!stopped) {
            stopped = true;
            testKit.shutdownTestKit();
            db.close();
        }
    }

    /** Stops the actor system and drops the in-memory database (for good: later systems find it empty). */
    @Override
    public void close() {
        if (stopped) {
            return;
        }
        stopped = true;
        testKit.shutdownTestKit();
        try {
            db.run(c -> {
                try (Statement st = c.createStatement()) {
                    st.execute("SHUTDOWN");
                }
                return null;
            });
        } catch (SQLException e) {
            // Best effort: the memory is freed at the JVM's exit anyway.
        }
        db.close();
    }
}
