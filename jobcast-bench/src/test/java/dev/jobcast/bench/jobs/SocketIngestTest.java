package dev.jobcast.bench.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jobcast.bench.NioWsConnector;
import dev.jobcast.engineio.EngineConfig;
import dev.jobcast.engineio.EngineServer;
import dev.jobcast.engineio.port.HttpBinding;
import dev.jobcast.engineio.port.HttpTransport;
import dev.jobcast.socketio.ConnectDecision;
import dev.jobcast.socketio.SocketIoConfig;
import dev.jobcast.socketio.SocketIoServer;
import dev.jobcast.socketio.codec.Json;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.http.javadsl.server.Directives;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The socket path against a stand-in for the /workers namespace built with this project's
 * Socket.IO library (not jobcast's job service): it takes worker tokens only, acks each
 * `report` array a little later with a result per item (job 12's refused). Every report
 * goes out once, in arrays no bigger than asked, never more unanswered on a connection
 * than allowed, and each item's result is its report's answer.
 */
class SocketIngestTest {
    private static final String TOKEN = "worker-token";
    private static final int MAX_IN_FLIGHT = 5;

    private static ActorSystem<Void> system;
    private static int port;
    private static final Set<String> reported = ConcurrentHashMap.newKeySet();
    private static final AtomicInteger completes = new AtomicInteger();
    private static final AtomicInteger duplicates = new AtomicInteger();
    private static final AtomicInteger largestArray = new AtomicInteger();
    private static final AtomicInteger mostUnanswered = new AtomicInteger();

    @BeforeAll
    static void start() throws Exception {
        system = ActorSystem.create(Behaviors.empty(), "bench-jobs-workers-standin");
        SocketIoServer io = new SocketIoServer(system, SocketIoConfig.defaults());
        io.namespace("/workers")
                .use(request -> CompletableFuture.completedFuture(TOKEN.equals(request.auth().path("token").asText())
                        ? ConnectDecision.accept()
                        : new ConnectDecision.Refuse("this namespace is for workers (role worker); the token's role is user",
                        Json.MAPPER.createObjectNode().put("code", "forbidden"))))
                .onConnection(socket -> {
                    AtomicInteger unanswered = new AtomicInteger();
                    socket.on("report", (s, args, ack) -> {
                        JsonNode items = args.path(0);
                        largestArray.accumulateAndGet(items.size(), Math::max);
                        mostUnanswered.accumulateAndGet(unanswered.addAndGet(items.size()), Math::max);
                        ObjectNode answer = Json.MAPPER.createObjectNode();
                        ArrayNode results = answer.putArray("results");
                        for (JsonNode item : items) {
                            long job = item.path("job_id").asLong();
                            if ("complete".equals(item.path("type").asText())) {
                                completes.incrementAndGet();
                            } else if (!reported.add(job + " " + ReportMessage.index(item.path("message").asText()))) {
                                duplicates.incrementAndGet();
                            }
                            results.add(job == 12
                                    ? Json.MAPPER.createObjectNode().put("job_id", job).put("ok", false).put("error", "conflict")
                                    : Json.MAPPER.createObjectNode().put("job_id", job).put("ok", true).put("seq", 2));
                        }
                        s.schedule(Duration.ofMillis(20), () -> {
                            unanswered.addAndGet(-items.size());
                            ack.send(answer);
                        });
                    });
                });
        EngineServer engine = new EngineServer(system, EngineConfig.defaults("/socket.io/"), io);
        port = HttpBinding.bind(system, "127.0.0.1", 0, HttpTransport.LEAN, List.of(engine), Directives.reject())
                .toCompletableFuture().get(10, TimeUnit.SECONDS).localAddress().getPort();
    }

    @AfterAll
    static void stop() throws Exception {
        system.terminate();
        system.getWhenTerminated().toCompletableFuture().get(15, TimeUnit.SECONDS);
    }

    private static URI target() {
        return URI.create("ws://127.0.0.1:" + port + "/socket.io/?EIO=4&transport=websocket");
    }

    @Test
    void everyReportOnceBoundedInFlightWithItsOwnAnswer() throws Exception {
        ReportSchedule schedule = new ReportSchedule(3, 20, 0, 1);
        Ledger ledger = new Ledger(schedule, System.nanoTime());
        ReportEncoding enc = new ReportEncoding(new long[] {10, 11, 12}, "", 0);
        try (NioWsConnector io = new NioWsConnector(1, List.of(), Duration.ofSeconds(10), NioWsConnector.MAX_MESSAGE,
                MAX_IN_FLIGHT + 16);
             SocketIngest ingest = new SocketIngest(io, target(), TOKEN, 4, 10_000_000, MAX_IN_FLIGHT, 10_000_000_000L)) {
            ingest.open(2, 10_000);
            ingest.send(schedule, enc, ledger);
            ingest.send(Due.completions(3, System.nanoTime() - ledger.startNanos()), enc, ledger);
        }
        assertEquals(40, ledger.accepted(), "jobs 10 and 11");
        assertEquals(20, ledger.refused(), "job 12");
        assertEquals(0, ledger.failed(), ledger.reasons().toString());
        assertEquals(Map.of("conflict", 20L, "complete: conflict", 1L), ledger.reasons());
        assertEquals(Ledger.ACCEPTED, ledger.completeOutcome(1));
        assertEquals(60, reported.size());
        assertEquals(0, duplicates.get());
        assertEquals(3, completes.get());
        assertTrue(largestArray.get() <= 4, "an array of " + largestArray.get());
        assertTrue(mostUnanswered.get() <= MAX_IN_FLIGHT, mostUnanswered.get() + " unanswered on one connection");
    }

    @Test
    void aTokenOfAnotherRoleIsRefusedAtOpen() throws Exception {
        try (NioWsConnector io = new NioWsConnector(1, List.of(), Duration.ofSeconds(10), NioWsConnector.MAX_MESSAGE);
             SocketIngest ingest = new SocketIngest(io, target(), "user-token", 4, 10_000_000, MAX_IN_FLIGHT, 1_000_000_000L)) {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> ingest.open(1, 10_000));
            assertTrue(e.getMessage().contains("this namespace is for workers"), e.getMessage());
            assertTrue(e.getMessage().contains("forbidden"), e.getMessage());
        }
    }
}
