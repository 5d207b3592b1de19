// Signs tokens jobcast itself hands out (the embedded default's demo token, `jobcast token`,
// tests): HS256 with the secret when there is one, else RS256 with the RSA private key.
package dev.jobcast.auth;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;

public final class TokenIssuer {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final JwtSettings settings;
    private final Algorithm algorithm;
    private final Clock clock;

    public TokenIssuer(JwtSettings settings) {
        this(settings, Clock.systemUTC());
    }

    /** With a fixed clock, for tests that need tokens from the past or the future. */
    TokenIssuer(JwtSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
        if (settings.hmacSecret() != null) {
            this.algorithm = Algorithm.HMAC256(settings.hmacSecret());
        } else if (settings.rsaPrivateKey() != null) {
            this.algorithm = Algorithm.RSA256(settings.rsaPublicKey(), settings.rsaPrivateKey());
        } else {
            throw new IllegalArgumentException(
                    "cannot issue tokens: configure an HMAC secret or an RSA private key");
        }
    }

    public String issue(long userId, Role role, Duration ttl) {
        if (userId <= 0) {
            throw new IllegalArgumentException("user ids are positive, got " + userId);
        }
        if (role == null) {
            throw new IllegalArgumentException("a token needs a role");
        }
        if (ttl == null || ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("a token's lifetime must be positive, got " + ttl);
        }
        // JWT times are whole seconds; truncating keeps exp - iat exactly the ttl asked for.
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        var builder = JWT.create()
                .withSubject(Long.toString(userId))
                .withClaim("role", role.wire())
                .withIssuedAt(now)
                .withNotBefore(now)
                .withExpiresAt(now.plus(ttl))
                .withJWTId(randomId());
        if (settings.issuer() != null) {
            builder.withIssuer(settings.issuer());
        }
        if (settings.audience() != null) {
            builder.withAudience(settings.audience());
        }
        return builder.sign(algorithm);
    }

    // 128 random bits: unique enough that a jti can serve as a revocation or replay key.
    private static String randomId() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
