package dev.jobcast.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jobcast.auth.Role;
import dev.jobcast.server.JobcastServer;
import io.socket.client.Ack;
import io.socket.client.IO;
import io.socket.client.Socket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.json.JSONArray;
import org.json.JSONException;
import org.json.JSONObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Socket.IO worker channel (namespace /workers) with the official Java client: who may
 * connect, what a report event is acknowledged with, what a worker that asks for no ack
 * hears, that watchers see every accepted report in order, and the bound on a connection's
 * unanswered items.
 */
class WorkerChannelTest {
    /** The largest id there is: never handed out in a test. */
    private static final long MISSING = 9_007_199_254_740_991L;

    @TempDir
    static Path dataRoot;

    private static JobcastServer server;
    private static Live.Rest rest;
    private static String userToken;
    private static String workerToken;

    private final List<AutoCloseable> closeAfter = new ArrayList<>();

    @BeforeAll
    static void startServer() throws Exception {
        // Conflation off: watchers get every event, so "each report, in order" is exact.
        server = Live.startServer(dataRoot.resolve("main"), Map.of("jobcast.jobs.max-updates-per-second", 0));
        rest = new Live.Rest(Live.url(server));
        long user = server.users().add("owner@workers.test").id();
        long worker = server.users().add("worker@workers.test").id();
        userToken = server.tokens().issue(user, Role.USER, Duration.ofHours(1));
        workerToken = server.tokens().issue(worker, Role.WORKER, Duration.ofHours(1));
    }

    @AfterAll
    static void stopServer() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    @AfterEach
    void closeClients() throws Exception {
        for (AutoCloseable c : closeAfter) {
            c.close();
        }
    }

    @Test
    void aWorkerTokenConnectsAndAUserTokenIsRefusedWithTheRole() throws Exception {
        Worker worker = worker(server, workerToken);
        assertTrue(worker.socket.connected());

        Worker user = new Worker(Live.url(server), userToken);
        closeAfter.add(user);
        JSONObject refusal = Live.get(user.connectError, "the user token's connect_error");
        assertEquals("this namespace is for workers (role worker); the token's role is user",
                refusal.getString("message"), refusal::toString);
        assertEquals("forbidden", refusal.getJSONObject("data").getString("code"), refusal::toString);
        assertFalse(user.connected.isDone(), "refused, never connected");
    }

    @Test
    void oneItemIsAcknowledgedWithItsResult() throws Exception {
        Worker worker = worker(server, workerToken);
        long id = rest.createExternalJob(userToken);

        assertEquals(json("{\"job_id\":" + id + ",\"ok\":true,\"seq\":3,\"status\":\"running\",\"progress\":40}"),
                json(worker.report(item(id, 40, "first"))), "started and progress written, then the ack");
        assertEquals(3, rest.job(userToken, id).get("seq").asLong(), "the ack came once it was persisted");
        assertEquals(json("{\"job_id\":" + MISSING + ",\"ok\":false,\"error\":\"not_found\",\"message\":\"Job "
                + MISSING + " not found or access denied\"}"), json(worker.report(item(MISSING, 1, "nobody"))));

        JsonNode bad = json(worker.report(new JSONObject().put("job_id", id).put("progress", 101)));
        assertEquals(id, bad.get("job_id").asLong(), bad::toString);
        assertEquals("bad_request", bad.get("error").asText(), bad::toString);
        assertTrue(bad.get("message").asText().contains("progress"), bad::toString);
        JsonNode notAnObject = json(worker.report("hello"));
        assertTrue(notAnObject.get("job_id").isNull(), notAnObject::toString);
        assertEquals("bad_request", notAnObject.get("error").asText(), notAnObject::toString);

        assertEquals(json("{\"job_id\":" + id + ",\"ok\":true,\"seq\":4,\"status\":\"completed\",\"progress\":100}"),
                json(worker.report(new JSONObject().put("job_id", id).put("type", "complete")
                        .put("result", new JSONObject().put("rows", 3)))));
    }

    @Test
    void anArrayIsAcknowledgedWithTheBatchAnswer() throws Exception {
        Worker worker = worker(server, workerToken);
        long a = rest.createExternalJob(userToken);
        long b = rest.createExternalJob(userToken);

        JSONArray items = new JSONArray()
                .put(item(a, 10, "a1"))
                .put(item(MISSING, 5, "nobody"))
                .put(new JSONObject().put("job_id", b).put("type", "fail"))
                .put(item(b, 20, "b1"))
                .put(item(a, 30, "a2"))
                .put(new JSONObject().put("job_id", a).put("type", "complete"));
        JsonNode answer = json(worker.report(items));
        assertEquals(Set.of("results", "accepted", "rejected"), keys(answer), answer::toString);
        assertEquals(4, answer.get("accepted").asInt(), answer::toString);
        assertEquals(2, answer.get("rejected").asInt(), answer::toString);
        JsonNode results = answer.get("results");
        assertEquals(6, results.size());
        assertEquals(json("{\"job_id\":" + a + ",\"ok\":true,\"seq\":3,\"status\":\"running\",\"progress\":10}"),
                results.get(0));
        assertEquals("not_found", results.get(1).get("error").asText(), results::toString);
        assertEquals(b, results.get(2).get("job_id").asLong(), results::toString);
        assertEquals("bad_request", results.get(2).get("error").asText(), results::toString);
        assertEquals(json("{\"job_id\":" + b + ",\"ok\":true,\"seq\":3,\"status\":\"running\",\"progress\":20}"),
                results.get(3));
        assertEquals(json("{\"job_id\":" + a + ",\"ok\":true,\"seq\":4,\"status\":\"running\",\"progress\":30}"),
                results.get(4));
        assertEquals(json("{\"job_id\":" + a + ",\"ok\":true,\"seq\":5,\"status\":\"completed\",\"progress\":100}"),
                results.get(5));
        assertEquals(List.of("created", "started", "progress a1", "progress a2", "completed"),
                describe(rest.journal(userToken, a)));
        assertEquals(List.of("created", "started", "progress b1"), describe(rest.journal(userToken, b)));
    }

    @Test
    void withoutAnAckARefusedItemIsAnErrorEvent() throws Exception {
        Worker worker = worker(server, workerToken);
        long id = rest.createExternalJob(userToken);

        worker.reportWithoutAck(item(MISSING, 1, "nobody"));
        Live.await(Live.WAIT, () -> "an error event (has " + worker.errors + ")", () -> worker.errors.size() == 1);
        JsonNode error = json(worker.errors.get(0));
        assertEquals(Set.of("message", "code", "job_id"), keys(error), error::toString);
        assertEquals("not_found", error.get("code").asText());
        assertEquals(MISSING, error.get("job_id").asLong());
        assertEquals("Job " + MISSING + " not found or access denied", error.get("message").asText());

        // One event: the good item is written, each refused one has its error, nothing else.
        worker.reportWithoutAck(new JSONArray()
                .put(item(id, 10, "kept"))
                .put(item(MISSING, 2, "nobody again"))
                .put(new JSONObject().put("job_id", id).put("progress", 101)));
        Live.await(Live.WAIT, () -> "two more error events (has " + worker.errors + ")", () -> worker.errors.size() == 3);
        JsonNode missing = json(worker.errors.get(1));
        assertEquals("not_found", missing.get("code").asText(), missing::toString);
        assertEquals(MISSING, missing.get("job_id").asLong(), missing::toString);
        JsonNode invalid = json(worker.errors.get(2));
        assertEquals("bad_request", invalid.get("code").asText(), invalid::toString);
        assertEquals(id, invalid.get("job_id").asLong(), invalid::toString);
        assertTrue(invalid.get("message").asText().contains("progress"), invalid::toString);
        // The errors of an event come once all its items are answered: the good one is in.
        assertEquals(List.of("created", "started", "progress kept"), describe(rest.journal(userToken, id)));

        // An accepted item without an ack is answered with nothing at all.
        assertEquals(4L, json(worker.report(item(id, 20, "acked"))).get("seq").asLong());
        worker.reportWithoutAck(item(id, 30, "silent"));
        assertEquals(6L, json(worker.report(item(id, 40, "acked after"))).get("seq").asLong());
        assertEquals(3, worker.errors.size(), "no error for accepted items: " + worker.errors);
    }

    @Test
    void anEmptyArrayOrMoreThan1000ItemsIsABadRequest() throws Exception {
        Worker worker = worker(server, workerToken);
        long id = rest.createExternalJob(userToken);

        assertBadRequest(json(worker.report(new JSONArray())), "got 0");
        JSONArray tooMany = new JSONArray();
        for (int i = 0; i < 1001; i++) {
            tooMany.put(item(id, i % 101, "too many " + i));
        }
        assertBadRequest(json(worker.report(tooMany)), "got 1001");
        assertEquals(1, rest.job(userToken, id).get("seq").asLong(), "nothing of a refused batch was written");

        // 1000 is allowed (spread over jobs, as a worker's would be).
        List<Long> jobs = new ArrayList<>(List.of(id));
        for (int j = 1; j < 10; j++) {
            jobs.add(rest.createExternalJob(userToken));
        }
        JSONArray most = new JSONArray();
        for (int i = 0; i < 1000; i++) {
            most.put(item(jobs.get(i % 10), i / 10, "most " + i));
        }
        JsonNode answer = json(worker.report(most));
        assertEquals(1000, answer.get("accepted").asInt(), answer::toString);
        for (long job : jobs) {
            assertEquals(102, rest.job(userToken, job).get("seq").asLong(), "created, started, 100 reports");
        }
    }

    @Test
    void watchersReceiveEveryAcceptedReportInOrder() throws Exception {
        long id = rest.createExternalJob(userToken);
        Live.Subscriber watcher = new Live.Subscriber(Live.url(server), userToken, false);
        closeAfter.add(watcher);
        watcher.connect();
        assertEquals(1, watcher.joinAndWait(id, 1L).getLong("seq"));

        // Sent back to back without waiting for acks: the channel keeps one connection's order.
        Worker worker = worker(server, workerToken);
        List<String> expected = new ArrayList<>(List.of("2 started"));
        List<CompletableFuture<JSONObject>> acks = new ArrayList<>();
        int progress = 0;
        for (int event = 0; event < 6; event++) {
            if (event % 2 == 0) {
                JSONArray items = new JSONArray();
                for (int i = 0; i < 7; i++) {
                    String message = "e" + event + "-i" + i;
                    items.put(item(id, ++progress, message));
                    expected.add((expected.size() + 2) + " progress " + message);
                    if (i == 3) {
                        items.put(new JSONObject().put("job_id", id).put("progress", -1)); // refused: no update
                        items.put(new JSONObject().put("job_id", id).put("progress", progress)); // the same: no event
                    }
                }
                acks.add(worker.reportAsync(items));
            } else {
                String message = "e" + event;
                expected.add((expected.size() + 2) + " progress " + message);
                acks.add(worker.reportAsync(item(id, ++progress, message)));
            }
        }
        acks.add(worker.reportAsync(new JSONObject().put("job_id", id).put("type", "complete")));
        expected.add((expected.size() + 2) + " completed");
        for (CompletableFuture<JSONObject> ack : acks) {
            Live.get(ack, "the acks of every report");
        }

        long last = expected.size() + 1;
        Live.await(Live.WAIT, () -> "job_update seq " + last + " (has " + watcher.seqs() + ")",
                () -> watcher.lastSeq() == last);
        List<String> seen = new ArrayList<>();
        for (JSONObject u : watcher.updates) {
            String event = u.getString("event");
            seen.add(u.getLong("seq") + " " + event + ("progress".equals(event) ? " " + u.getString("message") : ""));
        }
        assertEquals(expected, seen, "one job_update per accepted report, in the order sent");
        List<String> journal = new ArrayList<>();
        for (JsonNode e : rest.journal(userToken, id)) {
            String type = e.get("type").asText();
            journal.add(e.get("seq").asLong() + " " + type
                    + ("progress".equals(type) ? " " + e.get("payload").get("message").asText() : ""));
        }
        assertEquals(expected, journal.subList(1, journal.size()), "what the watcher saw is the journal");
        assertTrue(watcher.errors.isEmpty(), watcher.errors::toString);
    }

    /**
     * max-in-flight 5: one event of 8 items for 8 queued jobs holds 5 places and the last 3
     * are refused at once, writing nothing; the ack frees the places, so the next event of
     * 8 again gets exactly 5 in.
     */
    @Test
    void itemsPastTheInFlightBoundAreRateLimitedUntilAcksFreeThem() throws Exception {
        try (JobcastServer bounded = Live.startServer(dataRoot.resolve("bounded"), Map.of(
                "jobcast.jobs.max-updates-per-second", 0,
                "jobcast.jobs.worker-channel.max-in-flight", 5))) {
            Live.Rest api = new Live.Rest(Live.url(bounded));
            String owner = bounded.tokens().issue(bounded.users().add("owner@bounded.test").id(), Role.USER,
                    Duration.ofHours(1));
            String token = bounded.tokens().issue(bounded.users().add("worker@bounded.test").id(), Role.WORKER,
                    Duration.ofHours(1));
            List<Long> jobs = new ArrayList<>();
            for (int j = 0; j < 13; j++) {
                jobs.add(api.createExternalJob(owner));
            }
            Worker worker = worker(bounded, token);

            JsonNode first = json(worker.report(items(jobs.subList(0, 8), 10)));
            assertEquals(5, first.get("accepted").asInt(), first::toString);
            assertEquals(3, first.get("rejected").asInt(), first::toString);
            for (int j = 0; j < 8; j++) {
                JsonNode r = first.get("results").get(j);
                assertEquals(jobs.get(j).longValue(), r.get("job_id").asLong(), r::toString);
                if (j < 5) {
                    assertEquals(3, r.get("seq").asLong(), r::toString);
                } else {
                    assertEquals("rate_limited", r.get("error").asText(), r::toString);
                    assertFalse(r.get("message").asText().isBlank(), r::toString);
                    assertEquals(1, api.job(owner, jobs.get(j)).get("seq").asLong(), "a refused item wrote nothing");
                    assertEquals("queued", api.job(owner, jobs.get(j)).get("status").asText());
                }
            }

            // The ack came: all five places are free again.
            JsonNode second = json(worker.report(items(jobs.subList(5, 13), 20)));
            assertEquals(List.of(true, true, true, true, true, false, false, false), oks(second), second::toString);
            for (int k = 5; k < 8; k++) {
                assertEquals("rate_limited", second.get("results").get(k).get("error").asText(), second::toString);
            }
            JsonNode third = json(worker.report(items(jobs.subList(10, 13), 30)));
            assertEquals(List.of(true, true, true), oks(third), third::toString);

            // Without an ack, the same bound: the refused items come back as error events.
            worker.reportWithoutAck(items(jobs.subList(0, 8), 40));
            Live.await(Live.WAIT, () -> "3 rate_limited errors (has " + worker.errors + ")",
                    () -> worker.errors.size() == 3);
            for (int k = 0; k < 3; k++) {
                JsonNode error = json(worker.errors.get(k));
                assertEquals("rate_limited", error.get("code").asText(), error::toString);
                assertEquals(jobs.get(5 + k).longValue(), error.get("job_id").asLong(), error::toString);
            }
            for (int j = 0; j < 8; j++) {
                assertEquals(j < 5 ? 40 : 20, api.job(owner, jobs.get(j)).get("progress").asInt(),
                        "job " + j + ": the admitted items are written before their errors' event is answered");
            }
            JsonNode after = json(worker.report(items(jobs.subList(5, 8), 50)));
            assertEquals(List.of(true, true, true), oks(after), after::toString);
        }
    }

    // ---- helpers --------------------------------------------------------------------------------

    private Worker worker(JobcastServer target, String token) throws Exception {
        Worker w = new Worker(Live.url(target), token);
        closeAfter.add(w);
        Live.get(CompletableFuture.anyOf(w.connected, w.connectError), "the worker's connection");
        assertTrue(w.connected.isDone(), () -> "the worker was refused: " + w.connectError.getNow(null));
        return w;
    }

    private static JSONObject item(long jobId, int progress, String message) throws JSONException {
        return new JSONObject().put("job_id", jobId).put("progress", progress).put("message", message);
    }

    private static JSONArray items(List<Long> jobs, int progress) throws JSONException {
        JSONArray a = new JSONArray();
        for (long id : jobs) {
            a.put(item(id, progress, "at " + progress));
        }
        return a;
    }

    private static List<Boolean> oks(JsonNode answer) {
        List<Boolean> out = new ArrayList<>();
        answer.get("results").forEach(r -> out.add(r.get("ok").asBoolean()));
        return out;
    }

    private static void assertBadRequest(JsonNode ack, String mentions) {
        assertEquals(Set.of("error"), keys(ack), ack::toString);
        JsonNode error = ack.get("error");
        assertEquals("bad_request", error.get("code").asText(), ack::toString);
        assertTrue(error.get("message").asText().contains(mentions), ack::toString);
    }

    private static List<String> describe(List<JsonNode> journal) {
        List<String> out = new ArrayList<>();
        for (JsonNode e : journal) {
            String type = e.get("type").asText();
            out.add("progress".equals(type) ? type + " " + e.get("payload").get("message").asText() : type);
        }
        return out;
    }

    private static Set<String> keys(JsonNode object) {
        Set<String> out = new TreeSet<>();
        object.fieldNames().forEachRemaining(out::add);
        return out;
    }

    private static JsonNode json(Object value) throws Exception {
        return Live.JSON.readTree(value.toString());
    }

    /** A worker on the official Java client: /workers over WebSocket, no reconnection. */
    private static final class Worker implements AutoCloseable {
        final Socket socket;
        final CompletableFuture<Void> connected = new CompletableFuture<>();
        final CompletableFuture<JSONObject> connectError = new CompletableFuture<>();
        final List<JSONObject> errors = new CopyOnWriteArrayList<>();

        Worker(String url, String token) {
            IO.Options options = new IO.Options();
            options.forceNew = true;
            options.transports = new String[] {"websocket"};
            options.reconnection = false;
            options.auth = Map.of("token", token);
            socket = IO.socket(URI.create(url + "/workers"), options);
            socket.on(Socket.EVENT_CONNECT, args -> connected.complete(null));
            socket.on(Socket.EVENT_CONNECT_ERROR, args -> connectError.complete((JSONObject) args[0]));
            socket.on("error", args -> errors.add((JSONObject) args[0]));
            socket.connect();
        }

        /** Sends a report event and returns its ack's argument. */
        CompletableFuture<JSONObject> reportAsync(Object payload) {
            CompletableFuture<JSONObject> ack = new CompletableFuture<>();
            socket.emit("report", new Object[] {payload}, (Ack) args -> ack.complete((JSONObject) args[0]));
            return ack;
        }

        JSONObject report(Object payload) throws Exception {
            return Live.get(reportAsync(payload), "the ack of a report");
        }

        void reportWithoutAck(Object payload) {
            socket.emit("report", payload);
        }

        @Override
        public void close() {
            socket.off();
            socket.close();
        }
    }
}
