package dev.jobcast.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
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
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.json.JSONObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The fan-out contract of `bench-target`, checked with the official Java client and plain HTTP. */
class BenchTargetTest {
    private static final long WAIT_SECONDS = 20;

    private static BenchTarget target;
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private final List<Socket> sockets = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        target = BenchTarget.start("127.0.0.1", 0, "127.0.0.1", 0, new TargetConfig(2, 32, 1000));
    }

    @AfterAll
    static void stop() throws Exception {
        target.close();
    }

    @AfterEach
    void closeSockets() {
        sockets.forEach(Socket::close);
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

    /** A client of the official Java library, joined to {@code room}, that queues its updates. */
    private BlockingQueue<JSONObject> joinedClient(String room) throws Exception {
        IO.Options options = IO.Options.builder().setTransports(new String[] {"websocket"})
                .setForceNew(true).setReconnection(false).build();
        Socket socket = IO.socket(URI.create("http://127.0.0.1:" + target.port()), options);
        sockets.add(socket);
        BlockingQueue<JSONObject> updates = new LinkedBlockingQueue<>();
        CompletableFuture<Object> joined = new CompletableFuture<>();
        socket.on("update", args -> updates.add((JSONObject) args[0]));
        JSONObject join = new JSONObject().put("room", room);
        socket.on(Socket.EVENT_CONNECT, args -> socket.emit("join", new Object[] {join},
                (Ack) ack -> joined.complete(ack[0])));
        socket.connect();
        Object ack = joined.get(WAIT_SECONDS, TimeUnit.SECONDS);
        assertEquals(room, ((JSONObject) ack).getString("room"));
        return updates;
    }

    private static void awaitEnd() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        while (getJson("/stats").path("publishing").asBoolean()) {
            assertTrue(System.nanoTime() < deadline, "the publish run did not end");
            Thread.sleep(20);
        }
    }

    @Test
    void eachRoomGetsItsOwnSeqOneToNWithASendTimestamp() throws Exception {
        awaitEnd();
        BlockingQueue<JSONObject> r0 = joinedClient("t0");
        BlockingQueue<JSONObject> r1 = joinedClient("t1");
        long before = System.currentTimeMillis();

        JsonNode started = getJson("/publish?rooms=2&prefix=t&rate=20&duration=0.5");
        assertTrue(started.path("startedAt").asLong() >= before);

        for (int room = 0; room < 2; room++) {
            BlockingQueue<JSONObject> updates = room == 0 ? r0 : r1;
            for (int seq = 1; seq <= 10; seq++) {
                JSONObject u = updates.poll(WAIT_SECONDS, TimeUnit.SECONDS);
                assertEquals(seq, u.getLong("seq"), "room " + room);
                assertEquals(room, u.getLong("job_id"));
                assertEquals("running", u.getString("status"));
                assertTrue(u.getString("message").length() > 0);
                double ts = u.getDouble("ts");
                assertTrue(ts >= before && ts <= System.currentTimeMillis() + 1, "ts " + ts);
            }
        }
        awaitEnd();
        JsonNode stats = getJson("/stats");
        assertEquals(20, stats.path("published").asLong());
        assertEquals(10, stats.path("publishedPerRoom").asLong());
        assertTrue(stats.path("endedAt").asLong() >= stats.path("startedAt").asLong());
        assertTrue(r0.isEmpty() && r1.isEmpty(), "no update after the last seq");
    }

    @Test
    void aSecondPublishWhileOneRunsIsAConflict() throws Exception {
        awaitEnd();
        assertEquals(200, get("/publish?rooms=1&prefix=c&rate=10&duration=1").statusCode());
        assertTrue(getJson("/stats").path("publishing").asBoolean());
        HttpResponse<String> second = get("/publish?rooms=1&prefix=c&rate=10&duration=1");
        assertEquals(409, second.statusCode());
        assertTrue(Json.read(second.body()).path("error").isTextual());
        awaitEnd();
        assertEquals(200, get("/publish?rooms=1&prefix=c&rate=10&duration=0.1").statusCode());
        awaitEnd();
    }

    @Test
    void publishedCountsTheCurrentRunOnly() throws Exception {
        awaitEnd();
        assertEquals(200, get("/publish?rooms=3&prefix=p&rate=20&duration=0.2").statusCode());
        awaitEnd();
        JsonNode first = getJson("/stats");
        assertEquals(12, first.path("published").asLong());
        assertEquals(4, first.path("publishedPerRoom").asLong());

        assertEquals(200, get("/publish?rooms=1&prefix=p&rate=10&duration=0.3").statusCode());
        awaitEnd();
        JsonNode second = getJson("/stats");
        assertEquals(3, second.path("published").asLong(), "not 12 + 3");
        assertEquals(3, second.path("publishedPerRoom").asLong());
    }

    @Test
    void statsGiveTheOffsetFromTheMonotonicClockToTheRealTimeOne() throws Exception {
        double before = WallClock.micros() / 1e3 - System.nanoTime() / 1e6;
        JsonNode offset = getJson("/stats").path("clockOffsetMs");
        double after = WallClock.micros() / 1e3 - System.nanoTime() / 1e6;
        assertTrue(offset.isFloatingPointNumber(), "a number with a fractional part: " + offset);
        assertFalse(offset.toString().contains("E"), "a plain number: " + offset);
        // The same JVM's clocks: the offset only moves when the real-time clock is set or slewed.
        assertEquals((before + after) / 2, offset.asDouble(), 50, "before " + before + ", after " + after);
    }

    @Test
    void statsCountTheConnectedClients() throws Exception {
        // Clients of other tests were closed, but the server hears of it asynchronously.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        while (getJson("/stats").path("clients").asInt() != 0) {
            assertTrue(System.nanoTime() < deadline, "earlier clients are still counted");
            Thread.sleep(20);
        }
        joinedClient("s0");
        joinedClient("s1");
        joinedClient("s1");
        JsonNode stats = getJson("/stats");
        assertEquals("jobcast", stats.path("server").asText());
        assertEquals(3, stats.path("clients").asInt());
    }

    @Test
    void badPublishRequestsAreRefused() throws Exception {
        assertEquals(400, get("/publish?rooms=0").statusCode());
        assertEquals(400, get("/publish?rooms=x").statusCode());
        assertEquals(400, get("/publish?rate=-1").statusCode());
        assertEquals(400, get("/publish?duration=100000").statusCode());
        assertEquals(400, get("/publish?rooms=100000&rate=1000").statusCode());
        assertFalse(getJson("/stats").path("publishing").asBoolean());
    }

    @Test
    void gcReportsTheHeapInUse() throws Exception {
        assertTrue(getJson("/gc").path("heapUsed").asLong() > 0);
    }
}
