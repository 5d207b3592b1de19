// The embedded default's HMAC secret: generated once into <dataDir>/jwt-secret, owner-only,
// so tokens stay valid across restarts without anyone configuring a key.
package dev.jobcast.auth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

public final class SecretFile {

    public static final String FILE_NAME = "jwt-secret";
    private static final int RANDOM_BYTES = 48;

    private SecretFile() {
    }

    /**
     * The secret in {@code <dataDir>/jwt-secret}, created (with dataDir) if absent.
     * I/O failures -> UncheckedIOException; a file too short to be a secret -> IllegalStateException.
     */
    public static String loadOrCreate(Path dataDir) {
        Path file = dataDir.resolve(FILE_NAME);
        try {
            if (!Files.exists(file)) {
                Files.createDirectories(dataDir);
                create(dataDir, file);
            }
            return read(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load or create the JWT secret " + file + ": " + e.getMessage(), e);
        }
    }

    private static void create(Path dir, Path file) throws IOException {
        byte[] random = new byte[RANDOM_BYTES];
        new SecureRandom().nextBytes(random);
        byte[] secret = Base64.getUrlEncoder().withoutPadding().encodeToString(random)
                .getBytes(StandardCharsets.US_ASCII);
        // Born owner-only: a chmod afterwards would leave a moment in which others could read it.
        Path tmp = Files.createTempFile(dir, "." + FILE_NAME, ".tmp", ownerOnly(dir));
        try {
            try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                out.write(ByteBuffer.wrap(secret));
                out.force(true);
            }
            publish(tmp, file);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    // A hard link appears whole and fails if the name exists, so two processes starting at
    // once agree on one secret instead of the later rename silently replacing the first.
    private static void publish(Path tmp, Path file) throws IOException {
        try {
            Files.createLink(file, tmp);
        } catch (FileAlreadyExistsException lostTheRace) {
            // the other process's secret stands
        } catch (UnsupportedOperationException noHardLinks) {
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
        }
    }

    private static String read(Path file) throws IOException {
        String secret = Files.readString(file, StandardCharsets.UTF_8).strip();
        if (secret.getBytes(StandardCharsets.UTF_8).length < JwtSettings.MIN_SECRET_BYTES) {
            throw new IllegalStateException(file + " holds fewer than " + JwtSettings.MIN_SECRET_BYTES
                    + " bytes; delete it to have a new secret generated (existing tokens become invalid)");
        }
        return secret;
    }

    private static FileAttribute<?>[] ownerOnly(Path dir) {
        // Non-POSIX file systems (Windows) cannot take the attribute; they get the defaults.
        if (!dir.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            return new FileAttribute<?>[0];
        }
        return new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))};
    }
}
