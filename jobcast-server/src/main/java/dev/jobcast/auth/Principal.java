// Who a connection or request acts for, once its token and its user both check out.
package dev.jobcast.auth;

import java.time.Instant;

public record Principal(long userId, String email, Role role, Instant tokenExpiresAt) {
}
