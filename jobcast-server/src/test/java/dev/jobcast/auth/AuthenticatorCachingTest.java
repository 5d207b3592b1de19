// The authenticator's caches: a user is queried once per ttl and no longer trusted than
// that, a token is verified once and never trusted past its exp, refusals are never kept,
// and both caches stay within their bounds. Time is the test's: a nanos clock for the caches
// and a clock of the verifier's own, moved by hand; users come from a counting fake.
package dev.jobcast.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import dev.jobcast.auth.AuthException.Reason;
import dev.jobcast.jobs.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class AuthenticatorCachingTest {

    static final String SECRET = TokenVerifierTest.SECRET;
    static final JwtSettings SETTINGS = new JwtSettings(SECRET, null, null, null, null, Duration.ZERO);

    private static final Duration USER_TTL = Duration.ofSeconds(30);
    private static final Duration TOKEN_TTL = Duration.ofMinutes(10);

    /** The caches' time. */
    private final AtomicLong nanos = new AtomicLong(123_456_789);
    /**
     * The verifier's time. It starts at the real time, since the authenticator measures how
     * long a token has left by the real clock, and moves only when a test moves it.
     */
    private final MutableClock verifierClock = new MutableClock(Instant.now());
    private final TokenIssuer issuer = new TokenIssuer(SETTINGS, verifierClock);
    private final FakeUsers users = new FakeUsers();

    /** Users by id, and how many times they were asked for. */
    static final class FakeUsers implements Authenticator.UserLookup {
        final Map<Long, User> rows = new ConcurrentHashMap<>();
        final AtomicInteger queries = new AtomicInteger();

        User add(long id, String email) {
            User u = new User(id, email, true, Instant.parse("2026-01-01T00:00:00Z"));
            rows.put(id, u);
            return u;
        }

        void setEnabled(long id, boolean enabled) {
            User u = rows.get(id);
            rows.put(id, new User(u.id(), u.email(), enabled, u.created()));
        }

        @Override
        public CompletionStage<Optional<User>> find(long userId) {
            queries.incrementAndGet();
            return CompletableFuture.completedFuture(Optional.ofNullable(rows.get(userId)));
        }
    }

    private Authenticator authenticator(Authenticator.Caching caching) {
        return new Authenticator(new TokenVerifier(SETTINGS, verifierClock), users, caching, nanos::get);
    }

    private Authenticator caching() {
        return authenticator(new Authenticator.Caching(USER_TTL, 1000, TOKEN_TTL, 1000));
    }

    private void advance(Duration d) {
        nanos.addAndGet(d.toNanos());
    }

    private String token(long userId, Duration ttl) {
        return issuer.issue(userId, Role.WORKER, ttl);
    }

    // ---- users

    @Test
    void callsWithinTheUserTtlQueryTheUserOnce() throws Exception {
        users.add(1, "ann@example.com");
        Authenticator auth = caching();
        String a = token(1, Duration.ofHours(1));
        String b = token(1, Duration.ofHours(2)); // another token of the same user
        for (int i = 0; i < 20; i++) {
            assertEquals(1, principal(auth, i % 2 == 0 ? a : b).userId());
            advance(Duration.ofSeconds(1));
        }
        assertEquals(1, users.queries.get(), "20 calls in 20 s of a 30 s ttl");
        advance(Duration.ofSeconds(10)); // 30 s since the query
        assertEquals(1, principal(auth, a).userId());
        assertEquals(2, users.queries.get(), "asked again once the ttl has passed");
    }

    @Test
    void aUserDisabledAfterBeingCachedIsServedUntilTheTtlPassesAndRefusedFromThen() throws Exception {
        users.add(2, "ben@example.com");
        Authenticator auth = caching();
        String token = token(2, Duration.ofHours(1));
        assertEquals(2, principal(auth, token).userId());

        users.setEnabled(2, false);
        advance(USER_TTL.minusNanos(1));
        assertEquals(2, principal(auth, token).userId(), "trusted as last seen, within the ttl");
        advance(Duration.ofNanos(1));
        AuthException e = refusal(auth, Reason.DISABLED_USER, token);
        assertEquals("user 2 is disabled", e.getMessage());
        assertEquals(2, users.queries.get());
        // The refusal is cached like any answer: enabling again takes effect a ttl later.
        users.setEnabled(2, true);
        refusal(auth, Reason.DISABLED_USER, token);
        advance(USER_TTL);
        assertEquals(2, principal(auth, token).userId());
    }

    @Test
    void aDeletedUserIsRefusedOnceTheTtlPasses() throws Exception {
        users.add(3, "cy@example.com");
        Authenticator auth = caching();
        String token = token(3, Duration.ofHours(1));
        principal(auth, token);
        users.rows.remove(3L);
        principal(auth, token);
        advance(USER_TTL);
        refusal(auth, Reason.UNKNOWN_USER, token);
    }

    @Test
    void unknownUsersAreCachedToo() throws Exception {
        Authenticator auth = caching();
        String token = token(404, Duration.ofHours(1));
        for (int i = 0; i < 10; i++) {
            assertEquals("user 404 does not exist", refusal(auth, Reason.UNKNOWN_USER, token).getMessage());
        }
        assertEquals(1, users.queries.get(), "a stranger's retries cost one query per ttl");
        assertEquals(1, auth.cachedUsers());
        users.add(404, "late@example.com");
        refusal(auth, Reason.UNKNOWN_USER, token);
        advance(USER_TTL);
        assertEquals(404, principal(auth, token).userId(), "a user created since is found a ttl later");
        assertEquals(2, users.queries.get());
    }

    @Test
    void unknownUsersCannotFillTheCachePastItsBound() throws Exception {
        int max = 16;
        Authenticator auth = authenticator(new Authenticator.Caching(USER_TTL, max, TOKEN_TTL, 1000));
        for (long id = 1; id <= 10 * max; id++) {
            refusal(auth, Reason.UNKNOWN_USER, token(id, Duration.ofHours(1)));
            assertTrue(auth.cachedUsers() <= max, auth.cachedUsers() + " users cached, at most " + max);
        }
        assertEquals(10 * max, users.queries.get());
    }

    // ---- tokens

    @Test
    void aTokenIsVerifiedOnceAndThenServedFromTheCache() throws Exception {
        users.add(5, "di@example.com");
        Authenticator auth = caching();
        String token = token(5, Duration.ofHours(1));
        Principal first = principal(auth, token);
        assertEquals(1, auth.cachedTokens());

        // The verifier would now call the token expired: only a cached verification passes.
        verifierClock.advance(Duration.ofHours(2));
        assertEquals(first, principal(auth, token));

        // Until the token ttl passes; then the verifier is asked again.
        advance(TOKEN_TTL.minusNanos(1));
        assertEquals(first, principal(auth, token));
        advance(Duration.ofNanos(1));
        refusal(auth, Reason.EXPIRED, token);
        assertEquals(0, auth.cachedTokens(), "the expired entry is gone, and the refusal is not kept");
    }

    @Test
    void aCachedTokenIsNeverTrustedPastItsExp() throws Exception {
        users.add(6, "eli@example.com");
        Authenticator auth = caching();
        // Expires in a minute, well within the token ttl of ten.
        String token = token(6, Duration.ofMinutes(1));
        Instant exp = JWT.decode(token).getExpiresAtAsInstant();
        assertEquals(exp, principal(auth, token).tokenExpiresAt());
        assertEquals(1, auth.cachedTokens());

        verifierClock.advance(Duration.ofMinutes(2)); // past exp, for the verifier
        advance(Duration.ofSeconds(30));
        assertEquals(6, principal(auth, token).userId(), "30 s later: still before exp, from the cache");
        advance(Duration.ofSeconds(31));
        AuthException e = refusal(auth, Reason.EXPIRED, token);
        assertTrue(e.getMessage().startsWith("token expired at"), e.getMessage());
    }

    @Test
    void aTokenAlreadyPastItsExpIsNotCachedEvenWhenTheLeewayLetsItThrough() throws Exception {
        users.add(7, "fay@example.com");
        var lenient = new JwtSettings(SECRET, null, null, null, null, Duration.ofMinutes(5));
        Authenticator auth = new Authenticator(new TokenVerifier(lenient, verifierClock), users,
                new Authenticator.Caching(USER_TTL, 1000, TOKEN_TTL, 1000), nanos::get);
        String late = JWT.create().withSubject("7").withExpiresAt(Instant.now().minusSeconds(30))
                .sign(Algorithm.HMAC256(SECRET));
        assertEquals(7, principal(auth, late).userId());
        assertEquals(0, auth.cachedTokens());
    }

    @Test
    void refusedTokensAreNeverCached() throws Exception {
        users.add(8, "gus@example.com");
        Authenticator auth = caching();
        Instant now = verifierClock.instant();
        String notYet = JWT.create().withSubject("8").withNotBefore(now.plusSeconds(60))
                .withExpiresAt(now.plusSeconds(3600)).sign(Algorithm.HMAC256(SECRET));
        refusal(auth, Reason.NOT_YET_VALID, notYet);
        refusal(auth, Reason.NOT_YET_VALID, notYet);
        refusal(auth, Reason.BAD_SIGNATURE, JWT.create().withSubject("8").withExpiresAt(now.plusSeconds(60))
                .sign(Algorithm.HMAC256("some-other-secret-of-enough-length-1234")));
        refusal(auth, Reason.EXPIRED, JWT.create().withSubject("8").withExpiresAt(now.minusSeconds(60))
                .sign(Algorithm.HMAC256(SECRET)));
        refusal(auth, Reason.MALFORMED, "not-a-jwt");
        refusal(auth, Reason.MISSING, null);
        assertEquals(0, auth.cachedTokens());
        assertEquals(0, users.queries.get(), "a refused token never costs a user query");

        // Checked afresh each time: once its nbf has come, the same token is accepted.
        verifierClock.advance(Duration.ofSeconds(60));
        assertEquals(8, principal(auth, notYet).userId());
        assertEquals(1, auth.cachedTokens());
    }

    @Test
    void aFloodOfDistinctUsersAndTokensStaysWithinBothBounds() throws Exception {
        int maxUsers = 16;
        int maxTokens = 24;
        Authenticator auth = authenticator(new Authenticator.Caching(USER_TTL, maxUsers, TOKEN_TTL, maxTokens));
        for (long id = 1; id <= 300; id++) {
            users.add(id, "u" + id + "@example.com");
            // Two tokens per user: the token cache fills faster than the user cache.
            assertEquals(id, principal(auth, token(id, Duration.ofHours(1))).userId());
            assertEquals(id, principal(auth, token(id, Duration.ofHours(2))).userId());
            assertTrue(auth.cachedUsers() <= maxUsers, auth.cachedUsers() + " users cached, at most " + maxUsers);
            assertTrue(auth.cachedTokens() <= maxTokens,
                    auth.cachedTokens() + " tokens cached, at most " + maxTokens);
        }
        assertEquals(300, users.queries.get(), "each user queried once: its second call found it cached");
    }

    @Test
    void aTokenValidForCenturiesIsAccepted() throws Exception {
        // exp beyond what a long of nanoseconds can count from now (some 292 years).
        users.add(9, "hal@example.com");
        String forever = token(9, Duration.ofDays(365L * 400));
        assertEquals(9, principal(caching(), forever).userId());
        assertEquals(9, principal(authenticator(Authenticator.Caching.OFF), forever).userId());
    }

    @Test
    void anyExpIsAnsweredWithAStageNeverAThrow() throws Exception {
        users.add(12, "kim@example.com");
        Authenticator auth = caching();
        for (long exp : new long[] {Long.MAX_VALUE, 1L << 53, 31_556_889_864_403_199L, 253_402_300_799L}) {
            String token = JWT.create().withSubject("12").withClaim("exp", exp).sign(Algorithm.HMAC256(SECRET));
            CompletionStage<Principal> stage = auth.authenticate(token);
            Throwable t = failure(stage);
            if (t != null) {
                assertInstanceOf(AuthException.class, t, "exp " + exp);
            }
        }
        // 9999-12-31T23:59:59Z, a common "never expires": accepted.
        String token = JWT.create().withSubject("12").withClaim("exp", 253_402_300_799L).sign(Algorithm.HMAC256(SECRET));
        assertEquals(12, principal(auth, token).userId());
    }

    // ---- no caching

    @Test
    void withCachingOffEveryCallVerifiesAndQueries() throws Exception {
        users.add(10, "ivy@example.com");
        Authenticator auth = authenticator(Authenticator.Caching.OFF);
        String token = token(10, Duration.ofHours(1));
        for (int i = 1; i <= 5; i++) {
            assertEquals(10, principal(auth, token).userId());
            assertEquals(i, users.queries.get());
        }
        assertEquals(0, auth.cachedUsers());
        assertEquals(0, auth.cachedTokens());
        users.setEnabled(10, false);
        refusal(auth, Reason.DISABLED_USER, token); // at once, no ttl to wait
        verifierClock.advance(Duration.ofHours(2));
        refusal(auth, Reason.EXPIRED, token); // verified again, no cached verification
    }

    @Test
    void aCacheWithAZeroTtlOrNoRoomKeepsNothing() throws Exception {
        users.add(11, "jo@example.com");
        String token = token(11, Duration.ofHours(1));
        for (Authenticator.Caching off : new Authenticator.Caching[] {
                new Authenticator.Caching(Duration.ZERO, 100, Duration.ZERO, 100),
                new Authenticator.Caching(USER_TTL, 0, TOKEN_TTL, 0)}) {
            Authenticator auth = authenticator(off);
            int before = users.queries.get();
            principal(auth, token);
            principal(auth, token);
            assertEquals(before + 2, users.queries.get(), off.toString());
            assertEquals(0, auth.cachedUsers());
            assertEquals(0, auth.cachedTokens());
        }
    }

    @Test
    void ttlsAndSizesOutOfRangeAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new Authenticator.Caching(Duration.ofDays(365L * 300), 1,
                TOKEN_TTL, 1), "a ttl whose nanoseconds overflow");
        assertThrows(IllegalArgumentException.class, () -> new Authenticator.Caching(USER_TTL, 1,
                Duration.ofDays(365L * 300), 1), "a ttl whose nanoseconds overflow");
        assertEquals(Duration.ofDays(365L * 100),
                new Authenticator.Caching(Duration.ofDays(365L * 100), 1, Duration.ofDays(365L * 100), 1).userTtl());
        assertThrows(IllegalArgumentException.class, () -> new Authenticator.Caching(Duration.ofSeconds(-1), 1,
                TOKEN_TTL, 1));
        assertThrows(IllegalArgumentException.class, () -> new Authenticator.Caching(USER_TTL, -1, TOKEN_TTL, 1));
        assertThrows(IllegalArgumentException.class, () -> new Authenticator.Caching(USER_TTL, 1,
                Duration.ofSeconds(-1), 1));
        assertThrows(IllegalArgumentException.class, () -> new Authenticator.Caching(USER_TTL, 1, TOKEN_TTL, -1));
    }

    // ---- helpers

    private static Principal principal(Authenticator auth, String token) throws Exception {
        CompletionStage<Principal> stage = auth.authenticate(token);
        assertNull(failure(stage), "expected success");
        return stage.toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private static AuthException refusal(Authenticator auth, Reason reason, String token) throws Exception {
        Throwable t = failure(auth.authenticate(token));
        AuthException e = assertInstanceOf(AuthException.class, t, "failure must be the AuthException itself");
        assertEquals(reason, e.reason(), e.getMessage());
        return e;
    }

    private static Throwable failure(CompletionStage<?> stage) throws Exception {
        return stage.handle((value, error) -> error).toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
}
