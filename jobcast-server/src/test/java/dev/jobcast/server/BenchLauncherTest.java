package dev.jobcast.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jobcast.Main;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** `bench` and `bench-target` without the bench's jar: a clear refusal, not a stack trace. */
class BenchLauncherTest {
    @Test
    void aMissingBenchJarIsSaidWithTheCommandThatBuildsIt(@TempDir Path dir) throws Exception {
        Path missing = dir.resolve("jobcast-bench.jar");
        String before = System.getProperty(BenchLauncher.JAR_PROPERTY);
        PrintStream err = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setProperty(BenchLauncher.JAR_PROPERTY, missing.toString());
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            int bench = new CommandLine(new Main()).execute("bench", "fanout", "--help");
            int target = new CommandLine(new Main()).execute("bench-target", "--port", "0");
            assertEquals(2, bench);
            assertEquals(2, target);
        } finally {
            System.setErr(err);
            if (before == null) {
                System.clearProperty(BenchLauncher.JAR_PROPERTY);
            } else {
                System.setProperty(BenchLauncher.JAR_PROPERTY, before);
            }
        }
        String said = captured.toString(StandardCharsets.UTF_8);
        assertTrue(said.contains("bench needs " + missing), said);
        assertTrue(said.contains("bench-target needs " + missing), said);
        assertTrue(said.contains("mvn -B -q package -DskipTests"), said);
    }

    @Test
    void withoutTheSettingTheJarIsLookedForBesideThisOne() throws Exception {
        String before = System.getProperty(BenchLauncher.JAR_PROPERTY);
        System.clearProperty(BenchLauncher.JAR_PROPERTY);
        try {
            assertEquals(BenchLauncher.JAR_NAME, BenchLauncher.benchJar().getFileName().toString());
        } finally {
            if (before != null) {
                System.setProperty(BenchLauncher.JAR_PROPERTY, before);
            }
        }
    }
}
