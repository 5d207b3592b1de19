// What a token proves once its signature and claims check out: who, with which role, until when.
package dev.jobcast.auth;

import java.time.Instant;

public record VerifiedToken(long userId, Role role, Instant expiresAt) {
}
