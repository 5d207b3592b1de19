package dev.jobcast.server;

import dev.jobcast.auth.JwtSettings;
import dev.jobcast.auth.SecretFile;
import java.nio.file.Path;

/**
 * Chooses the JWT keys: the configured secret or public key; on the embedded default,
 * a secret generated into the data folder. In production a missing key stops the start.
 */
final class AuthSetup {
    private AuthSetup() {
    }

    static JwtSettings jwtSettings(Settings settings) {
        Settings.Auth a = settings.auth();
        String secret = a.jwtSecret().isBlank() ? null : a.jwtSecret();
        var publicKey = a.jwtPublicKeyFile().isBlank() ? null : JwtSettings.readPublicKeyPem(Path.of(a.jwtPublicKeyFile()));
        if (secret == null && publicKey == null) {
            if (!settings.embedded()) {
                throw new IllegalStateException("no JWT key configured: set JOBCAST_JWT_SECRET (at least 32 bytes) "
                        + "or JOBCAST_JWT_PUBLIC_KEY_FILE; jobcast does not start on PostgreSQL without one");
            }
            secret = SecretFile.loadOrCreate(settings.dataDir());
        }
        return new JwtSettings(secret, publicKey, null, blankToNull(a.issuer()), blankToNull(a.audience()), a.leeway());
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
