package dev.jobcast.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Runs the *.test.mjs files of one folder of src/test/node with Node's test runner, streams
 * their output, and fails (never skips) when node or the npm packages are missing, when a
 * test fails, or when the run does not end in time.
 */
public final class NodeTests {
    private static final Path NODE_DIR = Path.of("src", "test", "node");
    private static final String SETUP_HINT = "install Node.js 18 or later, then run `npm ci` in src/test/node";

    private NodeTests() {
    }

    /**
     * @param folder  "" for src/test/node itself, or a subfolder such as "live"
     * @param perTest each test's own timeout, so one stuck test fails alone; Node 20 also
     *                applies it to each file as a whole, so it must cover the longest file
     */
    public static void run(String folder, Map<String, String> env, Duration timeout, Duration perTest)
            throws Exception {
        Path dir = Path.of(System.getProperty("basedir", "")).toAbsolutePath().resolve(NODE_DIR);
        assertTrue(Files.isDirectory(dir.resolve(folder)), "missing directory " + dir.resolve(folder));
        assertTrue(Files.isDirectory(dir.resolve("node_modules").resolve("socket.io-client")),
                "socket.io-client is not installed in " + dir + ": " + SETUP_HINT);
        String node = System.getProperty("node.binary", "node");
        checkNodeRuns(node, dir);
        List<String> files = testFiles(dir, folder);
        assertFalse(files.isEmpty(), "no *.test.mjs files in " + dir.resolve(folder));

        List<String> command = new ArrayList<>(List.of(node, "--test", "--test-reporter=spec",
                "--test-timeout=" + perTest.toMillis()));
        command.addAll(files);
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        builder.environment().putAll(env);
        builder.environment().put("NO_COLOR", "1");
        System.out.println("$ (cd " + dir + " && " + String.join(" ", command) + ")");
        Process process = builder.start();
        StringBuilder output = new StringBuilder();
        Thread pump = new Thread(() -> copyLines(process, output), "node-output");
        pump.setDaemon(true);
        pump.start();
        try {
            if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
                fail("node tests did not finish within " + timeout.toSeconds() + " s; output:\n" + text(output));
            }
        } finally {
            if (process.isAlive()) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        }
        pump.join(TimeUnit.SECONDS.toMillis(10));
        assertEquals(0, process.exitValue(), "node tests failed (exit code " + process.exitValue() + "); output:\n"
                + text(output));
    }

    private static void checkNodeRuns(String node, Path dir) throws InterruptedException {
        try {
            Process version = new ProcessBuilder(node, "--version").directory(dir.toFile())
                    .redirectErrorStream(true).start();
            String out = new String(version.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            assertTrue(version.waitFor(30, TimeUnit.SECONDS) && version.exitValue() == 0,
                    "`" + node + " --version` failed (" + out + "): " + SETUP_HINT);
        } catch (IOException e) {
            fail("cannot run `" + node + "` (" + e.getMessage() + "): " + SETUP_HINT
                    + " (or point -Dnode.binary=... at the node executable)");
        }
    }

    /** The folder's *.test.mjs, relative to the node directory, sorted. */
    private static List<String> testFiles(Path dir, String folder) throws IOException {
        try (Stream<Path> files = Files.list(dir.resolve(folder))) {
            return files.map(p -> p.getFileName().toString())
                    .filter(name -> name.endsWith(".test.mjs"))
                    .sorted()
                    .map(name -> folder.isEmpty() ? name : folder + "/" + name)
                    .toList();
        }
    }

    private static String text(StringBuilder output) {
        synchronized (output) {
            return output.toString();
        }
    }

    private static void copyLines(Process process, StringBuilder output) {
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                System.out.println(line);
                synchronized (output) {
                    output.append(line).append('\n');
                }
            }
        } catch (IOException e) {
            synchronized (output) {
                output.append("[reading node output failed: ").append(e).append("]\n");
            }
        }
    }
}
