// Authenticator: token plus users table -> Principal, and the AuthException (never a
// wrapped one) for each way that can fail. H2 for the cases, PostgreSQL once end to end.
package dev.jobcast.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import dev.jobcast.auth.AuthException.Reason;
import dev.jobcast.store.Database;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class AuthenticatorTest {

    static final String SECRET = TokenVerifierTest.SECRET;
    static final JwtSettings SETTINGS = new JwtSettings(SECRET, null, null, null, null, Duration.ZERO);

    private final TokenIssuer issuer = new TokenIssuer(SETTINGS);
    private UsersTest.Fixture h2;
    private Authenticator authenticator;

    @BeforeEach
    void openDatabase() {
        h2 = new UsersTest.Fixture(UsersTest.Backend.H2);
        authenticator = new Authenticator(new TokenVerifier(SETTINGS), h2.users);
    }

    @AfterEach
    void closeDatabase() {
        h2.close();
    }

    @Test
    void aValidTokenOfAnEnabledUserGivesItsPrincipal() throws Exception {
        User ann = h2.users.add("ann@example.com");
        String token = issuer.issue(ann.id(), Role.WORKER, Duration.ofMinutes(5));
        Instant expires = JWT.decode(token).getExpiresAtAsInstant();
        assertEquals(new Principal(ann.id(), "ann@example.com", Role.WORKER, expires), principal(token));
    }

    @Test
    void anUnknownUserIsRefused() throws Exception {
        h2.users.add("someone@example.com");
        AuthException e = refusal(Reason.UNKNOWN_USER, issuer.issue(4242, Role.USER, Duration.ofMinutes(5)));
        assertEquals("user 4242 does not exist", e.getMessage());
    }

    @Test
    void aDisabledUserIsRefusedEvenWithAnUnexpiredToken() throws Exception {
        User ben = h2.users.add("ben@example.com");
        String token = issuer.issue(ben.id(), Role.USER, Duration.ofMinutes(5));
        assertEquals(ben.id(), principal(token).userId());
        h2.users.setEnabled(ben.id(), false);
        AuthException e = refusal(Reason.DISABLED_USER, token);
        assertEquals("user " + ben.id() + " is disabled", e.getMessage());
    }

    @Test
    void callsOfOneUserWhileItsLookupRunsShareItAndNoneOutlivesIt() throws Exception {
        User fay = h2.users.add("fay@example.com");
        User gus = h2.users.add("gus@example.com");
        String fayToken = issuer.issue(fay.id(), Role.WORKER, Duration.ofMinutes(5));
        String gusToken = issuer.issue(gus.id(), Role.WORKER, Duration.ofMinutes(5));
        // The database's only thread is held: the first lookups cannot finish yet.
        CountDownLatch release = new CountDownLatch(1);
        h2.blocking.execute(() -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        int before = h2.handedToExecutor.get();
        List<CompletionStage<Principal>> calls = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            calls.add(authenticator.authenticate(fayToken));
            calls.add(authenticator.authenticate(gusToken));
        }
        assertEquals(2, authenticator.lookupsInFlight(), "one lookup per user under way");
        assertEquals(before + 2, h2.handedToExecutor.get(), "one query per user for 100 calls");
        release.countDown();
        for (int i = 0; i < calls.size(); i++) {
            long expected = i % 2 == 0 ? fay.id() : gus.id();
            assertEquals(expected, calls.get(i).toCompletableFuture().get(10, TimeUnit.SECONDS).userId());
        }
        assertEquals(0, authenticator.lookupsInFlight(), "a lookup leaves the map when it ends");

        // A lookup that has ended is not reused: a user disabled since is refused at once.
        h2.users.setEnabled(fay.id(), false);
        refusal(Reason.DISABLED_USER, fayToken);
        assertEquals(gus.id(), principal(gusToken).userId());
        assertEquals(0, authenticator.lookupsInFlight());
    }

    @Test
    void aFailedSharedLookupFailsEveryCallerAndIsForgotten() throws Exception {
        String token = issuer.issue(1, Role.USER, Duration.ofMinutes(5));
        h2.db.close();
        CompletionStage<Principal> a = authenticator.authenticate(token);
        CompletionStage<Principal> b = authenticator.authenticate(token);
        assertInstanceOf(Database.DatabaseException.class, failure(a));
        assertInstanceOf(Database.DatabaseException.class, failure(b));
        assertEquals(0, authenticator.lookupsInFlight());
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {" ", "\n"})
    void noTokenIsMissing(String token) throws Exception {
        assertEquals("no token", refusal(Reason.MISSING, token).getMessage());
    }

    @Test
    void everyVerifierRefusalPassesThroughWithItsReason() throws Exception {
        User cy = h2.users.add("cy@example.com");
        String sub = Long.toString(cy.id());
        Instant now = Instant.now();
        refusal(Reason.EXPIRED, JWT.create().withSubject(sub).withExpiresAt(now.minusSeconds(60))
                .sign(Algorithm.HMAC256(SECRET)));
        refusal(Reason.NOT_YET_VALID, JWT.create().withSubject(sub).withNotBefore(now.plusSeconds(600))
                .withExpiresAt(now.plusSeconds(900)).sign(Algorithm.HMAC256(SECRET)));
        refusal(Reason.BAD_SIGNATURE, JWT.create().withSubject(sub).withExpiresAt(now.plusSeconds(60))
                .sign(Algorithm.HMAC256("some-other-secret-of-enough-length-1234")));
        refusal(Reason.ALGORITHM_NOT_ALLOWED, JWT.create().withSubject(sub).withExpiresAt(now.plusSeconds(60))
                .sign(Algorithm.HMAC512(SECRET)));
        refusal(Reason.ALGORITHM_NOT_ALLOWED, TokenVerifierTest.b64("{\"alg\":\"none\"}") + "."
                + TokenVerifierTest.b64("{\"sub\":\"" + sub + "\",\"exp\":" + now.plusSeconds(60).getEpochSecond() + "}") + ".");
        refusal(Reason.BAD_CLAIMS, JWT.create().withSubject(sub).withClaim("role", "root")
                .withExpiresAt(now.plusSeconds(60)).sign(Algorithm.HMAC256(SECRET)));
        refusal(Reason.MALFORMED, "not-a-jwt");
    }

    @Test
    void issuerAndAudienceRefusalsPassThrough() throws Exception {
        User di = h2.users.add("di@example.com");
        JwtSettings strict = new JwtSettings(SECRET, null, null, "jobcast", "web", Duration.ZERO);
        authenticator = new Authenticator(new TokenVerifier(strict), h2.users);
        String sub = Long.toString(di.id());
        Instant exp = Instant.now().plusSeconds(60);
        refusal(Reason.WRONG_ISSUER, JWT.create().withSubject(sub).withIssuer("other").withAudience("web")
                .withExpiresAt(exp).sign(Algorithm.HMAC256(SECRET)));
        refusal(Reason.WRONG_AUDIENCE, JWT.create().withSubject(sub).withIssuer("jobcast").withAudience("api")
                .withExpiresAt(exp).sign(Algorithm.HMAC256(SECRET)));
        assertEquals(di.id(), principal(new TokenIssuer(strict).issue(di.id(), Role.USER, Duration.ofMinutes(1))).userId());
    }

    @Test
    void aDatabaseFailureIsNotDisguisedAsAnAuthFailure() throws Exception {
        String token = issuer.issue(1, Role.USER, Duration.ofMinutes(5));
        h2.db.close();
        assertInstanceOf(Database.DatabaseException.class, failure(authenticator.authenticate(token)));
    }

    @Test
    void aLookupThatCannotEvenStartIsAFailedStageNotAThrow() throws Exception {
        String token = issuer.issue(1, Role.USER, Duration.ofMinutes(5));
        h2.blocking.shutdown(); // the executor now rejects work
        assertInstanceOf(RejectedExecutionException.class, failure(authenticator.authenticate(token)));
    }

    @Test
    void worksOnPostgresql() throws Exception {
        try (UsersTest.Fixture pg = new UsersTest.Fixture(UsersTest.Backend.POSTGRESQL)) {
            authenticator = new Authenticator(new TokenVerifier(SETTINGS), pg.users);
            User eli = pg.users.add("eli@example.com");
            String token = issuer.issue(eli.id(), Role.ADMIN, Duration.ofMinutes(5));
            assertEquals(new Principal(eli.id(), "eli@example.com", Role.ADMIN,
                    JWT.decode(token).getExpiresAtAsInstant()), principal(token));
            refusal(Reason.UNKNOWN_USER, issuer.issue(eli.id() + 1, Role.USER, Duration.ofMinutes(5)));
            pg.users.setEnabled(eli.id(), false);
            refusal(Reason.DISABLED_USER, token);
        }
    }

    private Principal principal(String token) throws Exception {
        CompletionStage<Principal> stage = authenticator.authenticate(token);
        assertNull(failure(stage), "expected success");
        return stage.toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    /** Asserts the stage fails with an AuthException of that reason, unwrapped. */
    private AuthException refusal(Reason reason, String token) throws Exception {
        Throwable t = failure(authenticator.authenticate(token));
        AuthException e = assertInstanceOf(AuthException.class, t, "failure must be the AuthException itself");
        assertEquals(reason, e.reason(), e.getMessage());
        return e;
    }

    // What a dependent stage sees: handle() receives the stored exception as it is.
    private static Throwable failure(CompletionStage<?> stage) throws Exception {
        return stage.handle((value, error) -> error).toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
}
