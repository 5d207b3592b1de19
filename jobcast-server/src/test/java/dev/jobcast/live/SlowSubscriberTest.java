package dev.jobcast.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jobcast.auth.Role;
import dev.jobcast.server.JobcastServer;
import dev.jobcast.socketio.Namespace;
import dev.jobcast.socketio.Socket;
import java.lang.reflect.Field;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.json.JSONObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A subscriber that stops reading holds no one up and is disconnected with a reason: a raw
 * WebSocket client (java.net.http) joins, then never asks for another frame, so java.net.http
 * stops reading its socket and the server's writes to it back up; a healthy Java client
 * (io.socket) watches the same job; a worker reports as fast as it can. The server's own
 * disconnect reasons are read in-process (see {@link #recordDisconnectReasons()}) and
 * checked against jobcast_slow_clients_dropped of GET /metrics.
 */
class SlowSubscriberTest {
    private static final int MAX_PACKETS = 8;

    @TempDir
    Path dataDir;

    private JobcastServer server;
    private Live.Rest rest;
    private RawClient slow;
    private Live.Subscriber healthy;
    private String userToken;
    private String workerToken;
    private final Map<String, CompletableFuture<Disconnect>> reasons = new ConcurrentHashMap<>();

    /** A socket's disconnect as the server saw it, and when. */
    private record Disconnect(String reason, long atNanos) {
    }

    @AfterEach
    void stop() throws Exception {
        if (slow != null) {
            slow.close();
        }
        if (healthy != null) {
            healthy.close();
        }
        if (server != null) {
            server.close();
        }
    }

    private void start(Duration pingInterval, Duration pingTimeout) throws Exception {
        server = Live.startServer(dataDir, Map.of(
                "jobcast.socketio.outbound-max-packets", MAX_PACKETS,
                "jobcast.socketio.ping-interval", pingInterval.toMillis() + "ms",
                "jobcast.socketio.ping-timeout", pingTimeout.toMillis() + "ms",
                // Conflation on: progress replaces progress in a slow connection's queue.
                "jobcast.jobs.max-updates-per-second", 10));
        rest = new Live.Rest(Live.url(server));
        recordDisconnectReasons();
        long user = server.users().add("user@slow.test").id();
        long workerUser = server.users().add("worker@slow.test").id();
        userToken = server.tokens().issue(user, Role.USER, Duration.ofHours(1));
        workerToken = server.tokens().issue(workerUser, Role.WORKER, Duration.ofHours(1));
    }

    /**
     * Wraps the connection handler LiveJobs installed on the default namespace, so that the
     * test learns each socket's disconnect reason as the server gives it. The namespace has
     * no getter for its handler: it is read by reflection (test-only).
     */
    @SuppressWarnings("unchecked")
    private void recordDisconnectReasons() throws Exception {
        Namespace namespace = server.socketIo().sockets();
        Field field = Namespace.class.getDeclaredField("onConnection");
        field.setAccessible(true);
        Consumer<Socket> live = (Consumer<Socket>) field.get(namespace);
        namespace.onConnection(socket -> {
            socket.onDisconnect(reason -> reasonOf(socket.id()).complete(new Disconnect(reason, System.nanoTime())));
            live.accept(socket);
        });
    }

    private CompletableFuture<Disconnect> reasonOf(String socketId) {
        return reasons.computeIfAbsent(socketId, id -> new CompletableFuture<>());
    }

    /** Connects the raw client, joins {@code jobIds} (reading each job_status), then stops reading. */
    private RawClient stalledSubscriber(long... jobIds) throws Exception {
        RawClient c = RawClient.connect(URI.create("ws://127.0.0.1:" + server.port()
                + "/socket.io/?EIO=4&transport=websocket"));
        c.expect("0{", "the Engine.IO OPEN packet");
        c.send("40{\"token\":\"" + userToken + "\"}");
        String connect = c.expect("40{", "the Socket.IO CONNECT reply");
        c.socketId = Live.JSON.readTree(connect.substring(2)).get("sid").asText();
        c.expect("42[\"connected\"", "the connected event");
        for (long id : jobIds) {
            c.send("42[\"join_job\",{\"job_id\":" + id + "}]");
            c.expect("42[\"job_status\",{\"job_id\":" + id + ",", "job_status of job " + id);
        }
        c.stopReading();
        return c;
    }

    private double metric(String name) {
        try {
            return rest.metric(name);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * One job, Engine.IO heartbeat every 1 s with 1 s to answer. The reason the server gives
     * is "ping timeout", not "slow client": job_update progress conflates in a connection's
     * outbound queue (one waiting update per job, the latest), so one job's stream never
     * fills the bound of 8 packets however fast the worker goes, while a client that reads
     * nothing cannot answer the heartbeat's pings. So the test asserts "ping timeout", and
     * that jobcast_slow_clients_dropped did not move.
     */
    @Test
    void aStalledSubscriberOfOneJobIsDroppedByTheHeartbeatWhileTheHealthyOneGetsEverything() throws Exception {
        start(Duration.ofSeconds(1), Duration.ofSeconds(1));
        int reports = 60;
        long jobId = rest.createExternalJob(userToken);
        slow = stalledSubscriber(jobId);
        long stalledAt = System.nanoTime();
        healthy = new Live.Subscriber(Live.url(server), userToken, false).connect();
        assertEquals("queued", healthy.joinAndWait(jobId, null).getString("status"));
        double droppedBefore = metric("jobcast_slow_clients_dropped_total");

        for (int i = 0; i < reports; i++) {
            rest.progress(workerToken, jobId, i % 100, "report " + i);
        }
        rest.complete(workerToken, jobId, Map.of("reports", reports));
        long finalSeq = rest.job(userToken, jobId).get("seq").asLong();
        assertEquals(reports + 3, finalSeq);

        Live.await(Live.WAIT, () -> "the healthy subscriber's completed update (seqs " + healthy.seqs() + ")",
                () -> healthy.hasStatus("completed"));
        List<Long> seqs = healthy.seqs();
        Live.assertStrictlyIncreasing(seqs, "the healthy subscriber's seqs");
        assertEquals(2, seqs.get(0), "the started update (a status change) arrives");
        assertEquals(finalSeq, healthy.lastSeq(), "the completed update is the last");
        assertEquals("completed", healthy.updates.get(healthy.updates.size() - 1).getString("status"));

        Disconnect dropped = Live.get(reasonOf(slow.socketId), "the stalled subscriber's disconnect");
        long droppedAfterMs = (dropped.atNanos() - stalledAt) / 1_000_000;
        assertEquals("ping timeout", dropped.reason(), "the server's reason for dropping the stalled subscriber");
        // About pingInterval + pingTimeout (2 s) after it stalled; bounded generously.
        assertTrue(droppedAfterMs < Live.WAIT.toMillis(), "dropped " + droppedAfterMs + " ms after it stalled");
        assertEquals(droppedBefore, metric("jobcast_slow_clients_dropped_total"),
                "conflation kept the stalled subscriber's queue within its bound");
        assertFalse(reasonOf(healthy.socket.id()).isDone(), "the healthy subscriber is still connected");
        assertTrue(healthy.socket.connected());
        Live.await(Live.WAIT, () -> "one live connection left", () -> metric("jobcast_live_connections") == 1);

        // What the stalled client had in its buffers is in order; then its connection is closed.
        slow.resumeReading();
        slow.awaitEnd();
        Live.assertStrictlyIncreasing(slow.jobUpdateSeqs(), "the stalled subscriber's seqs");
    }

    /**
     * Many jobs with large results, and a heartbeat too slow to matter within the test: the
     * completed updates (never conflated, ~300 KB each) fill the TCP buffers to the stalled
     * subscriber and then its outbound queue, whose bound of 8 packets it overflows, so the
     * server drops it as a "slow client" (jobcast_slow_clients_dropped + 1), while a healthy
     * subscriber of one of those jobs gets its completion, result and all.
     */
    @Test
    void aStalledSubscriberOfManyJobsOverflowsItsBoundAndIsDroppedAsSlow() throws Exception {
        start(Duration.ofSeconds(30), Duration.ofSeconds(30));
        long[] jobs = new long[40];
        for (int i = 0; i < jobs.length; i++) {
            jobs[i] = rest.createExternalJob(userToken);
        }
        slow = stalledSubscriber(jobs);
        long stalledAt = System.nanoTime();
        healthy = new Live.Subscriber(Live.url(server), userToken, false).connect();
        healthy.joinAndWait(jobs[0], null);
        double droppedBefore = metric("jobcast_slow_clients_dropped_total");

        String text = "r".repeat(300_000);
        for (long job : jobs) {
            rest.progress(workerToken, job, 50, "half way");
        }
        CompletableFuture<Disconnect> slowGone = reasonOf(slow.socketId);
        int completed = 0;
        while (completed < jobs.length && !slowGone.isDone()) {
            rest.complete(workerToken, jobs[completed], Map.of("text", text));
            completed++;
        }
        Disconnect dropped = Live.get(slowGone, "the stalled subscriber's disconnect after "
                + completed + " completions of ~300 KB");
        assertEquals("slow client", dropped.reason(), "the server's reason, after " + completed + " completions");
        assertTrue((dropped.atNanos() - stalledAt) / 1_000_000 < Live.WAIT.toMillis());
        assertEquals(droppedBefore + 1, metric("jobcast_slow_clients_dropped_total"));

        Live.await(Live.WAIT, () -> "the healthy subscriber's completed update", () -> healthy.hasStatus("completed"));
        Live.assertStrictlyIncreasing(healthy.seqs(), "the healthy subscriber's seqs");
        assertEquals(rest.job(userToken, jobs[0]).get("seq").asLong(), healthy.lastSeq());
        JSONObject last = healthy.updates.get(healthy.updates.size() - 1);
        assertEquals(text.length(), last.getJSONObject("result").getString("text").length(), "the whole result");
        assertFalse(reasonOf(healthy.socket.id()).isDone(), "the healthy subscriber is still connected");
        assertTrue(healthy.socket.connected());
    }

    /**
     * A raw WebSocket client on java.net.http: frames go to a queue; it answers Engine.IO
     * pings while reading; once it stops reading it requests no more frames, so java.net.http
     * stops reading the socket and the server's writes back up.
     */
    static final class RawClient implements AutoCloseable, WebSocket.Listener {
        private static final Pattern SEQ = Pattern.compile("^42\\[\"job_update\",\\{\"job_id\":\\d+,\"seq\":(\\d+),");
        private final BlockingQueue<String> frames = new LinkedBlockingQueue<>();
        private final java.util.Deque<String> seen = new java.util.concurrent.ConcurrentLinkedDeque<>();
        private final CompletableFuture<String> ended = new CompletableFuture<>();
        private volatile boolean reading = true;
        private StringBuilder text = new StringBuilder();
        private WebSocket ws;
        volatile String socketId;
        private CompletableFuture<WebSocket> sends;

        static RawClient connect(URI uri) throws Exception {
            RawClient c = new RawClient();
            c.ws = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(Live.WAIT)
                    .buildAsync(uri, c).get(Live.WAIT.toSeconds(), TimeUnit.SECONDS);
            c.sends = CompletableFuture.completedFuture(c.ws);
            return c;
        }

        void send(String frame) throws Exception {
            sendAsync(frame).get(Live.WAIT.toSeconds(), TimeUnit.SECONDS);
        }

        // java.net.http allows one outstanding send at a time (pongs included): chain them.
        private synchronized CompletableFuture<WebSocket> sendAsync(String frame) {
            CompletableFuture<WebSocket> mine = sends.thenCompose(w -> w.sendText(frame, true));
            sends = mine.exceptionally(e -> ws);
            return mine;
        }

        /** Reads frames until one starts with {@code prefix} (answering pings on the way). */
        String expect(String prefix, String what) throws Exception {
            long deadline = System.nanoTime() + Live.WAIT.toNanos();
            while (System.nanoTime() < deadline) {
                String f = frames.poll(100, TimeUnit.MILLISECONDS);
                if (f != null && f.startsWith(prefix)) {
                    return f;
                }
            }
            throw new AssertionError("no " + what + " within " + Live.WAIT + "; seen " + tail());
        }

        void stopReading() {
            reading = false;
        }

        void resumeReading() {
            reading = true;
            ws.request(1);
        }

        String awaitEnd() throws Exception {
            return ended.get(Live.WAIT.toSeconds(), TimeUnit.SECONDS);
        }

        /** The seqs of every job_update frame received, in order. */
        List<Long> jobUpdateSeqs() {
            List<Long> seqs = new ArrayList<>();
            for (String f : seen) {
                Matcher m = SEQ.matcher(f);
                if (m.find()) {
                    seqs.add(Long.parseLong(m.group(1)));
                }
            }
            return seqs;
        }

        List<String> tail() {
            List<String> all = List.copyOf(seen);
            return all.subList(Math.max(0, all.size() - 5), all.size()).stream()
                    .map(s -> s.length() > 100 ? s.substring(0, 100) + "..." : s).toList();
        }

        @Override
        public void onOpen(WebSocket webSocket) {
            webSocket.request(1);
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                String frame = text.toString();
                text = new StringBuilder();
                seen.add(frame);
                if (frame.equals("2") && reading) {
                    sendAsync("3");
                } else {
                    frames.add(frame);
                }
            }
            if (reading) {
                webSocket.request(1);
            }
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            ended.complete("closed " + statusCode + " " + reason);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            ended.complete("failed " + error);
        }

        @Override
        public void close() {
            if (!ended.isDone()) {
                ws.abort();
            }
        }
    }
}
