// Properties of TokenVerifier: whatever string comes in, the answer is a verified token or
// an AuthException, never another exception; a damaged token never verifies as someone else.
package dev.jobcast.auth;

import static dev.jobcast.auth.TokenVerifierTest.CLOCK;
import static dev.jobcast.auth.TokenVerifierTest.HMAC_ONLY;
import static dev.jobcast.auth.TokenVerifierTest.SECRET;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.auth0.jwt.algorithms.Algorithm;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class TokenVerifierPropertiesTest {

    static final String VALID =
            TokenVerifierTest.sign(TokenVerifierTest.claims().withClaim("role", "worker"), Algorithm.HMAC256(SECRET));

    @Property(tries = 2000)
    void anyStringIsRefusedWithAnAuthException(@ForAll String input) {
        assertThrows(AuthException.class, () -> new TokenVerifier(HMAC_ONLY, CLOCK).verify(input));
    }

    @Property(tries = 2000)
    void jwtShapedGarbageIsRefusedWithAnAuthException(@ForAll("jwtShaped") String input) {
        AuthException e = assertThrows(AuthException.class, () -> new TokenVerifier(HMAC_ONLY, CLOCK).verify(input));
        assertTrue(e.reason() != null && e.getMessage() != null);
    }

    @Property(tries = 2000)
    void aDamagedValidTokenIsRefusedOrUnchanged(@ForAll("damagedTokens") String input) throws Exception {
        TokenVerifier verifier = new TokenVerifier(HMAC_ONLY, CLOCK);
        try {
            // Changing only the spare bits of a base64 character can leave the bytes intact.
            assertEquals(verifier.verify(VALID), verifier.verify(input));
        } catch (AuthException expected) {
            // the only failure allowed
        }
    }

    // Correctly signed, so the claim checks after the signature get exercised too.
    @Property(tries = 3000)
    void signedArbitraryClaimsGiveATokenOrAnAuthException(@ForAll("signedPayloads") String token) {
        try {
            VerifiedToken verified = new TokenVerifier(HMAC_ONLY, CLOCK).verify(token);
            assertTrue(verified.userId() > 0 && verified.role() != null && verified.expiresAt() != null, verified.toString());
        } catch (AuthException expected) {
            assertTrue(expected.reason() != null && expected.getMessage() != null);
        }
    }

    @Provide
    Arbitrary<String> signedPayloads() {
        long now = TokenVerifierTest.NOW.getEpochSecond();
        Arbitrary<String> sub = Arbitraries.of("", "\"sub\":\"1\",", "\"sub\":\"-1\",", "\"sub\":1,", "\"sub\":null,",
                "\"sub\":\"9223372036854775807\",", "\"sub\":\"9223372036854775808\",", "\"sub\":[\"1\"],");
        Arbitrary<String> role = Arbitraries.of("", "\"role\":\"admin\",", "\"role\":\"x\",", "\"role\":null,",
                "\"role\":{},", "\"role\":[\"admin\"],", "\"role\":true,");
        Arbitrary<String> time = Arbitraries.of("exp", "nbf", "iat").flatMap(claim -> Arbitraries.of(
                "\"" + claim + "\":" + (now + 60) + ",", "\"" + claim + "\":" + (now - 60) + ",",
                "\"" + claim + "\":\"soon\",", "\"" + claim + "\":1e300,", "\"" + claim + "\":-1,",
                "\"" + claim + "\":null,", "\"" + claim + "\":" + Long.MAX_VALUE + ",", ""));
        Arbitrary<String> aud = Arbitraries.of("", "\"aud\":\"a\",", "\"aud\":[],", "\"aud\":7,", "\"iss\":{},");
        return Combinators.combine(sub, role, time.list().ofMaxSize(3), aud).as((s, r, t, a) -> {
            String payload = "{" + s + r + String.join("", t) + a + "\"x\":0}";
            return signHs256("{\"alg\":\"HS256\",\"typ\":\"JWT\"}", payload);
        });
    }

    private static String signHs256(String header, String payload) {
        try {
            String input = TokenVerifierTest.b64(header) + "." + TokenVerifierTest.b64(payload);
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] signature = mac.doFinal(input.getBytes(StandardCharsets.US_ASCII));
            return input + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(signature);
        } catch (GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }

    @Provide
    Arbitrary<String> jwtShaped() {
        Arbitrary<String> segment = Arbitraries.oneOf(
                Arbitraries.strings().withChars("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_=+/.")
                        .ofMaxLength(40),
                Arbitraries.of("{}", "null", "[]", "{\"alg\":\"HS256\"}", "{\"alg\":\"none\"}", "{\"alg\":1}",
                        "{\"alg\":\"RS256\",\"typ\":\"JWT\"}", "{\"sub\":\"1\",\"exp\":\"soon\"}", "{\"exp\":1e400}",
                        "{\"sub\":{\"a\":1},\"exp\":99999999999999999999}", "\u0000", "{\"alg\":\"HS256\"")
                        .map(TokenVerifierTest::b64),
                Arbitraries.strings().ofMaxLength(20).map(TokenVerifierTest::b64));
        return segment.list().ofMinSize(1).ofMaxSize(5).map(parts -> String.join(".", parts));
    }

    @Provide
    Arbitrary<String> damagedTokens() {
        Arbitrary<Integer> position = Arbitraries.integers().between(0, VALID.length() - 1);
        Arbitrary<Character> replacement = Arbitraries.chars().with("ABCabc019-_.=+/ \u00e9");
        return Combinators.combine(position, replacement)
                .as((i, c) -> VALID.substring(0, i) + c + VALID.substring(i + 1));
    }
}
