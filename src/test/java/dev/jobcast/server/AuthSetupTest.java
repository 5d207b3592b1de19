package dev.jobcast.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jobcast.auth.JwtSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where the JWT key comes from: generated on the embedded default, required in production. */
class AuthSetupTest {
    @TempDir
    Path dataDir;

    @Test
    void theEmbeddedDefaultGeneratesASecretIntoTheDataFolderAndKeepsIt() throws Exception {
        Settings settings = Settings.load(null, Map.of("jobcast.data-dir", dataDir.toString()));
        assertTrue(settings.embedded());
        JwtSettings first = AuthSetup.jwtSettings(settings);
        assertNotNull(first.hmacSecret());
        assertTrue(Files.exists(dataDir.resolve("jwt-secret")));
        assertEquals(first.hmacSecret(), AuthSetup.jwtSettings(settings).hmacSecret(), "the same secret next start");
    }

    @Test
    void onPostgreSqlTheServerRefusesToStartWithoutAKey() {
        Settings settings = Settings.load(null, Map.of(
                "jobcast.data-dir", dataDir.toString(),
                "jobcast.database.url", "jdbc:postgresql://127.0.0.1:5432/postgres"));
        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> JobcastServer.start(settings));
        assertTrue(refused.getMessage().contains("JOBCAST_JWT_SECRET"), refused.getMessage());
        assertTrue(!Files.exists(dataDir.resolve("jwt-secret")), "no secret is generated in production");
    }

    @Test
    void aConfiguredSecretIsUsedAndAShortOneRefused() {
        String secret = "a-configured-secret-of-enough-bytes-0123";
        Settings ok = Settings.load(null, Map.of("jobcast.data-dir", dataDir.toString(),
                "jobcast.auth.jwt-secret", secret));
        assertEquals(secret, AuthSetup.jwtSettings(ok).hmacSecret());
        Settings tooShort = Settings.load(null, Map.of("jobcast.data-dir", dataDir.toString(),
                "jobcast.auth.jwt-secret", "short"));
        assertThrows(IllegalArgumentException.class, () -> AuthSetup.jwtSettings(tooShort));
    }
}
