package dev.jobcast.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.json.JSONObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Nothing is lost across a real crash: the server runs as its own JVM (`serve` on H2), a Java
 * subscriber watches an external job, the server is killed with SIGKILL mid-job, restarted
 * on the same data folder and port, and the subscriber, reconnecting by itself, re-joins with
 * `since` = the last seq it saw. Everything it saw, before and after, must be exactly the
 * job's journal 1..N: no gap, no duplicate, and each update what the journal says of its seq.
 */
class RestartReplayTest {
    private static final Pattern USER_ID = Pattern.compile("\\d+");
    private static final Pattern JWT = Pattern.compile("[\\w-]+\\.[\\w-]+\\.[\\w-]+");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration CLI_TIMEOUT = Duration.ofSeconds(60);

    @TempDir
    Path work;

    private final List<Process> processes = new ArrayList<>();
    /** The demo runner's duration in the servers this test starts. */
    private String demoDuration = "6s";
    private Live.Subscriber client;

    @AfterEach
    void killLeftovers() throws Exception {
        if (client != null) {
            client.close();
        }
        for (Process p : processes) {
            if (p.isAlive()) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                p.waitFor(15, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void aSubscriberMissesNothingAcrossAServerKill() throws Exception {
        Path dataDir = work.resolve("data");
        int port = freePort();
        String base = "http://127.0.0.1:" + port;
        Live.Rest rest = new Live.Rest(base);

        Process first = serve(port, dataDir, "first");
        awaitReady(rest, first, "first");
        // The command line works beside the running server (H2 AUTO_SERVER).
        String userId = cli(USER_ID, "user", "add", "--email", "restart@live.test", "--data-dir", dataDir.toString());
        Process userTokenCli = start(java("token", "--user-id", userId, "--data-dir", dataDir.toString()), "token-user");
        Process workerTokenCli = start(java("token", "--user-id", userId, "--role", "worker", "--data-dir",
                dataDir.toString()), "token-worker");
        String token = output(userTokenCli, "token-user", JWT);
        String workerToken = output(workerTokenCli, "token-worker", JWT);

        long jobId = rest.createExternalJob(token);
        client = new Live.Subscriber(base, token, true);
        // On every (re)connection: join again after the last seq seen (0 at first: everything).
        client.onConnect(() -> client.join(jobId, client.lastSeq()));
        client.connect();
        Live.await(Live.WAIT, () -> "the first job_status", () -> client.statuses.size() == 1);

        // Created is seq 1; the first report persists started (2) with it (3): ten reports end at 12.
        for (int i = 0; i < 10; i++) {
            rest.progress(workerToken, jobId, i * 5, "before the kill " + i);
        }
        Live.await(Live.WAIT, () -> "seq 12 at the subscriber (has " + client.seqs() + ")", () -> client.lastSeq() == 12);

        List<JSONObject> seenBeforeKill = List.copyOf(client.updates);
        first.destroyForcibly(); // SIGKILL on Linux: no shutdown hook, no flush
        assertTrue(first.waitFor(30, TimeUnit.SECONDS), "the killed server exited");
        assertThrows(IOException.class, () -> rest.progress(workerToken, jobId, 99, "while down"),
                "nothing can be reported while the server is down");
        Live.await(Live.WAIT, () -> "the subscriber to notice", () -> !client.disconnects.isEmpty());

        Process second = serve(port, dataDir, "second");
        awaitReady(rest, second, "second");
        // These race with the subscriber's re-join: replayed or live, they must arrive once.
        for (int i = 10; i < 15; i++) {
            rest.progress(workerToken, jobId, i * 5, "after the restart " + i);
        }
        Live.await(Duration.ofSeconds(30), () -> "the re-join's job_status (connect errors: " + client.connectErrors + ")",
                () -> client.statuses.size() == 2);
        for (int i = 15; i < 20; i++) {
            rest.progress(workerToken, jobId, i * 5, "after the re-join " + i);
        }
        rest.complete(workerToken, jobId, Map.of("restarted", true));
        Live.await(Live.WAIT, () -> "the completed update (has " + client.seqs() + ")", () -> client.hasStatus("completed"));

        List<JsonNode> journal = rest.journal(token, jobId);
        // What the worker was told was saved, and the subscriber saw, before the kill survived it.
        for (JSONObject u : seenBeforeKill) {
            long seq = u.getLong("seq");
            String kept = seq <= journal.size() ? describe(journal.get((int) seq - 1)) : "nothing";
            assertEquals(describe(u), kept, "seq " + seq + " was acknowledged and broadcast before the kill; "
                    + "the journal after the restart has");
        }
        JsonNode job = rest.job(token, jobId);
        long n = job.get("seq").asLong();
        assertEquals("completed", job.get("status").asText());
        assertEquals(23, n, "created, started, 20 reports, completed");
        assertEquals(Live.range(1, n), journal.stream().map(e -> e.get("seq").asLong()).toList(),
                "the journal is whole");

        assertEquals(Live.range(1, n), client.seqs(), "everything the subscriber saw, across the kill: exactly 1..N");
        for (JSONObject u : client.updates) {
            assertEquals(describe(journal.get((int) u.getLong("seq") - 1)), describe(u),
                    "seq " + u.getLong("seq") + " is the journal's event");
        }
        assertEquals(2, client.connects, "connected, then reconnected once after the restart");
        JSONObject rejoined = client.statuses.get(1);
        assertEquals("running", rejoined.getString("status"));
        assertTrue(rejoined.getLong("seq") >= 12, "the re-join's status is at least where the subscriber was");
        assertTrue(client.errors.isEmpty(), "no error event: " + client.errors);
    }

    /**
     * An in-process demo job running when the server is killed: after the restart it ends
     * failed ("interrupted by restart"), and every event persisted before the kill is still
     * in its journal, unchanged, with the failure appended after them.
     */
    @Test
    void aDemoJobRunningAtTheKillEndsFailedAndKeepsEveryEvent() throws Exception {
        Path dataDir = work.resolve("data");
        int port = freePort();
        Live.Rest rest = new Live.Rest("http://127.0.0.1:" + port);
        demoDuration = "60s"; // still running whenever the kill comes

        Process first = serve(port, dataDir, "first");
        awaitReady(rest, first, "first");
        String userId = cli(USER_ID, "user", "add", "--email", "demo-kill@live.test", "--data-dir", dataDir.toString());
        String token = output(start(java("token", "--user-id", userId, "--data-dir", dataDir.toString()), "token"),
                "token", JWT);
        long jobId = rest.call("POST", "/api/jobs", token, Map.of("type", "demo"), 201).get("id").asLong();
        Live.await(Duration.ofSeconds(30), () -> "the demo job to report progress",
                () -> seqOf(rest, token, jobId) >= 4);

        List<JsonNode> before = rest.journal(token, jobId);
        first.destroyForcibly(); // SIGKILL: the runner dies mid-job
        assertTrue(first.waitFor(30, TimeUnit.SECONDS), "the killed server exited");

        Process second = serve(port, dataDir, "second");
        awaitReady(rest, second, "second");
        JsonNode job = rest.job(token, jobId);
        assertEquals("failed", job.get("status").asText(), "the interrupted job: " + job);
        assertEquals("interrupted by restart", job.get("error").asText());

        List<JsonNode> after = rest.journal(token, jobId);
        assertTrue(after.size() > before.size(), "the failure was appended to the journal");
        assertEquals(before, after.subList(0, before.size()), "every event persisted before the kill is kept as it was");
        assertEquals(Live.range(1, after.size()), after.stream().map(e -> e.get("seq").asLong()).toList(),
                "the journal is whole");
        assertEquals("failed", after.get(after.size() - 1).get("type").asText());
        assertEquals(job.get("seq").asLong(), after.size(), "the job's seq is its last event's");
    }

    private static long seqOf(Live.Rest rest, String token, long jobId) {
        try {
            return rest.job(token, jobId).get("seq").asLong();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A journal entry or a job_update as "type" or "progress message", to compare the two. */
    private static String describe(JsonNode journalEntry) {
        String type = journalEntry.get("type").asText();
        return "progress".equals(type) ? type + " " + journalEntry.get("payload").get("message").asText() : type;
    }

    private static String describe(JSONObject update) {
        String event = update.optString("event");
        return "progress".equals(event) ? event + " " + update.optString("message") : event;
    }

    // ---- processes -----------------------------------------------------------------------------

    /**
     * This JVM's command line for jobcast's Main. The classpath is this test JVM's: under
     * surefire's default manifest-only jar it is that jar, whose manifest Class-Path names
     * every entry, so `-cp` works for the child as it does here.
     */
    private static List<String> java(String... args) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                // Start fast: these are short-lived JVMs on a possibly loaded machine.
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto",
                "-cp", System.getProperty("java.class.path"),
                "dev.jobcast.Main"));
        command.addAll(List.of(args));
        return command;
    }

    private Process start(List<String> command, String name) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(work.resolve(name + ".log").toFile());
        builder.environment().keySet().removeIf(k -> k.startsWith("JOBCAST_"));
        builder.environment().put("JOBCAST_HOST", "127.0.0.1");
        // Conflation off: every event is broadcast, so "everything it saw" is exact.
        builder.environment().put("JOBCAST_MAX_UPDATES_PER_SECOND", "0");
        builder.environment().put("JOBCAST_DEMO_DURATION", demoDuration);
        Process p = builder.start();
        processes.add(p);
        return p;
    }

    private Process serve(int port, Path dataDir, String name) throws IOException {
        return start(java("serve", "--port", Integer.toString(port), "--data-dir", dataDir.toString()), "serve-" + name);
    }

    private String log(String name) {
        try {
            String text = Files.readString(work.resolve(name + ".log"), StandardCharsets.UTF_8);
            return text.length() > 6000 ? "..." + text.substring(text.length() - 6000) : text;
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    /** Runs a command-line call to its end and returns the last line of its output that matches. */
    private String cli(Pattern expected, String... args) throws Exception {
        String name = "cli-" + args[0] + "-" + args[1];
        return output(start(java(args), name), name, expected);
    }

    private String output(Process p, String name, Pattern expected) throws Exception {
        if (!p.waitFor(CLI_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail(name + " did not finish within " + CLI_TIMEOUT.toSeconds() + " s:\n" + log(name));
        }
        assertEquals(0, p.exitValue(), name + " failed:\n" + log(name));
        String found = null;
        for (String line : Files.readAllLines(work.resolve(name + ".log"), StandardCharsets.UTF_8)) {
            if (expected.matcher(line.trim()).matches()) {
                found = line.trim();
            }
        }
        if (found == null) {
            fail(name + " printed no line like " + expected + ":\n" + log(name));
        }
        return found;
    }

    private void awaitReady(Live.Rest rest, Process server, String name) throws Exception {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!server.isAlive()) {
                fail("the " + name + " server exited with " + server.exitValue() + ":\n" + log("serve-" + name));
            }
            try {
                HttpResponse<String> res = rest.send("GET", "/ready", null, null);
                if (res.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        fail("the " + name + " server was not ready within " + START_TIMEOUT.toSeconds() + " s:\n" + log("serve-" + name));
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
