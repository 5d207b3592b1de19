package dev.jobcast.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jobcast.testkit.JobcastProcesses;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.json.JSONObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
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
    @TempDir
    Path work;

    private JobcastProcesses processes;
    private Live.Subscriber client;

    @BeforeEach
    void processes() {
        processes = new JobcastProcesses(work)
                // Conflation off: every event is broadcast, so "everything it saw" is exact.
                .env("JOBCAST_MAX_UPDATES_PER_SECOND", "0")
                .env("JOBCAST_DEMO_DURATION", "6s");
    }

    @AfterEach
    void killLeftovers() throws Exception {
        if (client != null) {
            client.close();
        }
        processes.close();
    }

    @Test
    void aSubscriberMissesNothingAcrossAServerKill() throws Exception {
        Path dataDir = work.resolve("data");
        int port = JobcastProcesses.freePort();
        String base = "http://127.0.0.1:" + port;
        Live.Rest rest = new Live.Rest(base);

        Process first = processes.serve("first", port, dataDir);
        processes.awaitReady(first, "first", port);
        // The command line works beside the running server (H2 AUTO_SERVER).
        String userId = processes.cli(JobcastProcesses.USER_ID, "user", "add", "--email", "restart@live.test",
                "--data-dir", dataDir.toString());
        Process userTokenCli = processes.start("token-user", "token", "--user-id", userId, "--data-dir",
                dataDir.toString());
        Process workerTokenCli = processes.start("token-worker", "token", "--user-id", userId, "--role", "worker",
                "--data-dir", dataDir.toString());
        String token = processes.output(userTokenCli, "token-user", JobcastProcesses.JWT);
        String workerToken = processes.output(workerTokenCli, "token-worker", JobcastProcesses.JWT);

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
        JobcastProcesses.kill(first); // SIGKILL: no shutdown hook, no flush
        assertThrows(IOException.class, () -> rest.progress(workerToken, jobId, 99, "while down"),
                "nothing can be reported while the server is down");
        Live.await(Live.WAIT, () -> "the subscriber to notice", () -> !client.disconnects.isEmpty());

        Process second = processes.serve("second", port, dataDir);
        processes.awaitReady(second, "second", port);
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
        int port = JobcastProcesses.freePort();
        Live.Rest rest = new Live.Rest("http://127.0.0.1:" + port);
        processes.env("JOBCAST_DEMO_DURATION", "60s"); // still running whenever the kill comes

        Process first = processes.serve("first", port, dataDir);
        processes.awaitReady(first, "first", port);
        String userId = processes.cli(JobcastProcesses.USER_ID, "user", "add", "--email", "demo-kill@live.test",
                "--data-dir", dataDir.toString());
        String token = processes.output(processes.start("token", "token", "--user-id", userId, "--data-dir",
                dataDir.toString()), "token", JobcastProcesses.JWT);
        long jobId = rest.call("POST", "/api/jobs", token, Map.of("type", "demo"), 201).get("id").asLong();
        Live.await(Duration.ofSeconds(30), () -> "the demo job to report progress",
                () -> seqOf(rest, token, jobId) >= 4);

        List<JsonNode> before = rest.journal(token, jobId);
        JobcastProcesses.kill(first); // SIGKILL: the runner dies mid-job

        Process second = processes.serve("second", port, dataDir);
        processes.awaitReady(second, "second", port);
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
}
