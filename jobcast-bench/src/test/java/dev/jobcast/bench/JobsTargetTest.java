package dev.jobcast.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jobcast.engineio.port.HttpTransport;
import dev.jobcast.socketio.codec.Json;
import io.socket.client.Ack;
import io.socket.client.IO;
import io.socket.client.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.json.JSONObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** `bench-target --jobs`: the contract's runs go through the whole service (persisted, then broadcast). */
class JobsTargetTest {
    private static final long WAIT_SECONDS = 20;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static JobsTarget target;

    @BeforeAll
    static void start() throws Exception {
        target = JobsTarget.start("127.0.0.1", 0, "127.0.0.1", 0, null, null, null, HttpTransport.LEAN);
    }

    @AfterAll
    static void stop() throws Exception {
        target.close();
    }

    private static HttpResponse<String> get(String pathAndQuery) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + target.controlPort() + pathAndQuery))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode getJson(String pathAndQuery) throws Exception {
        HttpResponse<String> r = get(pathAndQuery);
        assertEquals(200, r.statusCode(), r.body());
        return Json.read(r.body());
    }

    @Test
    void publishedUpdatesArePersistedJobEventsBroadcastToTheirJobRooms() throws Exception {
        JsonNode jobs = getJson("/jobs?count=2&prefix=t");
        assertEquals(jobs, getJson("/jobs?count=2&prefix=t"), "the same jobs the second time");
        long job0 = jobs.path("jobs").path("t0").asLong();
        long job1 = jobs.path("jobs").path("t1").asLong();
        assertTrue(job0 > 0 && job1 > 0 && job0 != job1, jobs.toString());

        IO.Options options = IO.Options.builder().setTransports(new String[] {"websocket"}).setForceNew(true)
                .setReconnection(false).setAuth(Map.of("token", jobs.path("token").asText())).build();
        Socket socket = IO.socket(URI.create("http://127.0.0.1:" + target.port()), options);
        List<Socket> toClose = new ArrayList<>(List.of(socket));
        try {
            BlockingQueue<JSONObject> updates = new LinkedBlockingQueue<>();
            socket.on("job_update", args -> updates.add((JSONObject) args[0]));
            CompletableFuture<Object> joined = new CompletableFuture<>();
            JSONObject join = new JSONObject().put("job_id", job0);
            socket.on(Socket.EVENT_CONNECT, args -> socket.emit("join_job", new Object[] {join},
                    (Ack) ack -> joined.complete(ack[0])));
            socket.connect();
            assertEquals(job0, ((JSONObject) joined.get(WAIT_SECONDS, TimeUnit.SECONDS)).getLong("job_id"));

            assertEquals(200, get("/publish?rooms=2&prefix=t&rate=20&duration=1").statusCode());
            // The job's first report persists started (seq 2) and itself (3): 20 reports end at 21.
            List<Long> seqs = new ArrayList<>();
            while (seqs.isEmpty() || seqs.get(seqs.size() - 1) < 21) {
                JSONObject u = updates.poll(WAIT_SECONDS, TimeUnit.SECONDS);
                assertNotNull(u, "job_update after " + seqs);
                assertEquals(job0, u.getLong("job_id"), "only the joined job's updates");
                assertTrue(u.getString("timestamp").endsWith("Z"), u.toString());
                seqs.add(u.getLong("seq"));
            }
            assertEquals(java.util.stream.LongStream.rangeClosed(2, 21).boxed().toList(), seqs);

            JsonNode stats = getJson("/stats");
            for (int i = 0; i < 200 && stats.path("publishing").asBoolean(); i++) {
                Thread.sleep(50); // the ticker counts a report after handing it over
                stats = getJson("/stats");
            }
            assertEquals(JobsTarget.SERVER_NAME, stats.path("server").asText());
            assertEquals(40, stats.path("published").asLong(), "this run's broadcasts");
            assertEquals(20, stats.path("publishedPerRoom").asLong());
            assertEquals(0, stats.path("reportsFailed").asLong());
        } finally {
            toClose.forEach(Socket::close);
        }
    }

    @Test
    void theGeneratorDrivesItWithTheJobcastContract() throws Exception {
        FanoutCommand cmd = picocli.CommandLine.populateCommand(new FanoutCommand(),
                "--url", "http://127.0.0.1:" + target.port(), "--control-url", "http://127.0.0.1:" + target.controlPort(),
                "--contract", "jobcast", "--prefix", "g", "--rooms", "2", "--subscribers", "2", "--rate", "10",
                "--duration", "1", "--quiet");
        Report r = cmd.run(new java.io.PrintStream(new java.io.ByteArrayOutputStream(), true));

        assertEquals("jobcast", r.get("contract"));
        assertEquals(4L, r.get("clients"));
        assertEquals(0L, r.get("missing"), r.toTable());
        // A job's first report also persists `started`: one update more than reports per client.
        assertEquals(4L * (10 + 1), r.get("delivered"), r.toTable());
        assertEquals(0L, r.get("gaps"), r.toTable());
        assertEquals(0L, r.get("duplicates"), r.toTable());
        double p50 = ((Number) r.get("latencyP50Ms")).doubleValue();
        assertTrue(p50 > 0 && p50 < 10_000, r.toTable());
    }

    @Test
    void idleConnectionsConnectWithTheToken() throws Exception {
        ConnectionsCommand cmd = picocli.CommandLine.populateCommand(new ConnectionsCommand(),
                "--url", "http://127.0.0.1:" + target.port(), "--control-url", "http://127.0.0.1:" + target.controlPort(),
                "--contract", "jobcast", "--count", "5", "--hold", "0", "--quiet");
        Report r = cmd.run(new java.io.PrintStream(new java.io.ByteArrayOutputStream(), true));
        assertEquals(5L, r.get("ready"), r.toTable());
        assertEquals(0L, r.get("failed"), r.toTable());
    }

    @Test
    void publishingToRoomsWithoutJobsIsABadRequest() throws Exception {
        HttpResponse<String> r = get("/publish?rooms=1&prefix=nojobs&rate=1&duration=1");
        assertEquals(400, r.statusCode());
        assertTrue(Json.read(r.body()).path("error").asText().contains("GET /jobs?count=1&prefix=nojobs first"), r.body());
        assertEquals(400, get("/jobs?count=0").statusCode());
    }
}
