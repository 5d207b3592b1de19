// JwtSettings: which key configurations are refused, and reading RSA keys from PEM files.
package dev.jobcast.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JwtSettingsTest {

    @TempDir
    Path dir;

    @Test
    void refusesASecretShorterThan32Bytes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> hmac("x".repeat(31)));
        assertTrue(e.getMessage().contains("31 bytes") && e.getMessage().contains("at least 32"), e.getMessage());
        assertEquals("x".repeat(32), hmac("x".repeat(32)).hmacSecret());
    }

    @Test
    void countsSecretLengthInUtf8Bytes() {
        // 16 characters, 32 bytes: long enough, though a character count would say otherwise.
        assertEquals(16, hmac("\u00e9".repeat(16)).hmacSecret().length());
        assertThrows(IllegalArgumentException.class, () -> hmac("\u00e9".repeat(15) + "x"));
    }

    @Test
    void refusesSettingsWithoutAnyKey() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new JwtSettings(null, null, null, "iss", "aud", Duration.ZERO));
        assertTrue(e.getMessage().contains("HMAC secret") && e.getMessage().contains("RSA public key"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new JwtSettings("   ", null, null, null, null, Duration.ZERO));
    }

    @Test
    void aPrivateKeyAloneCannotVerify() {
        KeyPair pair = TokenVerifierTest.rsaKeyPair();
        assertThrows(IllegalArgumentException.class,
                () -> new JwtSettings(null, null, (RSAPrivateKey) pair.getPrivate(), null, null, Duration.ZERO));
    }

    @Test
    void refusesANegativeOrMissingLeeway() {
        assertThrows(IllegalArgumentException.class,
                () -> new JwtSettings("y".repeat(32), null, null, null, null, Duration.ofSeconds(-1)));
        assertThrows(IllegalArgumentException.class, () -> new JwtSettings("y".repeat(32), null, null, null, null, null));
    }

    @Test
    void blankIssuerAndAudienceMeanNotConfigured() {
        JwtSettings s = new JwtSettings("y".repeat(32), null, null, "", " ", Duration.ZERO);
        assertNull(s.issuer());
        assertNull(s.audience());
    }

    @Test
    void toStringDoesNotRevealTheSecret() {
        String secret = "a-very-secret-value-nobody-may-log-0123";
        String text = hmac(secret).toString();
        assertFalse(text.contains(secret), text);
        assertTrue(text.contains("hmacSecret=(set)"), text);
    }

    @Test
    void pemRoundTrip() throws Exception {
        KeyPair pair = TokenVerifierTest.rsaKeyPair();
        Path pub = write("pub.pem", "PUBLIC KEY", pair.getPublic().getEncoded());
        Path priv = write("priv.pem", "PRIVATE KEY", pair.getPrivate().getEncoded());

        RSAPublicKey readPublic = JwtSettings.readPublicKeyPem(pub);
        RSAPrivateKey readPrivate = JwtSettings.readPrivateKeyPem(priv);
        assertEquals(pair.getPublic(), readPublic);
        assertEquals(pair.getPrivate(), readPrivate);

        // And the keys read back work together: issued with one, verified with the other.
        JwtSettings settings = new JwtSettings(null, readPublic, readPrivate, null, null, Duration.ZERO);
        String token = new TokenIssuer(settings).issue(9, Role.USER, Duration.ofMinutes(1));
        assertEquals(9, new TokenVerifier(new JwtSettings(null, readPublic, null, null, null, Duration.ZERO))
                .verify(token).userId());
    }

    @Test
    void pemWithSurroundingTextAndCrlfStillReads() throws Exception {
        KeyPair pair = TokenVerifierTest.rsaKeyPair();
        String body = Base64.getMimeEncoder(64, "\r\n".getBytes()).encodeToString(pair.getPublic().getEncoded());
        Path file = dir.resolve("pub-crlf.pem");
        Files.writeString(file, "a comment\r\n-----BEGIN PUBLIC KEY-----\r\n" + body + "\r\n-----END PUBLIC KEY-----\r\n");
        assertEquals(pair.getPublic(), JwtSettings.readPublicKeyPem(file));
    }

    @Test
    void pkcs1AndWrongKindsAreRefusedWithAHint() throws Exception {
        KeyPair pair = TokenVerifierTest.rsaKeyPair();
        Path pkcs1 = write("rsa.pem", "RSA PRIVATE KEY", new byte[] {1, 2, 3});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> JwtSettings.readPrivateKeyPem(pkcs1));
        assertTrue(e.getMessage().contains("openssl pkcs8"), e.getMessage());

        Path privateAsPublic = write("swap.pem", "PRIVATE KEY", pair.getPrivate().getEncoded());
        assertThrows(IllegalArgumentException.class, () -> JwtSettings.readPublicKeyPem(privateAsPublic));

        Path damaged = write("bad.pem", "PUBLIC KEY", new byte[] {9, 9, 9});
        assertThrows(IllegalArgumentException.class, () -> JwtSettings.readPublicKeyPem(damaged));

        UncheckedIOException missing = assertThrows(UncheckedIOException.class,
                () -> JwtSettings.readPublicKeyPem(dir.resolve("nope.pem")));
        assertTrue(missing.getMessage().contains("nope.pem"), missing.getMessage());
    }

    private static JwtSettings hmac(String secret) {
        return new JwtSettings(secret, null, null, null, null, Duration.ZERO);
    }

    private Path write(String name, String label, byte[] der) throws Exception {
        Path file = dir.resolve(name);
        Files.writeString(file, "-----BEGIN " + label + "-----\n" + Base64.getMimeEncoder().encodeToString(der)
                + "\n-----END " + label + "-----\n");
        return file;
    }
}
