// The keys and expectations tokens are checked against: an HMAC secret (HS256), an RSA
// public key (RS256), or both; optionally the issuer and audience a token must carry.
package dev.jobcast.auth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.util.Base64;

/**
 * Blank strings count as absent: an environment variable set to "" means "not configured",
 * not "an empty issuer". {@code rsaPrivateKey} is only for issuing RS256 tokens (tests, CLI);
 * the server itself needs only the public key.
 */
public record JwtSettings(
        String hmacSecret,
        RSAPublicKey rsaPublicKey,
        RSAPrivateKey rsaPrivateKey,
        String issuer,
        String audience,
        Duration leeway) {

    /** HS256 keys shorter than the hash output (32 bytes) are brute-forceable (RFC 7518 3.2). */
    public static final int MIN_SECRET_BYTES = 32;

    public JwtSettings {
        hmacSecret = blankToNull(hmacSecret);
        issuer = blankToNull(issuer);
        audience = blankToNull(audience);
        if (hmacSecret == null && rsaPublicKey == null) {
            throw new IllegalArgumentException(
                    "JWT settings need a key to verify tokens with: an HMAC secret (HS256) or an RSA public key (RS256)");
        }
        if (hmacSecret != null && hmacSecret.getBytes(StandardCharsets.UTF_8).length < MIN_SECRET_BYTES) {
            throw new IllegalArgumentException("the JWT HMAC secret is "
                    + hmacSecret.getBytes(StandardCharsets.UTF_8).length + " bytes long; it must be at least "
                    + MIN_SECRET_BYTES + " bytes (UTF-8), e.g. 48 random bytes base64-encoded");
        }
        if (leeway == null || leeway.isNegative()) {
            throw new IllegalArgumentException("the JWT clock leeway must be zero or positive, got " + leeway);
        }
    }

    // The default toString would print the secret into whatever logs the settings.
    @Override
    public String toString() {
        return "JwtSettings[hmacSecret=" + (hmacSecret == null ? "none" : "(set)")
                + ", rsaPublicKey=" + (rsaPublicKey == null ? "none" : rsaPublicKey.getModulus().bitLength() + " bits")
                + ", rsaPrivateKey=" + (rsaPrivateKey == null ? "none" : "(set)")
                + ", issuer=" + issuer + ", audience=" + audience + ", leeway=" + leeway + "]";
    }

    /**
     * Reads an RSA public key from a PEM file holding an X.509 SubjectPublicKeyInfo
     * ({@code -----BEGIN PUBLIC KEY-----}, what {@code openssl rsa -pubout} writes).
     * A file that cannot be read -> UncheckedIOException; wrong content -> IllegalArgumentException.
     */
    public static RSAPublicKey readPublicKeyPem(Path file) {
        byte[] der = pemBody(file, "PUBLIC KEY",
                "convert a PKCS#1 key with: openssl rsa -RSAPublicKey_in -in KEY -pubout");
        try {
            return (RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der));
        } catch (GeneralSecurityException | ClassCastException e) {
            throw new IllegalArgumentException(file + " does not hold an RSA public key: " + e.getMessage(), e);
        }
    }

    /**
     * Reads an unencrypted RSA private key from a PKCS#8 PEM file ({@code -----BEGIN PRIVATE KEY-----}).
     * A file that cannot be read -> UncheckedIOException; wrong content -> IllegalArgumentException.
     */
    public static RSAPrivateKey readPrivateKeyPem(Path file) {
        byte[] der = pemBody(file, "PRIVATE KEY",
                "convert it to unencrypted PKCS#8 with: openssl pkcs8 -topk8 -nocrypt -in KEY");
        try {
            return (RSAPrivateKey) KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (GeneralSecurityException | ClassCastException e) {
            throw new IllegalArgumentException(file + " does not hold an RSA private key: " + e.getMessage(), e);
        }
    }

    // The DER bytes between "-----BEGIN <label>-----" and "-----END <label>-----". Other
    // labels (RSA PUBLIC KEY, RSA PRIVATE KEY, ENCRYPTED PRIVATE KEY) get a hint on converting.
    private static byte[] pemBody(Path file, String label, String conversionHint) {
        String text; // ISO-8859-1 never fails to decode, so odd bytes become a content error below
        try {
            text = Files.readString(file, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the PEM file " + file + ": " + e.getMessage(), e);
        }
        String begin = "-----BEGIN " + label + "-----";
        String end = "-----END " + label + "-----";
        int from = text.indexOf(begin);
        int to = text.indexOf(end);
        if (from < 0 || to < from) {
            throw new IllegalArgumentException(file + " has no '" + begin + "' block; " + conversionHint);
        }
        try {
            return Base64.getMimeDecoder().decode(text.substring(from + begin.length(), to));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + " has a damaged PEM body: " + e.getMessage(), e);
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
