// TokenVerifier: what it accepts (HS256, RS256 with the configured keys) and the reason it
// gives for each refusal, including the classic algorithm attacks.
package dev.jobcast.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.auth0.jwt.JWT;
import com.auth0.jwt.JWTCreator;
import com.auth0.jwt.algorithms.Algorithm;
import dev.jobcast.auth.AuthException.Reason;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class TokenVerifierTest {

    static final String SECRET = "test-secret-that-is-long-enough-for-hs256";
    static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    static final KeyPair RSA = rsaKeyPair();

    static final JwtSettings HMAC_ONLY = new JwtSettings(SECRET, null, null, null, null, Duration.ZERO);
    static final JwtSettings RSA_ONLY = new JwtSettings(null, publicKey(), privateKey(), null, null, Duration.ZERO);

    private final TokenVerifier hmacVerifier = new TokenVerifier(HMAC_ONLY, CLOCK);
    private final TokenVerifier rsaVerifier = new TokenVerifier(RSA_ONLY, CLOCK);

    // ---- accepted

    @Test
    void acceptsHs256FromTheIssuer() throws Exception {
        String token = new TokenIssuer(HMAC_ONLY, CLOCK).issue(42, Role.WORKER, Duration.ofMinutes(5));
        assertEquals(new VerifiedToken(42, Role.WORKER, NOW.plusSeconds(300)), hmacVerifier.verify(token));
    }

    @Test
    void acceptsRs256FromTheIssuer() throws Exception {
        String token = new TokenIssuer(RSA_ONLY, CLOCK).issue(7, Role.ADMIN, Duration.ofHours(1));
        assertEquals("RS256", JWT.decode(token).getAlgorithm());
        assertEquals(new VerifiedToken(7, Role.ADMIN, NOW.plusSeconds(3600)), rsaVerifier.verify(token));
    }

    @Test
    void acceptsBothAlgorithmsWhenBothKeysAreConfigured() throws Exception {
        var both = new TokenVerifier(new JwtSettings(SECRET, publicKey(), null, null, null, Duration.ZERO), CLOCK);
        assertEquals(1, both.verify(sign(claims(), Algorithm.HMAC256(SECRET))).userId());
        assertEquals(1, both.verify(sign(claims(), rsa())).userId());
    }

    @Test
    void acceptsATokenOnTheRealClock() throws Exception {
        String token = new TokenIssuer(HMAC_ONLY).issue(3, Role.USER, Duration.ofMinutes(1));
        assertEquals(3, new TokenVerifier(HMAC_ONLY).verify(token).userId());
    }

    @Test
    void roleDefaultsToUser() throws Exception {
        String token = JWT.create().withSubject("5").withExpiresAt(NOW.plusSeconds(60)).sign(Algorithm.HMAC256(SECRET));
        assertEquals(Role.USER, hmacVerifier.verify(token).role());
    }

    @Test
    void leewayForgivesASlightlyLateToken() throws Exception {
        var lenient = new TokenVerifier(new JwtSettings(SECRET, null, null, null, null, Duration.ofSeconds(30)), CLOCK);
        String token = sign(claims().withExpiresAt(NOW.minusSeconds(10)), Algorithm.HMAC256(SECRET));
        assertEquals(1, lenient.verify(token).userId());
        assertRefused(Reason.EXPIRED, hmacVerifier, token);
    }

    @Test
    void checksIssuerAndAudienceWhenConfigured() throws Exception {
        var strict = new TokenVerifier(new JwtSettings(SECRET, null, null, "jobcast", "browsers", Duration.ZERO), CLOCK);
        String good = sign(claims().withIssuer("jobcast").withAudience("browsers"), Algorithm.HMAC256(SECRET));
        assertEquals(1, strict.verify(good).userId());
        assertRefused(Reason.WRONG_ISSUER, strict,
                sign(claims().withIssuer("evil").withAudience("browsers"), Algorithm.HMAC256(SECRET)));
        assertRefused(Reason.WRONG_ISSUER, strict, sign(claims().withAudience("browsers"), Algorithm.HMAC256(SECRET)));
        assertRefused(Reason.WRONG_AUDIENCE, strict,
                sign(claims().withIssuer("jobcast").withAudience("workers"), Algorithm.HMAC256(SECRET)));
        assertRefused(Reason.WRONG_AUDIENCE, strict, sign(claims().withIssuer("jobcast"), Algorithm.HMAC256(SECRET)));
    }

    // ---- time

    @Test
    void refusesAnExpiredTokenSayingWhen() {
        AuthException e = assertRefused(Reason.EXPIRED, hmacVerifier,
                sign(claims().withExpiresAt(NOW.minusSeconds(1)), Algorithm.HMAC256(SECRET)));
        assertEquals("token expired at 2026-03-01T11:59:59Z", e.getMessage());
    }

    @Test
    void refusesATokenNotYetValid() {
        AuthException e = assertRefused(Reason.NOT_YET_VALID, hmacVerifier,
                sign(claims().withNotBefore(NOW.plusSeconds(60)), Algorithm.HMAC256(SECRET)));
        assertTrue(e.getMessage().contains("2026-03-01T12:01:00Z"), e.getMessage());
    }

    @Test
    void refusesATokenIssuedInTheFuture() {
        assertRefused(Reason.BAD_CLAIMS, hmacVerifier,
                sign(claims().withIssuedAt(NOW.plusSeconds(3600)), Algorithm.HMAC256(SECRET)));
    }

    @Test
    void refusesATokenWithoutExpiry() {
        String token = JWT.create().withSubject("1").sign(Algorithm.HMAC256(SECRET));
        AuthException e = assertRefused(Reason.BAD_CLAIMS, hmacVerifier, token);
        assertTrue(e.getMessage().contains("exp"), e.getMessage());
    }

    // ---- signatures and algorithms

    @Test
    void refusesATokenSignedWithAnotherSecret() {
        AuthException e = assertRefused(Reason.BAD_SIGNATURE, hmacVerifier,
                sign(claims(), Algorithm.HMAC256("another-secret-that-is-also-32-bytes-long")));
        assertEquals("token signature is invalid", e.getMessage());
    }

    @Test
    void refusesATamperedPayload() {
        String[] parts = sign(claims(), Algorithm.HMAC256(SECRET)).split("\\.");
        String admin = sign(claims().withSubject("2").withClaim("role", "admin"), Algorithm.HMAC256(SECRET));
        assertRefused(Reason.BAD_SIGNATURE, hmacVerifier, parts[0] + "." + admin.split("\\.")[1] + "." + parts[2]);
    }

    @Test
    void refusesAnRs256TokenSignedWithAnotherKey() {
        KeyPair other = rsaKeyPair();
        assertRefused(Reason.BAD_SIGNATURE, rsaVerifier,
                sign(claims(), Algorithm.RSA256((RSAPublicKey) other.getPublic(), (RSAPrivateKey) other.getPrivate())));
    }

    @Test
    void refusesAlgNone() {
        String token = b64("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "."
                + b64("{\"sub\":\"1\",\"role\":\"admin\",\"exp\":" + NOW.plusSeconds(600).getEpochSecond() + "}") + ".";
        assertRefused(Reason.ALGORITHM_NOT_ALLOWED, hmacVerifier, token);
        assertRefused(Reason.ALGORITHM_NOT_ALLOWED, rsaVerifier, token);
        assertRefused(Reason.ALGORITHM_NOT_ALLOWED, hmacVerifier, token.replace("\"none\"", "\"None\""));
    }

    @Test
    void refusesHs256SignedWithThePublicKeyWhenOnlyRsaIsConfigured() {
        // The key-confusion attack: the public key is public, so an attacker can HMAC with it.
        byte[] der = publicKey().getEncoded();
        String pem = "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder().encodeToString(der) + "\n-----END PUBLIC KEY-----\n";
        assertRefused(Reason.ALGORITHM_NOT_ALLOWED, rsaVerifier, sign(claims(), Algorithm.HMAC256(der)));
        AuthException e = assertRefused(Reason.ALGORITHM_NOT_ALLOWED, rsaVerifier, sign(claims(), Algorithm.HMAC256(pem)));
        assertTrue(e.getMessage().contains("HS256") && e.getMessage().contains("RS256"), e.getMessage());
    }

    @Test
    void refusesOtherHmacStrengthsEvenWithTheRightSecret() {
        assertRefused(Reason.ALGORITHM_NOT_ALLOWED, hmacVerifier, sign(claims(), Algorithm.HMAC384(SECRET)));
        assertRefused(Reason.ALGORITHM_NOT_ALLOWED, hmacVerifier, sign(claims(), Algorithm.HMAC512(SECRET)));
    }

    @Test
    void refusesRs256WhenOnlyHmacIsConfigured() {
        assertRefused(Reason.ALGORITHM_NOT_ALLOWED, hmacVerifier, sign(claims(), rsa()));
    }

    // ---- jobcast's claims

    @ParameterizedTest
    @ValueSource(strings = {"abc", "-5", "0", "007", "1.5", " 1", "1e3", "99999999999999999999", "9223372036854775808"})
    void refusesASubjectThatIsNotAPositiveUserId(String sub) {
        assertRefused(Reason.BAD_CLAIMS, hmacVerifier, sign(claims().withSubject(sub), Algorithm.HMAC256(SECRET)));
    }

    @Test
    void refusesATokenWithoutSubject() {
        String token = JWT.create().withExpiresAt(NOW.plusSeconds(60)).sign(Algorithm.HMAC256(SECRET));
        assertRefused(Reason.BAD_CLAIMS, hmacVerifier, token);
    }

    @Test
    void acceptsTheLargestUserId() throws Exception {
        String token = sign(claims().withSubject(Long.toString(Long.MAX_VALUE)), Algorithm.HMAC256(SECRET));
        assertEquals(Long.MAX_VALUE, hmacVerifier.verify(token).userId());
    }

    @ParameterizedTest
    @ValueSource(strings = {"root", "ADMIN", "Admin", ""})
    void refusesAnUnknownRole(String role) {
        AuthException e = assertRefused(Reason.BAD_CLAIMS, hmacVerifier,
                sign(claims().withClaim("role", role), Algorithm.HMAC256(SECRET)));
        assertTrue(e.getMessage().contains("role"), e.getMessage());
    }

    @Test
    void refusesARoleThatIsNotAString() {
        assertRefused(Reason.BAD_CLAIMS, hmacVerifier, sign(claims().withClaim("role", 1), Algorithm.HMAC256(SECRET)));
        assertRefused(Reason.BAD_CLAIMS, hmacVerifier, sign(claims().withNullClaim("role"), Algorithm.HMAC256(SECRET)));
    }

    // ---- not a token at all

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"  ", "\t"})
    void noTokenIsMissing(String token) {
        assertEquals("no token", assertRefused(Reason.MISSING, hmacVerifier, token).getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "a.b.c", "..", "Bearer x.y.z", "eyJ.eyJ.sig", "e30.e30.", "e30.e30", "{}.{}.{}"})
    void garbageIsMalformedOrRefused(String token) {
        AuthException e = assertThrows(AuthException.class, () -> hmacVerifier.verify(token));
        assertTrue(e.reason() == Reason.MALFORMED || e.reason() == Reason.ALGORITHM_NOT_ALLOWED, e.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"bnVsbA.e30.", "e30.bnVsbA.", "bnVsbA.bnVsbA.0onJoOehkg"})
    void aJsonNullHeaderOrPayloadIsMalformed(String token) {
        // Found by TokenVerifierPropertiesTest: java-jwt decodes "null" (bnVsbA) and then fails with an NPE.
        assertRefused(Reason.MALFORMED, hmacVerifier, token);
    }

    @Test
    void refusesAnOversizedTokenBeforeDecoding() {
        String huge = sign(claims().withClaim("pad", "x".repeat(TokenVerifier.MAX_TOKEN_CHARS)), Algorithm.HMAC256(SECRET));
        assertRefused(Reason.MALFORMED, hmacVerifier, huge);
    }

    @Test
    void quotesTokenValuesSafelyInMessages() {
        AuthException e = assertRefused(Reason.BAD_CLAIMS, hmacVerifier,
                sign(claims().withClaim("role", "x\n2026 forged log line " + "y".repeat(100)), Algorithm.HMAC256(SECRET)));
        assertTrue(!e.getMessage().contains("\n") && e.getMessage().length() < 200, e.getMessage());
    }

    // ---- helpers

    static AuthException assertRefused(Reason reason, TokenVerifier verifier, String token) {
        AuthException e = assertThrows(AuthException.class, () -> verifier.verify(token));
        assertEquals(reason, e.reason(), e.getMessage());
        return e;
    }

    /** Valid claims for user 1 at NOW; tests override what they break. */
    static JWTCreator.Builder claims() {
        return JWT.create().withSubject("1").withIssuedAt(NOW).withExpiresAt(NOW.plusSeconds(600));
    }

    static String sign(JWTCreator.Builder builder, Algorithm algorithm) {
        return builder.sign(algorithm);
    }

    static Algorithm rsa() {
        return Algorithm.RSA256(publicKey(), privateKey());
    }

    static String b64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    static RSAPublicKey publicKey() {
        return (RSAPublicKey) RSA.getPublic();
    }

    static RSAPrivateKey privateKey() {
        return (RSAPrivateKey) RSA.getPrivate();
    }

    static KeyPair rsaKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
