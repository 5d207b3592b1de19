package dev.jobcast.server;

import dev.jobcast.auth.Role;
import dev.jobcast.auth.User;
import dev.jobcast.auth.Users;
import java.sql.SQLException;
import java.time.Duration;

/** The embedded default's convenience: a demo user and a ready token, printed at start. */
final class DemoUser {
    static final String EMAIL = "demo@jobcast.local";

    private DemoUser() {
    }

    static User ensure(Users users) throws SQLException {
        var existing = users.findByEmail(EMAIL);
        return existing.isPresent() ? existing.get() : users.add(EMAIL);
    }

    static String token(JobcastServer server, User user) {
        return server.tokens().issue(user.id(), Role.USER, Duration.ofDays(1));
    }
}
