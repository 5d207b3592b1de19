// Turns a bearer token into a Principal: the token must verify and its sub must name an
// existing, enabled user. Used by the Socket.IO connect middleware and the HTTP routes.
package dev.jobcast.auth;

import dev.jobcast.auth.AuthException.Reason;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

public final class Authenticator {

    private final TokenVerifier verifier;
    private final Users users;

    public Authenticator(TokenVerifier verifier, Users users) {
        this.verifier = verifier;
        this.users = users;
    }

    /**
     * Fails with an {@link AuthException} itself (not wrapped in a CompletionException) so
     * callers can match on it directly; a database failure passes through as it came.
     * The user is looked up on every call, so disabling a user locks out live tokens too.
     */
    public CompletionStage<Principal> authenticate(String tokenOrNull) {
        VerifiedToken token;
        try {
            token = verifier.verify(tokenOrNull);
        } catch (AuthException e) {
            return CompletableFuture.failedFuture(e);
        }
        CompletionStage<Optional<User>> lookup;
        try {
            lookup = users.findAsync(token.userId());
        } catch (RuntimeException e) {
            // e.g. an executor that was shut down: still a failed stage, never a throw.
            return CompletableFuture.failedFuture(e);
        }
        // Completed by hand: thenCompose would wrap an inner failure in a CompletionException.
        CompletableFuture<Principal> result = new CompletableFuture<>();
        lookup.whenComplete((user, failure) -> {
            if (failure != null) {
                result.completeExceptionally(unwrap(failure));
            } else if (user.isEmpty()) {
                result.completeExceptionally(new AuthException(Reason.UNKNOWN_USER,
                        "user " + token.userId() + " does not exist"));
            } else if (!user.get().enabled()) {
                result.completeExceptionally(new AuthException(Reason.DISABLED_USER,
                        "user " + token.userId() + " is disabled"));
            } else {
                result.complete(new Principal(token.userId(), user.get().email(), token.role(), token.expiresAt()));
            }
        });
        return result;
    }

    private static Throwable unwrap(Throwable t) {
        return t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
    }
}
