package dev.jobcast.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jobcast.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** What a user types wrong is said in one line with exit code 2, never as a Java stack trace. */
class CommandLineErrorsTest {
    @TempDir
    Path dataDir;

    private record Run(int code, String err) {
    }

    private Run run(String... args) {
        StringWriter err = new StringWriter();
        CommandLine cmd = Main.commandLine();
        cmd.setErr(new PrintWriter(err, true));
        int code = cmd.execute(args);
        return new Run(code, err.toString());
    }

    private static void assertOneLine(Run r, String says) {
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains(says), r.err());
        assertFalse(r.err().contains("Exception") || r.err().contains("\tat "), "no stack trace: " + r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
    }

    @Test
    void aBadEmail() {
        assertOneLine(run("user", "add", "--email", "not-an-email", "--data-dir", dataDir.toString()),
                "not a plausible email address");
    }

    @Test
    void aZeroTokenLifetime() {
        assertEquals(0, run("user", "add", "--email", "ada@x.test", "--data-dir", dataDir.toString()).code());
        assertOneLine(run("token", "--user-id", "1", "--ttl", "0s", "--data-dir", dataDir.toString()),
                "lifetime must be positive");
    }
}
