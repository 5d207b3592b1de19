package dev.jobcast.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import dev.jobcast.auth.JwtSettings;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.time.Instant;
import java.util.Base64;
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
    void aServerWithOnlyAnRs256PublicKeyStartsAndAcceptsTokensSignedWithItsPrivateKey() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair keys = generator.generateKeyPair();
        Path pem = dataDir.resolve("public.pem");
        Files.writeString(pem, "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(keys.getPublic().getEncoded())
                + "\n-----END PUBLIC KEY-----\n");
        Settings settings = Settings.load(null, Map.of("jobcast.data-dir", dataDir.toString(),
                "jobcast.http.port", 0, "jobcast.auth.jwt-public-key-file", pem.toString()));
        try (JobcastServer server = JobcastServer.start(settings)) {
            assertTrue(!Files.exists(dataDir.resolve("jwt-secret")), "no secret generated when a key is configured");
            assertThrows(IllegalStateException.class, server::tokens, "a verify-only server issues no tokens");
            long userId = server.users().add("rs256@x.test").id();
            String token = JWT.create().withSubject(Long.toString(userId))
                    .withExpiresAt(Instant.now().plusSeconds(600))
                    .sign(Algorithm.RSA256(null, (RSAPrivateKey) keys.getPrivate()));
            HttpResponse<String> res = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + server.port() + "/api/jobs"))
                    .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, res.statusCode(), res.body());
        }
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
