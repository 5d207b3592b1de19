package dev.jobcast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.jobcast.server.EchoServer;
import dev.jobcast.server.HttpBinding;
import dev.jobcast.testkit.FixtureServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.http.javadsl.ServerBinding;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Interoperability with the official npm socket.io-client: starts the echo server and the
 * {@link FixtureServer}, then runs the Node test files of src/test/node
 * ({@code node --test}) against them, with their base URLs in ECHO_URL and FIXTURE_URL.
 * The Node output is streamed to stdout; the test fails if any Node test fails, and also
 * when Node or the npm dependencies are missing (run {@code npm ci} in src/test/node).
 */
class NodeClientTest {
    private static final Path NODE_DIR = Path.of("src", "test", "node");
    private static final Duration NODE_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration PER_TEST_TIMEOUT = Duration.ofSeconds(20);
    private static final String SETUP_HINT = "install Node.js 18 or later, then run `npm ci` in src/test/node";

    private static ActorSystem<Void> echoSystem;
    private static FixtureServer fixture;
    private static String echoUrl;

    @BeforeAll
    static void startServers() throws Exception {
        echoSystem = ActorSystem.create(Behaviors.empty(), "jobcast-echo-test");
        ServerBinding echo = HttpBinding.bind(echoSystem, "127.0.0.1", 0, EchoServer.routes(echoSystem))
                .toCompletableFuture().get(10, TimeUnit.SECONDS);
        echoUrl = "http://127.0.0.1:" + echo.localAddress().getPort();
        fixture = FixtureServer.start();
    }

    @AfterAll
    static void stopServers() throws Exception {
        try {
            if (fixture != null) {
                fixture.close();
            }
        } finally {
            if (echoSystem != null) {
                echoSystem.terminate();
                echoSystem.getWhenTerminated().toCompletableFuture().get(15, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void officialSocketIoClientInteroperates() throws Exception {
        Path dir = nodeDir();
        assertTrue(Files.isDirectory(dir.resolve("node_modules").resolve("socket.io-client")),
                "socket.io-client is not installed in " + dir + ": " + SETUP_HINT);
        String node = System.getProperty("node.binary", "node");
        checkNodeRuns(node, dir);
        List<String> testFiles = testFiles(dir);
        assertFalse(testFiles.isEmpty(), "no *.test.mjs files in " + dir);

        // A per-test timeout, so that one stuck test fails alone instead of the whole run timing out.
        List<String> command = new ArrayList<>(List.of(node, "--test", "--test-reporter=spec",
                "--test-timeout=" + PER_TEST_TIMEOUT.toMillis()));
        command.addAll(testFiles);
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        builder.environment().put("ECHO_URL", echoUrl);
        builder.environment().put("FIXTURE_URL", fixture.url());
        builder.environment().put("NO_COLOR", "1");

        System.out.println("ECHO_URL=" + echoUrl + " FIXTURE_URL=" + fixture.url());
        System.out.println("$ " + String.join(" ", command));
        Process process = builder.start();
        StringBuilder output = new StringBuilder();
        Thread pump = new Thread(() -> copyLines(process, output), "node-output");
        pump.setDaemon(true);
        pump.start();

        if (!process.waitFor(NODE_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            pump.join(TimeUnit.SECONDS.toMillis(5));
            fail("node tests did not finish within " + NODE_TIMEOUT.toSeconds() + " s; output:\n" + text(output));
        }
        pump.join(TimeUnit.SECONDS.toMillis(10));
        assertEquals(0, process.exitValue(), "node tests failed (exit code " + process.exitValue() + "); output:\n"
                + text(output));
    }

    private static Path nodeDir() {
        Path base = Path.of(System.getProperty("basedir", "")).toAbsolutePath();
        Path dir = base.resolve(NODE_DIR);
        assertTrue(Files.isDirectory(dir), "missing directory " + dir);
        return dir;
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

    private static List<String> testFiles(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString())
                    .filter(name -> name.endsWith(".test.mjs"))
                    .sorted()
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
