// TokenIssuer: the claims it writes, which key it signs with, and the arguments it refuses.
package dev.jobcast.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import com.auth0.jwt.interfaces.DecodedJWT;
import java.security.KeyPair;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class TokenIssuerTest {

    static final String SECRET = TokenVerifierTest.SECRET;
    // Not on a whole second, to show iat/nbf/exp are truncated consistently.
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-05-01T08:00:00.750Z"), ZoneOffset.UTC);

    @Test
    void writesTheClaimsJobcastReads() {
        JwtSettings settings = new JwtSettings(SECRET, null, null, "jobcast", "browsers", Duration.ZERO);
        DecodedJWT jwt = JWT.decode(new TokenIssuer(settings, CLOCK).issue(12, Role.ADMIN, Duration.ofMinutes(10)));
        Instant now = Instant.parse("2026-05-01T08:00:00Z");
        assertEquals("HS256", jwt.getAlgorithm());
        assertEquals("12", jwt.getSubject());
        assertEquals("admin", jwt.getClaim("role").asString());
        assertEquals(now, jwt.getIssuedAtAsInstant());
        assertEquals(now, jwt.getNotBeforeAsInstant());
        assertEquals(now.plusSeconds(600), jwt.getExpiresAtAsInstant());
        assertEquals("jobcast", jwt.getIssuer());
        assertEquals(List.of("browsers"), jwt.getAudience());
        assertTrue(jwt.getId() != null && jwt.getId().length() >= 20, jwt.getId());
    }

    @Test
    void leavesIssuerAndAudienceOutWhenNotConfigured() {
        DecodedJWT jwt = JWT.decode(new TokenIssuer(hmac()).issue(1, Role.USER, Duration.ofMinutes(1)));
        assertNull(jwt.getIssuer());
        assertNull(jwt.getAudience());
    }

    @Test
    void everyTokenHasItsOwnId() {
        TokenIssuer issuer = new TokenIssuer(hmac(), CLOCK);
        String a = issuer.issue(1, Role.USER, Duration.ofMinutes(1));
        String b = issuer.issue(1, Role.USER, Duration.ofMinutes(1));
        assertNotEquals(JWT.decode(a).getId(), JWT.decode(b).getId());
    }

    @Test
    void signsHs256WhenASecretIsSetElseRs256() {
        KeyPair pair = TokenVerifierTest.rsaKeyPair();
        RSAPublicKey pub = (RSAPublicKey) pair.getPublic();
        RSAPrivateKey priv = (RSAPrivateKey) pair.getPrivate();

        String hs = new TokenIssuer(new JwtSettings(SECRET, pub, priv, null, null, Duration.ZERO))
                .issue(1, Role.USER, Duration.ofMinutes(1));
        assertEquals("HS256", JWT.decode(hs).getAlgorithm());
        Algorithm.HMAC256(SECRET).verify(JWT.decode(hs));

        String rs = new TokenIssuer(new JwtSettings(null, pub, priv, null, null, Duration.ZERO))
                .issue(1, Role.USER, Duration.ofMinutes(1));
        assertEquals("RS256", JWT.decode(rs).getAlgorithm());
        Algorithm.RSA256(pub, null).verify(JWT.decode(rs));
    }

    @Test
    void cannotIssueWithOnlyAPublicKey() {
        RSAPublicKey pub = TokenVerifierTest.publicKey();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new TokenIssuer(new JwtSettings(null, pub, null, null, null, Duration.ZERO)));
        assertTrue(e.getMessage().contains("private key"), e.getMessage());
    }

    @Test
    void refusesNonsenseArguments() {
        TokenIssuer issuer = new TokenIssuer(hmac());
        assertThrows(IllegalArgumentException.class, () -> issuer.issue(0, Role.USER, Duration.ofMinutes(1)));
        assertThrows(IllegalArgumentException.class, () -> issuer.issue(-3, Role.USER, Duration.ofMinutes(1)));
        assertThrows(IllegalArgumentException.class, () -> issuer.issue(1, null, Duration.ofMinutes(1)));
        assertThrows(IllegalArgumentException.class, () -> issuer.issue(1, Role.USER, Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> issuer.issue(1, Role.USER, Duration.ofSeconds(-1)));
        assertThrows(IllegalArgumentException.class, () -> issuer.issue(1, Role.USER, null));
    }

    private static JwtSettings hmac() {
        return new JwtSettings(SECRET, null, null, null, null, Duration.ZERO);
    }
}
