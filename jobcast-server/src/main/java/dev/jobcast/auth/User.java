// A row of the users table: who may connect. A token's sub names one by id.
package dev.jobcast.auth;

import java.time.Instant;

public record User(long id, String email, boolean enabled, Instant created) {
}
