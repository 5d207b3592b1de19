// Turns a bearer token into a Principal: the token must verify and its sub must name an
// existing, enabled user. Used by the Socket.IO connect middleware and the HTTP routes.
package dev.jobcast.auth;

import dev.jobcast.auth.AuthException.Reason;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

public final class Authenticator {

    /**
     * How long a verified token and a looked-up user are trusted without checking again, and
     * how many of each are kept. A user disabled (or deleted) is refused at most
     * {@code userTtl} later; a token is never trusted past its own expiry.
     */
    public record Caching(Duration userTtl, int maxUsers, Duration tokenTtl, int maxTokens) {
        /** Far beyond any sensible ttl, and counted in nanoseconds without overflow. */
        static final Duration MAX_TTL = Duration.ofDays(365L * 100);

        /** Nothing cached: every call verifies the token and queries the user. */
        public static final Caching OFF = new Caching(Duration.ZERO, 0, Duration.ZERO, 0);

        public Caching {
            if (userTtl.isNegative() || tokenTtl.isNegative() || maxUsers < 0 || maxTokens < 0) {
                throw new IllegalArgumentException("cache ttls and sizes must not be negative");
            }
            if (userTtl.compareTo(MAX_TTL) > 0 || tokenTtl.compareTo(MAX_TTL) > 0) {
                throw new IllegalArgumentException("cache ttls must not exceed " + MAX_TTL);
            }
        }
    }

    /** Where users come from (the users table; something else in tests). */
    @FunctionalInterface
    public interface UserLookup {
        CompletionStage<Optional<User>> find(long userId);
    }

    private final TokenVerifier verifier;
    private final UserLookup users;
    private final Caching caching;
    private final ExpiringCache<String, VerifiedToken> tokens;
    private final ExpiringCache<Long, Optional<User>> knownUsers;
    /**
     * The user lookups under way, one per user at most: requests of the same user that come
     * while its lookup runs share it instead of each querying the database. An entry lives
     * only as long as its query (it is removed before the callers hear the answer), so the
     * map holds at most one entry per user with a request in flight.
     */
    private final ConcurrentMap<Long, CompletableFuture<Optional<User>>> lookups = new ConcurrentHashMap<>();

    /** Without caching: every call verifies and queries. */
    public Authenticator(TokenVerifier verifier, Users users) {
        this(verifier, users::findAsync, Caching.OFF, System::nanoTime);
    }

    public Authenticator(TokenVerifier verifier, Users users, Caching caching) {
        this(verifier, users::findAsync, caching, System::nanoTime);
    }

    Authenticator(TokenVerifier verifier, UserLookup users, Caching caching, java.util.function.LongSupplier nanos) {
        this.verifier = verifier;
        this.users = users;
        this.caching = caching;
        this.tokens = new ExpiringCache<>(caching.maxTokens(), nanos);
        this.knownUsers = new ExpiringCache<>(caching.maxUsers(), nanos);
    }

    /**
     * Fails with an {@link AuthException} itself (not wrapped in a CompletionException) so
     * callers can match on it directly; a database failure passes through as it came.
     * A user is trusted as last seen for at most the cache's user ttl, so disabling a user
     * locks out live tokens too, within that time; calls of one user that arrive while its
     * lookup runs share that lookup. A refused token is never cached: it is checked again.
     */
    public CompletionStage<Principal> authenticate(String tokenOrNull) {
        VerifiedToken token;
        try {
            token = verified(tokenOrNull);
        } catch (AuthException e) {
            return CompletableFuture.failedFuture(e);
        }
        Optional<User> known = knownUsers.get(token.userId());
        if (known != null) {
            return decide(token, known);
        }
        CompletionStage<Optional<User>> lookup = lookup(token.userId());
        // Completed by hand: thenCompose would wrap an inner failure in a CompletionException.
        CompletableFuture<Principal> result = new CompletableFuture<>();
        lookup.whenComplete((user, failure) -> {
            if (failure != null) {
                result.completeExceptionally(unwrap(failure));
            } else {
                complete(result, token, user);
            }
        });
        return result;
    }

    /** The token's verification, from the cache when it was verified lately. */
    private VerifiedToken verified(String token) throws AuthException {
        VerifiedToken cached = token == null ? null : tokens.get(token);
        if (cached != null) {
            return cached;
        }
        VerifiedToken fresh = verifier.verify(token);
        // Never trusted past its own expiry: from then on the verifier says "expired". The
        // lesser of the two is taken before counting nanoseconds, which a token valid for
        // centuries would overflow.
        Duration untilExpiry = Duration.between(Instant.now(), fresh.expiresAt());
        Duration keep = untilExpiry.compareTo(caching.tokenTtl()) < 0 ? untilExpiry : caching.tokenTtl();
        tokens.put(token, fresh, keep.toNanos());
        return fresh;
    }

    private static CompletionStage<Principal> decide(VerifiedToken token, Optional<User> user) {
        CompletableFuture<Principal> result = new CompletableFuture<>();
        complete(result, token, user);
        return result;
    }

    private static void complete(CompletableFuture<Principal> result, VerifiedToken token, Optional<User> user) {
        if (user.isEmpty()) {
            result.completeExceptionally(new AuthException(Reason.UNKNOWN_USER,
                    "user " + token.userId() + " does not exist"));
        } else if (!user.get().enabled()) {
            result.completeExceptionally(new AuthException(Reason.DISABLED_USER,
                    "user " + token.userId() + " is disabled"));
        } else {
            result.complete(new Principal(token.userId(), user.get().email(), token.role(), token.expiresAt()));
        }
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
            query = users.find(userId);
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
                knownUsers.put(userId, user, caching.userTtl().toNanos());
                mine.complete(user);
            }
        });
        return mine;
    }

    /** Users and tokens held by the caches (for tests of the bounds). */
    int cachedUsers() {
        return knownUsers.size();
    }

    int cachedTokens() {
        return tokens.size();
    }

    /** Lookups under way (for tests of the bound). */
    int lookupsInFlight() {
        return lookups.size();
    }

    private static Throwable unwrap(Throwable t) {
        return t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
    }
}
