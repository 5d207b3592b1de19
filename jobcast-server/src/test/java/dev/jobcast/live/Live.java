package dev.jobcast.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jobcast.server.JobcastServer;
import dev.jobcast.server.Settings;
import io.socket.client.IO;
import io.socket.client.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.json.JSONObject;

/**
 * What the live-contract tests share: an in-process server on H2 with test settings, the
 * REST API through java.net.http, Prometheus metrics, bounded waiting, and a subscriber on
 * the official Java Socket.IO client that records every job_update.
 */
final class Live {
    static final ObjectMapper JSON = new ObjectMapper();
    /** Bounded waits: generous, for a loaded 2-core machine. */
    static final Duration WAIT = Duration.ofSeconds(20);
    /** The HS256 secret of the in-process test servers (at least 32 bytes). */
    static final String SECRET = "live-test-secret-" + HexFormat.of().formatHex(randomBytes(24));

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private Live() {
    }

    private static byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        new SecureRandom().nextBytes(b);
        return b;
    }

    /** Starts a server on 127.0.0.1, a free port and H2 under {@code dataDir}, with {@code more} on top. */
    static JobcastServer startServer(Path dataDir, Map<String, ?> more) throws Exception {
        Map<String, Object> overrides = new HashMap<>();
        overrides.put("jobcast.http.host", "127.0.0.1");
        overrides.put("jobcast.http.port", 0);
        overrides.put("jobcast.data-dir", dataDir.toString());
        overrides.put("jobcast.auth.jwt-secret", SECRET);
        overrides.putAll(more);
        return JobcastServer.start(Settings.load(null, overrides));
    }

    static String url(JobcastServer server) {
        return "http://127.0.0.1:" + server.port();
    }

    // ---- REST ----------------------------------------------------------------------------------

    /** The REST API of one server. */
    record Rest(String base) {
        /** Sends a request; fails the test unless the status is {@code expected}. */
        JsonNode call(String method, String path, String token, Object body, int expected) throws Exception {
            HttpResponse<String> res = send(method, path, token, body);
            assertEquals(expected, res.statusCode(), method + " " + path + " answered: " + res.body());
            return res.body().isEmpty() ? null : JSON.readTree(res.body());
        }

        HttpResponse<String> send(String method, String path, String token, Object body) throws Exception {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(WAIT);
            if (token != null) {
                b.header("Authorization", "Bearer " + token);
            }
            if (body != null) {
                b.header("Content-Type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
            } else {
                b.method(method, HttpRequest.BodyPublishers.noBody());
            }
            return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
        }

        long createExternalJob(String token) throws Exception {
            return call("POST", "/api/jobs", token, Map.of("type", "live-test", "runner", "external"), 201)
                    .get("id").asLong();
        }

        JsonNode progress(String workerToken, long jobId, int progress, String message) throws Exception {
            return call("POST", "/api/jobs/" + jobId + "/progress", workerToken,
                    Map.of("progress", progress, "message", message), 200);
        }

        JsonNode complete(String workerToken, long jobId, Object result) throws Exception {
            return call("POST", "/api/jobs/" + jobId + "/complete", workerToken, Map.of("result", result), 200);
        }

        JsonNode job(String token, long jobId) throws Exception {
            return call("GET", "/api/jobs/" + jobId, token, null, 200);
        }

        /** The whole journal of a job, page by page. */
        List<JsonNode> journal(String token, long jobId) throws Exception {
            List<JsonNode> events = new ArrayList<>();
            while (true) {
                long since = events.isEmpty() ? 0 : events.get(events.size() - 1).get("seq").asLong();
                JsonNode page = call("GET", "/api/jobs/" + jobId + "/events?since=" + since + "&limit=1000",
                        token, null, 200);
                page.get("events").forEach(events::add);
                if (page.get("events").size() < 1000) {
                    return events;
                }
            }
        }

        /** A Prometheus sample of GET /metrics (0 when absent). */
        double metric(String name) throws Exception {
            HttpResponse<String> res = send("GET", "/metrics", null, null);
            assertEquals(200, res.statusCode(), res.body());
            for (String line : res.body().split("\n")) {
                if (line.startsWith(name + " ") || line.startsWith(name + "{")) {
                    return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                }
            }
            return 0;
        }
    }

    // ---- waiting -------------------------------------------------------------------------------

    /** Polls {@code condition} until it holds, failing with {@code what} after {@code timeout}. */
    static void await(Duration timeout, Supplier<String> what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("timed out after " + timeout.toSeconds() + " s waiting for " + what.get());
            }
            Thread.sleep(20);
        }
    }

    static <T> T get(CompletableFuture<T> f, String what) throws Exception {
        try {
            return f.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            return fail("timed out after " + WAIT.toSeconds() + " s waiting for " + what);
        }
    }

    // ---- a Java Socket.IO subscriber -------------------------------------------------------------

    /**
     * The official Java client (io.socket 2.1), WebSocket only, recording every job_update,
     * job_status, error, connect and disconnect. With {@code reconnection}, it reconnects by
     * itself and {@link #onConnect} runs again.
     */
    static final class Subscriber implements AutoCloseable {
        final Socket socket;
        final List<JSONObject> updates = new CopyOnWriteArrayList<>();
        final List<JSONObject> statuses = new CopyOnWriteArrayList<>();
        final List<JSONObject> errors = new CopyOnWriteArrayList<>();
        final List<String> disconnects = new CopyOnWriteArrayList<>();
        final List<Object> connectErrors = new CopyOnWriteArrayList<>();
        volatile int connects;
        private volatile Runnable onConnect = () -> { };

        Subscriber(String url, String token, boolean reconnection) {
            IO.Options options = new IO.Options();
            options.forceNew = true;
            options.transports = new String[] {"websocket"};
            options.reconnection = reconnection;
            options.reconnectionDelay = 200;
            options.reconnectionDelayMax = 1000;
            options.randomizationFactor = 0;
            options.auth = Map.of("token", token);
            socket = IO.socket(URI.create(url), options);
            socket.on(Socket.EVENT_CONNECT, args -> {
                connects++;
                onConnect.run();
            });
            socket.on(Socket.EVENT_DISCONNECT, args -> disconnects.add(String.valueOf(args.length > 0 ? args[0] : "")));
            socket.on(Socket.EVENT_CONNECT_ERROR, args -> connectErrors.add(args.length > 0 ? args[0] : null));
            socket.on("job_update", args -> updates.add((JSONObject) args[0]));
            socket.on("job_status", args -> statuses.add((JSONObject) args[0]));
            socket.on("error", args -> errors.add((JSONObject) args[0]));
        }

        /** Runs on every connect, the first one included (set it before {@link #connect()}). */
        Subscriber onConnect(Runnable r) {
            this.onConnect = r;
            return this;
        }

        Subscriber connect() throws InterruptedException {
            int before = connects;
            socket.connect();
            await(WAIT, () -> "the connection (connect errors: " + connectErrors + ")", () -> connects > before);
            return this;
        }

        /** Sends join_job (with {@code since} unless null) without waiting. */
        void join(long jobId, Long since) {
            JSONObject payload = new JSONObject();
            try {
                payload.put("job_id", jobId);
                if (since != null) {
                    payload.put("since", since);
                }
            } catch (org.json.JSONException e) {
                throw new IllegalStateException(e);
            }
            socket.emit("join_job", payload);
        }

        /** join_job, then waits for one more job_status. */
        JSONObject joinAndWait(long jobId, Long since) throws InterruptedException {
            int before = statuses.size();
            join(jobId, since);
            await(WAIT, () -> "job_status of job " + jobId + " (errors: " + errors + ")", () -> statuses.size() > before);
            return statuses.get(before);
        }

        List<Long> seqs() {
            List<Long> seqs = new ArrayList<>();
            for (JSONObject u : updates) {
                seqs.add(u.optLong("seq"));
            }
            return seqs;
        }

        long lastSeq() {
            return updates.isEmpty() ? 0 : updates.get(updates.size() - 1).optLong("seq");
        }

        boolean hasStatus(String status) {
            return updates.stream().anyMatch(u -> status.equals(u.optString("status")));
        }

        @Override
        public void close() {
            socket.off();
            socket.close();
        }
    }

    /** The seqs from..to. */
    static List<Long> range(long from, long to) {
        List<Long> r = new ArrayList<>();
        for (long s = from; s <= to; s++) {
            r.add(s);
        }
        return r;
    }

    static void assertStrictlyIncreasing(List<Long> seqs, String what) {
        for (int i = 1; i < seqs.size(); i++) {
            if (seqs.get(i) <= seqs.get(i - 1)) {
                fail(what + ": seq " + seqs.get(i) + " at index " + i + " follows " + seqs.get(i - 1) + " in " + seqs);
            }
        }
    }
}
