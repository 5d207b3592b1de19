package dev.jobcast.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jobcast.testkit.JobcastProcesses;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * POST /api/reports across a real crash: the server runs as its own JVM (`serve` on H2), a
 * worker sends batches of 500 reports one after the other, and the server is killed with
 * SIGKILL while a batch is being written. After a restart on the same data folder, the
 * journal must hold every item of every batch that was answered ok, each job's events must
 * be 1..N with no gap and nothing twice, and of the batch that was never answered each job
 * must have a prefix of its items, whole: a job's first report is its started and progress
 * events together or neither. Every item carries a text of its own ("b3-i17": batch 3,
 * item 17) to find it in the journal.
 */
class BatchCrashTest {
    private static final int JOBS = 50;
    private static final int BATCH = 500;
    /** Answered batches before the kill: enough to have answers to check, few to stay fast. */
    private static final int ANSWERED_BEFORE_KILL = 3;
    /** Jobs 5..9 are completed in batch 1: their items of later batches are refused (conflict). */
    private static final int COMPLETED_FROM = 5;
    private static final int COMPLETED_TO = 10;
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path work;

    private JobcastProcesses processes;
    private Thread workerThread;

    /** One report of a batch: the job it is about (an index into the jobs), its text, and its kind. */
    private record Item(int job, String tag, boolean complete) {
    }

    /**
     * Batch b is about the first 10 + 5b jobs (so batches 0..8 each start jobs of their
     * own), round robin from job 0, whose item opens every batch; in batch 1, jobs 5..9 get
     * a completion as their last item.
     */
    private static List<Item> plan(int b) {
        int active = active(b);
        List<Item> items = new ArrayList<>(BATCH);
        for (int i = 0; i < BATCH; i++) {
            int job = i % active;
            boolean lastOfJob = i + active >= BATCH;
            boolean complete = b == 1 && job >= COMPLETED_FROM && job < COMPLETED_TO && lastOfJob;
            items.add(new Item(job, "b" + b + "-i" + i, complete));
        }
        return items;
    }

    private static int active(int b) {
        return Math.min(JOBS, 10 + 5 * b);
    }

    /** Whether the job's first report ever is in batch b. */
    private static boolean startsIn(int job, int b) {
        return job < active(b) && (b == 0 || job >= active(b - 1));
    }

    /** A batch's items as JSON. */
    private static String body(List<Item> items, List<Long> ids, int b) {
        ArrayNode array = Live.JSON.createArrayNode();
        for (int i = 0; i < items.size(); i++) {
            Item item = items.get(i);
            ObjectNode o = array.addObject().put("job_id", ids.get(item.job()));
            if (item.complete()) {
                o.put("type", "complete").putObject("result").put("tag", item.tag());
            } else {
                o.put("progress", (7 * b + i) % 101).put("message", item.tag());
            }
        }
        return array.toString();
    }

    @BeforeEach
    void processes() {
        // A long worker lease: no job may be failed as "worker lost" while the server is down.
        processes = new JobcastProcesses(work).env("JOBCAST_WORKER_LEASE", "10m");
    }

    @AfterEach
    void stop() throws Exception {
        if (workerThread != null) {
            workerThread.interrupt();
        }
        processes.close();
    }

    @Test
    void answeredItemsSurviveAKillAndTheBatchInFlightIsAllOrNothingPerReport() throws Exception {
        Path dataDir = work.resolve("data");
        int port = JobcastProcesses.freePort();
        String base = "http://127.0.0.1:" + port;
        Live.Rest rest = new Live.Rest(base);

        Process first = processes.serve("first", port, dataDir);
        processes.awaitReady(first, "first", port);
        String userId = processes.cli(JobcastProcesses.USER_ID, "user", "add", "--email", "batch-crash@live.test",
                "--data-dir", dataDir.toString());
        Process userTokenCli = processes.start("token-user", "token", "--user-id", userId, "--data-dir",
                dataDir.toString());
        Process workerTokenCli = processes.start("token-worker", "token", "--user-id", userId, "--role", "worker",
                "--data-dir", dataDir.toString());
        String token = processes.output(userTokenCli, "token-user", JobcastProcesses.JWT);
        String workerToken = processes.output(workerTokenCli, "token-worker", JobcastProcesses.JWT);

        List<Long> ids = new ArrayList<>();
        for (int j = 0; j < JOBS; j++) {
            ids.add(rest.createExternalJob(token));
        }
        long spare = rest.createExternalJob(token); // no report before the kill

        // The worker: batch after batch, each sent once the previous one is answered.
        Map<Integer, JsonNode> answered = new ConcurrentHashMap<>();
        List<String> unexpected = new CopyOnWriteArrayList<>();
        int[] sending = {-1};
        Object lock = new Object();
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
        workerThread = new Thread(() -> {
            for (int b = 0; b < 10_000 && !Thread.currentThread().isInterrupted(); b++) {
                HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/api/reports")).timeout(WAIT)
                        .header("Authorization", "Bearer " + workerToken).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body(plan(b), ids, b))).build();
                synchronized (lock) {
                    sending[0] = b;
                }
                try {
                    HttpResponse<String> res = http.send(request, HttpResponse.BodyHandlers.ofString());
                    if (res.statusCode() != 200) {
                        unexpected.add("batch " + b + ": " + res.statusCode() + " " + res.body());
                        return;
                    }
                    answered.put(b, Live.JSON.readTree(res.body()));
                } catch (IOException killed) {
                    return; // the server is gone: this batch was never answered
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "batch-worker");
        workerThread.start();

        // Kill while a batch is being written: answered ones to check, and job 0's item of
        // the next batch (its first) already in the journal, its answer not yet given.
        long[] probeSeen = {0};
        int[] observed = {-1};
        Live.await(WAIT, () -> "a batch in flight after " + ANSWERED_BEFORE_KILL + " answered ones (answered: "
                + answered.keySet() + ", problems: " + unexpected + ")", () -> {
                    if (!unexpected.isEmpty()) {
                        fail("the worker was refused: " + unexpected);
                    }
                    int b;
                    synchronized (lock) {
                        b = sending[0];
                    }
                    if (answered.size() < ANSWERED_BEFORE_KILL || answered.containsKey(b)
                            || !journalHas(rest, token, ids.get(0), probeSeen, "b" + b + "-i0")) {
                        return false;
                    }
                    if (answered.containsKey(b)) {
                        return false; // answered while the journal was read: wait for the next one
                    }
                    observed[0] = b;
                    return true;
                });
        JobcastProcesses.kill(first);
        workerThread.join(WAIT.toMillis());
        assertFalse(workerThread.isAlive(), "the worker noticed the server was gone");
        assertTrue(unexpected.isEmpty(), unexpected::toString);
        int inFlight = sending[0];
        int answeredCount = answered.size();
        assertTrue(answeredCount >= ANSWERED_BEFORE_KILL, answered.keySet()::toString);
        for (int b = 0; b < answeredCount; b++) {
            assertTrue(answered.containsKey(b), "batches are answered in order: " + answered.keySet());
        }
        assertFalse(answered.containsKey(inFlight), "the last batch sent was not answered");
        assertEquals(answeredCount, inFlight, "one batch at a time");

        Process second = processes.serve("second", port, dataDir);
        processes.awaitReady(second, "second", port);

        // Where every item's text is now: job index and seq.
        Map<String, long[]> found = new HashMap<>();
        List<List<JsonNode>> journals = new ArrayList<>();
        for (int j = 0; j < JOBS; j++) {
            List<JsonNode> journal = rest.journal(token, ids.get(j));
            journals.add(journal);
            assertWhole(j, journal, found);
        }

        // (a) Every item answered ok is in the journal, at the seq its answer gave; every
        // refused one is not.
        for (int b = 0; b < answeredCount; b++) {
            List<Item> items = plan(b);
            JsonNode answer = answered.get(b);
            JsonNode results = answer.get("results");
            assertEquals(BATCH, results.size());
            int accepted = 0;
            for (int i = 0; i < BATCH; i++) {
                Item item = items.get(i);
                JsonNode r = results.get(i);
                assertEquals(ids.get(item.job()).longValue(), r.get("job_id").asLong(), r::toString);
                boolean refusedByPlan = b > 1 && item.job() >= COMPLETED_FROM && item.job() < COMPLETED_TO;
                long[] at = found.get(item.tag());
                if (refusedByPlan) {
                    assertEquals("conflict", r.path("error").asText(), () -> item.tag() + " of a completed job: " + r);
                    assertNull(at, () -> "refused " + item.tag() + " is in the journal");
                    continue;
                }
                accepted++;
                assertTrue(r.get("ok").asBoolean(), () -> item.tag() + ": " + r);
                assertNotNull(at, () -> item.tag() + " was answered ok before the kill but is not in the journal");
                assertEquals(item.job(), at[0], item.tag());
                assertEquals(r.get("seq").asLong(), at[1], () -> item.tag() + " is at the seq it was answered with");
            }
            assertEquals(accepted, answer.get("accepted").asInt());
        }

        // (c) The batch in flight: per job, a prefix of its items; a first report whole or absent.
        List<Item> items = plan(inFlight);
        Map<Integer, Boolean> missedOne = new HashMap<>();
        int present = 0;
        for (Item item : items) {
            boolean in = found.containsKey(item.tag());
            if (in) {
                present++;
                assertFalse(missedOne.getOrDefault(item.job(), false), () -> item.tag() + " is in the journal but an "
                        + "earlier item of job " + item.job() + " in the same batch is not");
            } else {
                missedOne.put(item.job(), true);
            }
        }
        for (int j = 0; j < JOBS; j++) {
            if (startsIn(j, inFlight)) {
                boolean firstIn = found.containsKey(items.get(j).tag()); // item j is job j's first in the batch
                boolean started = journals.get(j).stream().anyMatch(e -> "started".equals(e.get("type").asText()));
                assertEquals(firstIn, started, "job " + j + " began in the batch cut by the kill: started without its "
                        + "progress, or the reverse: " + journals.get(j));
            }
        }
        // Seen in the journal before the kill, so kept whatever happened next. Almost always
        // the batch cut by the kill; should its answer have come in the instant before, it is
        // one of the answered ones and checked as those are.
        assertTrue(found.containsKey("b" + observed[0] + "-i0"), "b" + observed[0] + "-i0 was in the journal "
                + "before the kill");
        for (String tag : found.keySet()) {
            int b = Integer.parseInt(tag.substring(1, tag.indexOf('-')));
            assertTrue(b <= inFlight, () -> tag + " is in the journal but was never sent");
        }
        System.out.println("batches answered: " + answeredCount + "; batch " + observed[0] + " seen in flight; items "
                + "of batch " + inFlight + " in the journal after the kill: " + present + " of " + BATCH);

        // (d) The restarted server takes reports: a running job's, a queued job's first, a completion.
        long runningJob = ids.get(0);
        String after = "[{\"job_id\":" + runningJob + ",\"progress\":1,\"message\":\"after-0\"},"
                + "{\"job_id\":" + spare + ",\"progress\":2,\"message\":\"after-1\"},"
                + "{\"job_id\":" + runningJob + ",\"type\":\"complete\",\"result\":{\"tag\":\"after-2\"}}]";
        HttpResponse<String> res = http.send(HttpRequest.newBuilder(URI.create(base + "/api/reports")).timeout(WAIT)
                .header("Authorization", "Bearer " + workerToken).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(after)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, res.statusCode(), res.body());
        JsonNode answer = Live.JSON.readTree(res.body());
        assertEquals(3, answer.get("accepted").asInt(), res.body());
        List<JsonNode> spareJournal = rest.journal(token, spare);
        assertEquals(List.of("created", "started", "progress after-1"), spareJournal.stream()
                .map(e -> e.get("type").asText() + ("progress".equals(e.get("type").asText())
                        ? " " + e.get("payload").get("message").asText() : "")).toList());
        List<JsonNode> job0 = rest.journal(token, runningJob);
        assertEquals(journals.get(0).size() + 2, job0.size(), "two events after the restart, right after the others");
        assertEquals(journals.get(0), job0.subList(0, journals.get(0).size()), "the journal before is unchanged");
        assertEquals("after-0", tagOf(job0.get(job0.size() - 2)));
        assertEquals("after-2", tagOf(job0.get(job0.size() - 1)));
        assertEquals(job0.size(), answer.get("results").get(2).get("seq").asLong());
    }

    /**
     * (b) One job's journal: seq 1..N, created first, started at most once and at seq 2
     * followed by the progress that started it, a completion last if any, every item's text
     * once and in the order sent (batch, then item).
     */
    private static void assertWhole(int job, List<JsonNode> journal, Map<String, long[]> found) {
        assertEquals(Live.range(1, journal.size()), journal.stream().map(e -> e.get("seq").asLong()).toList(),
                "job " + job + ": seq 1..N, no gap");
        assertEquals("created", journal.get(0).get("type").asText());
        int[] previous = {-1, -1};
        for (int k = 1; k < journal.size(); k++) {
            JsonNode e = journal.get(k);
            String type = e.get("type").asText();
            if ("started".equals(type)) {
                assertEquals(1, k, "job " + job + ": started once, right after created: " + journal);
                assertTrue(k + 1 < journal.size() && "progress".equals(journal.get(k + 1).get("type").asText()),
                        "job " + job + ": started never without the progress that started it: " + journal);
                continue;
            }
            assertTrue("progress".equals(type) || "completed".equals(type) && k == journal.size() - 1,
                    "job " + job + ": only progress after started, a completion last: " + journal);
            String tag = tagOf(e);
            long[] before = found.put(tag, new long[] {job, e.get("seq").asLong()});
            assertNull(before, () -> tag + " is in the journal twice");
            int b = Integer.parseInt(tag.substring(1, tag.indexOf('-')));
            int i = Integer.parseInt(tag.substring(tag.indexOf("-i") + 2));
            assertTrue(b > previous[0] || b == previous[0] && i > previous[1],
                    () -> "job " + job + ": " + tag + " after b" + previous[0] + "-i" + previous[1] + ", not in order sent");
            previous[0] = b;
            previous[1] = i;
        }
    }

    /** A progress event's message, or a completion's result tag. */
    private static String tagOf(JsonNode event) {
        JsonNode payload = event.get("payload");
        return "completed".equals(event.get("type").asText()) ? payload.get("result").get("tag").asText()
                : payload.get("message").asText();
    }

    /** Whether the job's journal has {@code tag}, reading only what came after the last look. */
    private static boolean journalHas(Live.Rest rest, String token, long jobId, long[] seen, String tag) {
        try {
            JsonNode page = rest.call("GET", "/api/jobs/" + jobId + "/events?since=" + seen[0] + "&limit=1000", token,
                    null, 200);
            boolean has = false;
            for (JsonNode e : page.get("events")) {
                seen[0] = e.get("seq").asLong();
                has |= "progress".equals(e.get("type").asText()) && tag.equals(e.get("payload").get("message").asText());
            }
            return has;
        } catch (Exception e) {
            throw new IllegalStateException("reading job " + jobId + "'s journal", e);
        }
    }
}
