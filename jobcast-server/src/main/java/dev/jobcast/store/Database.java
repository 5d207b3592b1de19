package dev.jobcast.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import javax.sql.DataSource;

/**
 * jobcast's own connection pool (users, job ids, the read side); the journal has its own.
 * Blocking JDBC runs on the executor given, never on an actor's thread.
 */
public final class Database implements AutoCloseable {

    @FunctionalInterface
    public interface Work<T> {
        T apply(Connection connection) throws SQLException;
    }

    private final DatabaseSettings settings;
    private final HikariDataSource dataSource;
    private volatile Executor executor = Runnable::run;

    public Database(DatabaseSettings settings, int maxConnections) {
        this.settings = settings;
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(settings.url());
        config.setUsername(settings.user());
        config.setPassword(settings.password());
        config.setDriverClassName(settings.vendor().driver());
        config.setMaximumPoolSize(maxConnections);
        config.setMinimumIdle(1);
        config.setPoolName("jobcast-db");
        config.setConnectionTimeout(10_000);
        if (settings.vendor() == DatabaseSettings.Vendor.POSTGRESQL) {
            // The read side inserts its new rows as one batch: sent as multi-row INSERTs.
            config.addDataSourceProperty("reWriteBatchedInserts", "true");
        }
        this.dataSource = new HikariDataSource(config);
    }

    public DatabaseSettings settings() {
        return settings;
    }

    public DataSource dataSource() {
        return dataSource;
    }

    /** Where {@link #async} runs its work (a dispatcher meant for blocking calls). */
    public void useExecutor(Executor blocking) {
        this.executor = blocking;
    }

    /** Runs {@code work} in a transaction on the calling thread. */
    public <T> T run(Work<T> work) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                T result = work.apply(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    /** Runs {@code work} in a transaction on the blocking executor. */
    public <T> CompletionStage<T> async(Work<T> work) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return run(work);
            } catch (SQLException e) {
                throw new DatabaseException(e);
            }
        }, executor);
    }

    @Override
    public void close() {
        dataSource.close();
    }

    /** A failed database call, unchecked so it can cross CompletionStages. */
    public static final class DatabaseException extends RuntimeException {
        public DatabaseException(SQLException cause) {
            super(cause.getMessage(), cause);
        }
    }
}
