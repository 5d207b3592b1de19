package dev.jobcast.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;

/**
 * The two jars as users run them, after `package`: target/jobcast.jar carries no bench class,
 * yet its `bench` and `bench-target` work, through target/jobcast-bench.jar beside it, which
 * also runs on its own.
 */
class DistributionIT {
    private static final Path TARGET = Path.of(System.getProperty("jobcast.root", "..")).resolve("target");
    private static final Path SERVER = TARGET.resolve("jobcast.jar");
    private static final Path BENCH = TARGET.resolve("jobcast-bench.jar");

    private static String run(Path jar, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar.toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "ended: " + command);
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), command + ":\n" + out);
        return out;
    }

    @Test
    void theServerJarCarriesNoBench() throws Exception {
        assertTrue(Files.isRegularFile(SERVER), SERVER + " is built");
        try (JarFile jar = new JarFile(SERVER.toFile())) {
            assertFalse(jar.stream().anyMatch(e -> e.getName().startsWith("dev/jobcast/bench/")),
                    "no dev/jobcast/bench/ class in " + SERVER);
            assertTrue(jar.getEntry("dev/jobcast/Main.class") != null);
        }
    }

    @Test
    void theServerJarIsMultiReleaseAndCarriesEveryNotice() throws Exception {
        try (JarFile jar = new JarFile(SERVER.toFile())) {
            assertEquals("true", jar.getManifest().getMainAttributes().getValue("Multi-Release"));
            String notice = new String(jar.getInputStream(jar.getEntry("META-INF/NOTICE")).readAllBytes(),
                    StandardCharsets.UTF_8);
            for (String from : List.of("Apache Pekko", "Scala", "Netty")) {
                assertTrue(notice.contains(from), "the merged NOTICE has " + from + "'s");
            }
            String license = new String(jar.getInputStream(jar.getEntry("META-INF/LICENSE")).readAllBytes(),
                    StandardCharsets.UTF_8);
            assertTrue(license.split("Apache License", -1).length > 3, "every bundled LICENSE text is kept");
        }
    }

    @Test
    void benchThroughTheServerJar() throws Exception {
        String scenarios = run(SERVER, "bench", "--help");
        for (String scenario : List.of("fanout", "connections", "persist", "recover", "jobs")) {
            assertTrue(scenarios.contains(scenario), "bench --help lists " + scenario + ":\n" + scenarios);
        }
        assertTrue(run(SERVER, "bench", "jobs", "--help").contains("--url"));
        assertTrue(run(SERVER, "bench-target", "--help").contains("--jobs"));
    }

    @Test
    void theBenchJarRunsOnItsOwn() throws Exception {
        assertTrue(run(BENCH, "bench", "fanout", "--help").contains("--rooms"));
        assertTrue(run(BENCH, "--help").contains("bench-target"));
    }
}
