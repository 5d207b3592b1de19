// Turns a bearer token into a Principal: the token must verify and its sub must name an
// existing, enabled user. Used by the Socket.IO connect middleware and the HTTP routes.
package dev.jobcast.auth;

import dev.jobcast.auth.AuthException.Reason;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

public final class Authenticator {

    private final TokenVerifier verifier;
    private final Users users;
    /**
     * The user lookups under way, one per user at most: requests of the same user that come
     * while its lookup runs share it instead of each querying the database. An entry lives
     * only as long as its query (it is removed before the callers hear the answer), so the
     * map holds at most one entry per user with a request in flight.
     */
    private final ConcurrentMap<Long, CompletableFuture<Optional<User>>> lookups = new ConcurrentHashMap<>();

    public Authenticator(TokenVerifier verifier, Users users) {
        this.verifier = verifier;
        this.users = users;
    }

    /**
     * Fails with an {@link AuthException} itself (not wrapped in a CompletionException) so
     * callers can match on it directly; a database failure passes through as it came.
     * The user is looked up for every call (never cached), so disabling a user locks out
     * live tokens too; calls of one user that arrive while its lookup runs share that lookup.
     */
    public CompletionStage<Principal> authenticate(String tokenOrNull) {
        VerifiedToken token;
        try {
            token = verifier.verify(tokenOrNull);
        } catch (AuthException e) {
            return CompletableFuture.failedFuture(e);
        }
        CompletionStage<Optional<User>> lookup = lookup(token.userId());
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

    /** The user as the database has it now: joins the lookup of this user under way, or starts one. */
    private CompletionStage<Optional<User>> lookup(long userId) {
        CompletableFuture<Optional<User>> mine = new CompletableFuture<>();
        CompletableFuture<Optional<User>> running = lookups.putIfAbsent(userId, mine);
        if (running != null) {
            return running;
        }
        CompletionStage<Optional<User>> query;
        try {
            query = users.findAsync(userId);
        } catch (RuntimeException e) {
            // e.g. an executor that was shut down: still a failed stage, never a throw.
            lookups.remove(userId, mine);
            mine.completeExceptionally(e);
            return mine;
        }
        query.whenComplete((user, failure) -> {
            // Out of the map before anyone hears the answer: a call arriving from now on
            // starts a lookup of its own and sees any change committed meanwhile.
            lookups.remove(userId, mine);
            if (failure != null) {
                mine.completeExceptionally(unwrap(failure));
            } else {
                mine.complete(user);
            }
        });
        return mine;
    }

    /** Lookups under way (for tests of the bound). */
    int lookupsInFlight() {
        return lookups.size();
    }

    private static Throwable unwrap(Throwable t) {
        return t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
    }
}
