// Users against real databases: every case runs on H2 in memory and on PostgreSQL, each
// in a fresh database migrated by Flyway as the server does it.
package dev.jobcast.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jobcast.store.Database;
import dev.jobcast.store.Migrations;
import dev.jobcast.testkit.TestDatabases.TestDb;
import dev.jobcast.testkit.TestDatabases;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class UsersTest {

    enum Backend {
        H2(TestDatabases::h2),
        POSTGRESQL(TestDatabases::postgres);

        final Supplier<TestDb> create;

        Backend(Supplier<TestDb> create) {
            this.create = create;
        }
    }

    /** A migrated database with a Users on it; closing drops everything. */
    static final class Fixture implements AutoCloseable {
        final TestDb testDb;
        final Database db;
        final Users users;
        final ExecutorService blocking = Executors.newSingleThreadExecutor();
        final AtomicInteger handedToExecutor = new AtomicInteger();

        Fixture(Backend backend) {
            testDb = backend.create.get();
            db = new Database(testDb.settings(), 2);
            db.useExecutor(work -> {
                handedToExecutor.incrementAndGet();
                blocking.execute(work);
            });
            Migrations.migrate(db.dataSource(), testDb.settings().vendor());
            users = new Users(db);
        }

        @Override
        public void close() {
            blocking.shutdownNow();
            db.close();
            testDb.close();
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void addNormalizesAndFindsBack(Backend backend) throws Exception {
        try (Fixture f = new Fixture(backend)) {
            Instant before = Instant.now().minusSeconds(1);
            User ada = f.users.add("  Ada@Example.COM ");
            assertTrue(ada.id() > 0, ada.toString());
            assertEquals("ada@example.com", ada.email());
            assertTrue(ada.enabled());
            assertTrue(ada.created().isAfter(before) && ada.created().isBefore(Instant.now().plusSeconds(1)),
                    ada.created().toString());

            assertEquals(Optional.of(ada), f.users.find(ada.id()));
            assertEquals(Optional.of(ada), f.users.findByEmail("ADA@example.com"));
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void refusesADuplicateEmailInAnyCase(Backend backend) throws Exception {
        try (Fixture f = new Fixture(backend)) {
            User first = f.users.add("bob@example.com");
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> f.users.add("BOB@example.com"));
            assertEquals("a user with email bob@example.com already exists", e.getMessage());
            // The failed insert was rolled back cleanly: the pool's connections still work.
            assertEquals(List.of(first), f.users.list());
            assertEquals("carol@example.com", f.users.add("carol@example.com").email());
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void unknownUsersAreEmpty(Backend backend) throws Exception {
        try (Fixture f = new Fixture(backend)) {
            assertEquals(Optional.empty(), f.users.find(12345));
            assertEquals(Optional.empty(), f.users.findByEmail("nobody@example.com"));
            assertEquals(Optional.empty(), f.users.findByEmail(null));
            assertEquals(List.of(), f.users.list());
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void listsInIdOrder(Backend backend) throws Exception {
        try (Fixture f = new Fixture(backend)) {
            User a = f.users.add("a@example.com");
            User b = f.users.add("b@example.com");
            User c = f.users.add("c@example.com");
            assertTrue(a.id() < b.id() && b.id() < c.id());
            assertEquals(List.of(a, b, c), f.users.list());
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void enablesAndDisables(Backend backend) throws Exception {
        try (Fixture f = new Fixture(backend)) {
            User dan = f.users.add("dan@example.com");
            User eve = f.users.add("eve@example.com");
            f.users.setEnabled(dan.id(), false);
            assertFalse(f.users.find(dan.id()).orElseThrow().enabled());
            assertTrue(f.users.find(eve.id()).orElseThrow().enabled(), "only the named user changes");
            f.users.setEnabled(dan.id(), true);
            assertTrue(f.users.find(dan.id()).orElseThrow().enabled());

            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> f.users.setEnabled(999_999, false));
            assertEquals("user 999999 does not exist", e.getMessage());
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void findsAsynchronouslyOnTheBlockingExecutor(Backend backend) throws Exception {
        try (Fixture f = new Fixture(backend)) {
            User fay = f.users.add("fay@example.com");
            assertEquals(0, f.handedToExecutor.get(), "blocking calls stay on the caller's thread");
            Optional<User> found = f.users.findAsync(fay.id()).toCompletableFuture().get(10, TimeUnit.SECONDS);
            assertEquals(Optional.of(fay), found);
            assertEquals(1, f.handedToExecutor.get(), "the lookup ran on the blocking executor");
            assertEquals(Optional.empty(), f.users.findAsync(fay.id() + 1).toCompletableFuture().get(10, TimeUnit.SECONDS));
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void databaseFailuresSurfaceAsSqlOrDatabaseExceptions(Backend backend) throws Exception {
        try (Fixture f = new Fixture(backend)) {
            f.db.close(); // the pool refuses connections from now on
            assertThrows(SQLException.class, () -> f.users.find(1));
            assertThrows(SQLException.class, () -> f.users.add("late@example.com"));
            ExecutionException e = assertThrows(ExecutionException.class,
                    () -> f.users.findAsync(1).toCompletableFuture().get(10, TimeUnit.SECONDS));
            assertInstanceOf(Database.DatabaseException.class, e.getCause());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "  ", "plainaddress", "@example.com", "a@", "a@b", "a@@b.com", "a b@example.com",
            "a@exa mple.com", "a@.com", "a@example.", "a\u0000@example.com"})
    void refusesImplausibleEmails(String email) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Users.normalize(email));
        assertTrue(e.getMessage().startsWith("not a plausible email address"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"a@b.co", "first.last+tag@sub.example.org", "X@Y.Z"})
    void acceptsPlausibleEmails(String email) {
        assertEquals(email.toLowerCase(Locale.ROOT), Users.normalize(email));
    }

    @Test
    void refusesOverlongEmailsAndNullBeforeTouchingTheDatabase() throws Exception {
        try (Fixture f = new Fixture(Backend.H2)) {
            assertThrows(IllegalArgumentException.class, () -> f.users.add(null));
            assertThrows(IllegalArgumentException.class, () -> f.users.add("a".repeat(65) + "@example.com"));
            assertThrows(IllegalArgumentException.class,
                    () -> f.users.add("a@" + "b".repeat(320) + ".com"));
            assertEquals(List.of(), f.users.list());
        }
    }
}
