// SecretFile: the embedded default's secret is created once, owner-only, and then reused.
package dev.jobcast.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretFileTest {

    @TempDir
    Path tmp;

    @Test
    void createsAnOwnerOnlySecretOnceAndReusesIt() throws Exception {
        Path dataDir = tmp.resolve("data/nested");
        String first = SecretFile.loadOrCreate(dataDir);
        Path file = dataDir.resolve("jwt-secret");

        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertEquals(first, Files.readString(file));
        assertEquals(48, Base64.getUrlDecoder().decode(first).length, "48 random bytes, base64url");
        assertTrue(first.getBytes(StandardCharsets.UTF_8).length >= 32);
        new JwtSettings(first, null, null, null, null, Duration.ZERO); // good enough for HS256

        assertEquals(first, SecretFile.loadOrCreate(dataDir));
        assertEquals(first, SecretFile.loadOrCreate(dataDir));
        try (Stream<Path> files = Files.list(dataDir)) {
            assertEquals(List.of(file), files.toList(), "no temporary files left behind");
        }
    }

    @Test
    void differentDataDirsGetDifferentSecrets() {
        assertNotEquals(SecretFile.loadOrCreate(tmp.resolve("a")), SecretFile.loadOrCreate(tmp.resolve("b")));
    }

    @Test
    void readsAnExistingSecretWithoutChangingIt() throws Exception {
        String mine = "an-operator-provided-secret-of-enough-length";
        Files.writeString(tmp.resolve("jwt-secret"), mine + "\n");
        assertEquals(mine, SecretFile.loadOrCreate(tmp));
        assertEquals(mine + "\n", Files.readString(tmp.resolve("jwt-secret")));
    }

    @Test
    void refusesAnExistingSecretThatIsTooShort() throws Exception {
        Files.writeString(tmp.resolve("jwt-secret"), "short");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> SecretFile.loadOrCreate(tmp));
        assertTrue(e.getMessage().contains("delete it"), e.getMessage());
    }

    @Test
    void concurrentFirstStartsAgreeOnOneSecret() throws Exception {
        Path dataDir = tmp.resolve("race");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<String>> loads = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                loads.add(() -> SecretFile.loadOrCreate(dataDir));
            }
            List<String> secrets = new ArrayList<>();
            for (Future<String> f : pool.invokeAll(loads)) {
                secrets.add(f.get());
            }
            assertEquals(1, secrets.stream().distinct().count(), secrets.toString());
            assertEquals(secrets.get(0), Files.readString(dataDir.resolve("jwt-secret")));
        } finally {
            pool.shutdownNow();
        }
    }
}
