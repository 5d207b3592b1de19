package dev.jobcast.dashboard;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jobcast.api.dashboard.DashboardRoutes;
import dev.jobcast.jobs.JobState;
import dev.jobcast.jobs.JobStatus;
import dev.jobcast.jobs.JournalEntry;
import dev.jobcast.jobs.runners.RestartRecovery;
import dev.jobcast.server.JobcastServer;
import dev.jobcast.server.Settings;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dashboard in real headless Chromium against a real jobcast, restart included.
 *
 * <p>The test starts an in-process server (H2 in a temporary folder, a fixed free port) and
 * runs web/e2e/dashboard.e2e.mjs, which drives Debian's Chromium with playwright-core: the
 * page opens /, lands on the dashboard signed in as the demo user, runs a demo job to
 * 100% and "completed", cancels a second one from its card, then starts a third. Mid-job
 * the script prints "E2E STOP"; this test closes the server (the page shows "reconnecting"),
 * then on "E2E START" starts a new server on the same port and data folder. The new server
 * fails the interrupted demo job ("interrupted by restart") before it accepts connections,
 * so the page can only learn of it by re-joining with its last seq: the script checks that
 * it does, without reload, and that the history timeline is every event 1..N. This test
 * then compares the seqs the page showed with the journal.
 */
class DashboardBrowserTest {
    private static final Path CHROMIUM = Path.of(System.getProperty("chromium.binary", "/usr/bin/chromium"));
    private static final Duration SCRIPT_TIMEOUT = Duration.ofMinutes(4);
    private static final String SETUP = "the Maven build installs web/'s packages and builds the dashboard when Node.js 20+ is there";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dataDir;

    @Test
    void liveJobsSurviveAServerRestartWithAGapFreeHistory() throws Exception {
        Path web = Path.of(System.getProperty("basedir", "")).toAbsolutePath().resolve("web");
        assertTrue(Files.isExecutable(CHROMIUM), "Chromium is missing at " + CHROMIUM
                + ": install Debian's chromium (apt-get update && apt-get install -y chromium); .ci/run does");
        assertTrue(Files.isDirectory(web.resolve("node_modules").resolve("playwright-core")),
                "playwright-core is not installed in " + web + ": " + SETUP);
        assertTrue(DashboardRoutes.isBuilt(), "the dashboard is not built into target/classes/dashboard: " + SETUP);
        Path screenshot = Path.of("target", "dashboard.png").toAbsolutePath();
        Files.deleteIfExists(screenshot);

        int port = freePort();
        Map<String, Object> overrides = new HashMap<>();
        overrides.put("jobcast.http.host", "127.0.0.1");
        overrides.put("jobcast.http.port", port);
        overrides.put("jobcast.data-dir", dataDir.toString());
        overrides.put("jobcast.jobs.demo.duration", "6s");
        // A dead connection is noticed within a second or two, not after 45 s.
        overrides.put("jobcast.socketio.ping-interval", "1s");
        overrides.put("jobcast.socketio.ping-timeout", "2s");
        Settings settings = Settings.load(null, overrides);

        JobcastServer server = JobcastServer.start(settings);
        Process script = null;
        try {
            String node = System.getProperty("node.binary", "node");
            ProcessBuilder builder = new ProcessBuilder(node, "e2e/dashboard.e2e.mjs", "http://127.0.0.1:" + port,
                    screenshot.toString()).directory(web.toFile()).redirectErrorStream(true);
            builder.environment().put("CHROMIUM_PATH", CHROMIUM.toString());
            script = builder.start();
            BlockingQueue<String> lines = new LinkedBlockingQueue<>();
            StringBuilder output = new StringBuilder();
            pump(script, lines, output);

            JsonNode result = null;
            long deadline = System.nanoTime() + SCRIPT_TIMEOUT.toNanos();
            OutputStream toScript = script.getOutputStream();
            while (true) {
                String line = lines.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                if (line == null) {
                    fail("the script did not finish within " + SCRIPT_TIMEOUT + "; output:\n" + text(output));
                }
                if (line.equals(END)) {
                    break;
                }
                switch (line) {
                    case "E2E STOP" -> {
                        server.close();
                        server = null;
                        answer(toScript, "stopped");
                    }
                    case "E2E START" -> {
                        server = startAgain(settings);
                        answer(toScript, "started");
                    }
                    default -> {
                        if (line.startsWith("E2E RESULT ")) {
                            result = JSON.readTree(line.substring("E2E RESULT ".length()));
                        }
                    }
                }
            }
            assertTrue(script.waitFor(30, TimeUnit.SECONDS), "the script did not exit");
            assertEquals(0, script.exitValue(), "the browser scenario failed; output:\n" + text(output));
            assertNotNull(result, "the script reported no result; output:\n" + text(output));
            assertNotNull(server, "the script never asked for the server to start again");

            // What the page showed is exactly the journal, event for event.
            for (String job : List.of("first", "cancelled", "second")) {
                long id = result.get(job).asLong();
                assertArrayEquals(journalSeqs(server, id), seqs(result.get(job + "Seqs")), job + " job " + id);
            }
            assertEquals(JobStatus.COMPLETED, state(server, result.get("first").asLong()).status());
            assertEquals(JobStatus.CANCELLED, state(server, result.get("cancelled").asLong()).status());
            JobState interrupted = state(server, result.get("second").asLong());
            assertEquals(JobStatus.FAILED, interrupted.status());
            assertEquals(RestartRecovery.INTERRUPTED, interrupted.error());

            byte[] png = Files.readAllBytes(screenshot);
            assertTrue(png.length > 1000, "the screenshot is too small to show anything: " + png.length + " bytes");
            assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, Arrays.copyOf(png, 4), "not a PNG");
        } finally {
            if (script != null && script.isAlive()) {
                script.descendants().forEach(ProcessHandle::destroyForcibly);
                script.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
            if (server != null) {
                server.close();
            }
        }
    }

    // ---- the server ---------------------------------------------------------------------

    /** A port that is free now; the restarted server binds it again, so it must be fixed up front. */
    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }

    /** The same settings again; the port may take a moment to be released by the old binding. */
    private static JobcastServer startAgain(Settings settings) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (true) {
            try {
                return JobcastServer.start(settings);
            } catch (Exception e) {
                if (System.nanoTime() > deadline || !isBindFailure(e)) {
                    throw e;
                }
                Thread.sleep(250);
            }
        }
    }

    private static boolean isBindFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.net.BindException || String.valueOf(t.getMessage()).contains("Bind failed")) {
                return true;
            }
        }
        return false;
    }

    private static JobState state(JobcastServer server, long jobId) throws Exception {
        return server.jobs().get(jobId).toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private static long[] journalSeqs(JobcastServer server, long jobId) throws Exception {
        List<JournalEntry> entries = server.jobs().events(jobId, 0, 10_000).toCompletableFuture()
                .get(10, TimeUnit.SECONDS);
        assertTrue(entries.size() > 2, "job " + jobId + " has only " + entries.size() + " events");
        return entries.stream().mapToLong(JournalEntry::seq).toArray();
    }

    private static long[] seqs(JsonNode array) {
        long[] seqs = new long[array.size()];
        for (int i = 0; i < seqs.length; i++) {
            seqs[i] = array.get(i).asLong();
        }
        return seqs;
    }

    // ---- the script's input and output --------------------------------------------------

    private static final String END = "\u0000end";

    /** Copies the script's output to the test's and hands each line to the queue, then END. */
    private static void pump(Process script, BlockingQueue<String> lines, StringBuilder output) {
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(
                    new InputStreamReader(script.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    System.out.println(line);
                    synchronized (output) {
                        output.append(line).append('\n');
                    }
                    lines.add(line);
                }
            } catch (IOException e) {
                synchronized (output) {
                    output.append("[reading the script's output failed: ").append(e).append("]\n");
                }
            } finally {
                lines.add(END);
            }
        }, "e2e-output");
        reader.setDaemon(true);
        reader.start();
    }

    private static void answer(OutputStream toScript, String line) throws IOException {
        toScript.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        toScript.flush();
    }

    private static String text(StringBuilder output) {
        synchronized (output) {
            return output.toString();
        }
    }
}
