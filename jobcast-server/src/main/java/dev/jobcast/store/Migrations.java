package dev.jobcast.store;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Creates and upgrades the schema (journal, snapshots, users, read side) with versioned
 * Flyway migrations: safe on every start, on an empty database and on an existing one.
 */
public final class Migrations {
    private Migrations() {
    }

    public static MigrateResult migrate(DataSource dataSource, DatabaseSettings.Vendor vendor) {
        return Flyway.configure()
                .dataSource(dataSource)
                .locations(vendor.migrationsLocation())
                .baselineOnMigrate(false)
                .load()
                .migrate();
    }
}
