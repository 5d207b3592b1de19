// The users table: who exists and who is enabled. Blocking methods run on the caller's
// thread via Database.run; *Async ones on the database's blocking executor.
package dev.jobcast.auth;

import dev.jobcast.store.Database;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.regex.Pattern;

/**
 * Errors: the blocking methods throw {@link SQLException} as {@link Database#run} does,
 * and {@link IllegalArgumentException} for a caller's mistake (bad or duplicate email,
 * unknown id). Async stages fail with {@link Database.DatabaseException}.
 */
public final class Users {

    // Plausible, not RFC 5322: something@domain.tld without spaces; the mail server is the judge.
    private static final Pattern EMAIL = Pattern.compile(
            "[^@\\s\\p{Cntrl}]{1,64}@[^@\\s\\p{Cntrl}.]+(\\.[^@\\s\\p{Cntrl}.]+)+");
    private static final int MAX_EMAIL = 320; // the column's width
    private static final String COLUMNS = "SELECT id, email, enabled, created FROM users";
    // Both H2 and PostgreSQL report a unique-constraint violation with this SQLSTATE.
    private static final String UNIQUE_VIOLATION = "23505";

    private final Database db;

    public Users(Database db) {
        this.db = db;
    }

    /** Adds an enabled user; the email is trimmed and lower-cased so lookups are unambiguous. */
    public User add(String email) throws SQLException {
        String normalized = normalize(email);
        // Microseconds: what both databases store, so the returned User equals a later find().
        Instant created = Instant.now().truncatedTo(ChronoUnit.MICROS);
        return db.run(c -> {
            try (PreparedStatement insert = c.prepareStatement(
                    "INSERT INTO users (email, enabled, created) VALUES (?, TRUE, ?)")) {
                insert.setString(1, normalized);
                insert.setObject(2, OffsetDateTime.ofInstant(created, ZoneOffset.UTC));
                insert.executeUpdate();
            } catch (SQLException e) {
                // The constraint, not a prior SELECT, decides: two concurrent adds cannot both win.
                if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
                    throw new IllegalArgumentException("a user with email " + normalized + " already exists", e);
                }
                throw e;
            }
            return one(c, COLUMNS + " WHERE email = ?", normalized).orElseThrow(
                    () -> new SQLException("user " + normalized + " vanished right after its insert"));
        });
    }

    public Optional<User> find(long id) throws SQLException {
        return db.run(c -> one(c, COLUMNS + " WHERE id = ?", id));
    }

    public CompletionStage<Optional<User>> findAsync(long id) {
        return db.async(c -> one(c, COLUMNS + " WHERE id = ?", id));
    }

    /** Looks the address up the way {@link #add} stored it; an implausible one finds nobody. */
    public Optional<User> findByEmail(String email) throws SQLException {
        String normalized = email == null ? "" : email.trim().toLowerCase(Locale.ROOT);
        return db.run(c -> one(c, COLUMNS + " WHERE email = ?", normalized));
    }

    public List<User> list() throws SQLException {
        return db.run(c -> {
            try (PreparedStatement s = c.prepareStatement(COLUMNS + " ORDER BY id");
                    ResultSet rs = s.executeQuery()) {
                List<User> users = new ArrayList<>();
                while (rs.next()) {
                    users.add(read(rs));
                }
                return users;
            }
        });
    }

    public void setEnabled(long id, boolean enabled) throws SQLException {
        int updated = db.run(c -> {
            try (PreparedStatement s = c.prepareStatement("UPDATE users SET enabled = ? WHERE id = ?")) {
                s.setBoolean(1, enabled);
                s.setLong(2, id);
                return s.executeUpdate();
            }
        });
        if (updated == 0) {
            throw new IllegalArgumentException("user " + id + " does not exist");
        }
    }

    static String normalize(String email) {
        String e = email == null ? "" : email.trim().toLowerCase(Locale.ROOT);
        if (e.length() > MAX_EMAIL || !EMAIL.matcher(e).matches()) {
            throw new IllegalArgumentException("not a plausible email address: \"" + email
                    + "\" (expected something like name@example.com)");
        }
        return e;
    }

    private static Optional<User> one(Connection c, String sql, Object key) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setObject(1, key);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
        }
    }

    private static User read(ResultSet rs) throws SQLException {
        return new User(rs.getLong("id"), rs.getString("email"), rs.getBoolean("enabled"),
                rs.getObject("created", OffsetDateTime.class).toInstant());
    }
}
