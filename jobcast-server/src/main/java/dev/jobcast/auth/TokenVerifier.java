// Checks a JWT (java-jwt underneath): only HS256 / RS256 with the configured keys, then
// time, issuer, audience and jobcast's own claims; every refusal names its reason.
package dev.jobcast.auth;

import com.auth0.jwt.JWT;
import com.auth0.jwt.JWTVerifier;
import com.auth0.jwt.algorithms.Algorithm;
import com.auth0.jwt.exceptions.AlgorithmMismatchException;
import com.auth0.jwt.exceptions.IncorrectClaimException;
import com.auth0.jwt.exceptions.JWTVerificationException;
import com.auth0.jwt.exceptions.MissingClaimException;
import com.auth0.jwt.exceptions.SignatureVerificationException;
import com.auth0.jwt.exceptions.TokenExpiredException;
import com.auth0.jwt.interfaces.Claim;
import com.auth0.jwt.interfaces.DecodedJWT;
import com.auth0.jwt.interfaces.Verification;
import dev.jobcast.auth.AuthException.Reason;
import java.time.Clock;
import java.time.Instant;
import java.util.regex.Pattern;

/** Thread-safe: the java-jwt verifiers are immutable and built once. */
public final class TokenVerifier {

    /** Far above any real token; refusing larger input bounds the work a stranger can cause. */
    static final int MAX_TOKEN_CHARS = 8192;

    // Positive decimal without sign or leading zeros, short enough to fit a long.
    private static final Pattern USER_ID = Pattern.compile("[1-9][0-9]{0,18}");

    private final JWTVerifier hs256;
    private final JWTVerifier rs256;

    public TokenVerifier(JwtSettings settings) {
        this(settings, Clock.systemUTC());
    }

    /** With a fixed clock, for tests of the time checks. */
    TokenVerifier(JwtSettings settings, Clock clock) {
        this.hs256 = settings.hmacSecret() == null ? null
                : build(Algorithm.HMAC256(settings.hmacSecret()), settings, clock);
        this.rs256 = settings.rsaPublicKey() == null ? null
                : build(Algorithm.RSA256(settings.rsaPublicKey(), null), settings, clock);
    }

    private static JWTVerifier build(Algorithm algorithm, JwtSettings settings, Clock clock) {
        Verification v = JWT.require(algorithm).acceptLeeway(settings.leeway().toSeconds());
        if (settings.issuer() != null) {
            v = v.withIssuer(settings.issuer());
        }
        if (settings.audience() != null) {
            v = v.withAudience(settings.audience());
        }
        // java-jwt's documented way to build with a clock of one's own.
        return ((JWTVerifier.BaseVerification) v).build(clock);
    }

    public VerifiedToken verify(String token) throws AuthException {
        if (token == null || token.isBlank()) {
            throw new AuthException(Reason.MISSING, "no token");
        }
        if (token.length() > MAX_TOKEN_CHARS) {
            throw new AuthException(Reason.MALFORMED,
                    "token is too long (" + token.length() + " characters, at most " + MAX_TOKEN_CHARS + ")");
        }
        DecodedJWT jwt = decode(token);
        // The header picks the verifier, so a token cannot choose its own algorithm: an
        // HS256 token "signed" with the RSA public key finds no HS256 verifier when only RSA
        // is configured, and alg none / HS384 / ES256 find none at all.
        String alg = jwt.getAlgorithm();
        JWTVerifier verifier = "HS256".equals(alg) ? hs256 : "RS256".equals(alg) ? rs256 : null;
        if (verifier == null) {
            throw new AuthException(Reason.ALGORITHM_NOT_ALLOWED,
                    "token algorithm " + printable(alg) + " is not accepted here (accepted: " + accepted() + ")");
        }
        try {
            // Signature first, then claims (java-jwt's order): nothing about the claims of a
            // forged token is reported.
            verifier.verify(jwt);
        } catch (JWTVerificationException e) {
            throw translate(e, jwt);
        } catch (RuntimeException e) {
            throw new AuthException(Reason.MALFORMED, "token could not be checked: " + e.getClass().getSimpleName(), e);
        }
        Instant expiresAt = jwt.getExpiresAtAsInstant();
        if (expiresAt == null) {
            // A token without exp would be valid forever once leaked.
            throw new AuthException(Reason.BAD_CLAIMS, "token has no expiry (exp claim)");
        }
        return new VerifiedToken(userId(jwt), role(jwt), expiresAt);
    }

    private static DecodedJWT decode(String token) throws AuthException {
        try {
            DecodedJWT jwt = JWT.decode(token);
            // java-jwt takes a header or payload of JSON null and only fails (NPE) when it is
            // read: read both here, so such a token is refused as malformed.
            jwt.getAlgorithm();
            jwt.getClaims();
            return jwt;
        } catch (RuntimeException e) {
            // JWTDecodeException as a rule; anything else too, since whatever comes from the
            // network must end as an AuthException even where the library trips over it.
            throw new AuthException(Reason.MALFORMED, "token is not a well-formed JWT", e);
        }
    }

    private String accepted() {
        return hs256 != null && rs256 != null ? "HS256, RS256" : hs256 != null ? "HS256" : "RS256";
    }

    private static AuthException translate(JWTVerificationException e, DecodedJWT jwt) {
        if (e instanceof SignatureVerificationException) {
            return new AuthException(Reason.BAD_SIGNATURE, "token signature is invalid", e);
        }
        if (e instanceof TokenExpiredException expired) {
            return new AuthException(Reason.EXPIRED, "token expired at " + expired.getExpiredOn(), e);
        }
        if (e instanceof AlgorithmMismatchException) {
            return new AuthException(Reason.ALGORITHM_NOT_ALLOWED, "token algorithm does not match the key", e);
        }
        String claim = e instanceof IncorrectClaimException incorrect ? incorrect.getClaimName()
                : e instanceof MissingClaimException missing ? missing.getClaimName() : "";
        switch (claim) {
            case "nbf":
                return new AuthException(Reason.NOT_YET_VALID,
                        "token is not valid before " + jwt.getNotBeforeAsInstant(), e);
            case "iat":
                return new AuthException(Reason.BAD_CLAIMS, "token claims to be issued in the future ("
                        + jwt.getIssuedAtAsInstant() + "); check the issuing clock", e);
            case "iss":
                return new AuthException(Reason.WRONG_ISSUER,
                        "token issuer " + printable(jwt.getIssuer()) + " is not the expected one", e);
            case "aud":
                return new AuthException(Reason.WRONG_AUDIENCE,
                        "token audience " + printable(String.valueOf(jwt.getAudience())) + " is not the expected one", e);
            default:
                return new AuthException(Reason.BAD_CLAIMS, "token claims are invalid: " + e.getMessage(), e);
        }
    }

    private static long userId(DecodedJWT jwt) throws AuthException {
        String sub = jwt.getSubject();
        if (sub == null || !USER_ID.matcher(sub).matches()) {
            throw new AuthException(Reason.BAD_CLAIMS,
                    "token subject (sub) must be a positive user id, got " + printable(sub));
        }
        try {
            return Long.parseLong(sub);
        } catch (NumberFormatException e) {
            throw new AuthException(Reason.BAD_CLAIMS, "token subject (sub) is too large: " + printable(sub), e);
        }
    }

    private static Role role(DecodedJWT jwt) throws AuthException {
        Claim claim = jwt.getClaim("role");
        if (claim.isMissing()) {
            return Role.USER;
        }
        String name = claim.asString();
        return Role.fromWire(name).orElseThrow(() -> new AuthException(Reason.BAD_CLAIMS,
                "token role " + printable(name == null ? claim.toString() : name)
                        + " is unknown (known: user, worker, admin)"));
    }

    // Token values end up in messages and logs: quote them, cut them short, and drop
    // control characters so a crafted claim cannot forge log lines.
    static String printable(String value) {
        if (value == null) {
            return "(none)";
        }
        String cut = value.length() > 64 ? value.substring(0, 64) + "..." : value;
        return '"' + cut.replaceAll("\\p{Cntrl}", "?") + '"';
    }
}
