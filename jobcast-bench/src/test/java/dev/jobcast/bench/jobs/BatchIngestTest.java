package dev.jobcast.bench.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.jobcast.socketio.codec.Json;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The batch path against a stand-in for POST /api/reports (the JDK's HTTP server, not
 * jobcast): every report goes out once, in batches no bigger than asked, each item's
 * result is its report's answer, and a batch refused or garbled whole counts as such.
 */
class BatchIngestTest {
    private static final String TOKEN = "worker-token";

    private HttpServer server;
    private final List<JsonNode> batches = new ArrayList<>();
    private volatile int status = 200;
    private volatile boolean garble;
    private volatile boolean sawToken = true;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/api/reports", this::reports);
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    /** Refuses job 12's items with conflict, accepts the rest. */
    private void reports(HttpExchange ex) throws IOException {
        if (!("Bearer " + TOKEN).equals(ex.getRequestHeaders().getFirst("Authorization"))) {
            sawToken = false;
        }
        JsonNode items = Json.read(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        synchronized (batches) {
            batches.add(items);
        }
        ObjectNode answer = Json.MAPPER.createObjectNode();
        ArrayNode results = answer.putArray("results");
        for (JsonNode item : items) {
            long job = item.path("job_id").asLong();
            results.add(job == 12 ? Json.MAPPER.createObjectNode().put("job_id", job).put("ok", false)
                    .put("error", "conflict").put("message", "no") : Json.MAPPER.createObjectNode().put("job_id", job)
                    .put("ok", true).put("seq", 3));
        }
        byte[] body = (garble ? "{\"results\":[]}" : status == 200 ? Json.write(answer)
                : "{\"error\":\"unavailable\",\"message\":\"later\"}").getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.sendResponseHeaders(status, body.length);
        ex.getResponseBody().write(body);
        ex.close();
    }

    private Ledger run(ReportSchedule schedule, int batchSize) throws Exception {
        Ledger ledger = new Ledger(schedule, System.nanoTime());
        ReportEncoding enc = new ReportEncoding(new long[] {10, 11, 12}, "", 0);
        BatchIngest ingest = new BatchIngest(URI.create("http://127.0.0.1:" + server.getAddress().getPort()), TOKEN,
                2, batchSize, 10_000_000, 10_000);
        ingest.send(schedule, enc, ledger);
        ingest.send(Due.completions(3, System.nanoTime() - ledger.startNanos()), enc, ledger);
        return ledger;
    }

    @Test
    void everyReportOnceInBatchesWithItsOwnAnswer() throws Exception {
        ReportSchedule schedule = new ReportSchedule(3, 20, 0, 1);
        Ledger ledger = run(schedule, 7);
        assertTrue(sawToken);
        assertEquals(40, ledger.accepted(), "jobs 10 and 11");
        assertEquals(20, ledger.refused(), "job 12");
        assertEquals(0, ledger.failed());
        assertEquals(Map.of("conflict", 20L, "complete: conflict", 1L), ledger.reasons());
        assertEquals(Ledger.ACCEPTED, ledger.completeOutcome(0));
        assertEquals(Ledger.REFUSED, ledger.completeOutcome(2));

        Set<String> progress = new HashSet<>();
        int completes = 0;
        for (JsonNode batch : batches) {
            assertTrue(batch.size() >= 1 && batch.size() <= 7, "batch of " + batch.size());
            for (JsonNode item : batch) {
                if ("complete".equals(item.path("type").asText())) {
                    completes++;
                } else {
                    String key = item.path("job_id").asLong() + " " + ReportMessage.index(item.path("message").asText());
                    assertTrue(progress.add(key), "sent twice: " + key);
                }
            }
        }
        assertEquals(60, progress.size());
        assertEquals(3, completes);
        for (int j = 0; j < 2; j++) {
            for (byte outcome : ledger.progressOutcomes(j)) {
                assertEquals(Ledger.ACCEPTED, outcome);
            }
        }
    }

    @Test
    void aBatchRefusedWholeIsRefusedAndAGarbledAnswerFailed() throws Exception {
        status = 503;
        Ledger refused = run(new ReportSchedule(3, 5, 0, 1), 1000);
        assertEquals(15, refused.refused());
        assertEquals(0, refused.accepted());
        assertEquals(15, refused.reasons().get("unavailable"));

        status = 200;
        garble = true;
        Ledger garbled = run(new ReportSchedule(3, 5, 0, 1), 1000);
        assertEquals(15, garbled.failed());
        assertEquals(Ledger.UNANSWERED, garbled.progressOutcomes(0)[0], "may or may not be written");
        assertTrue(garbled.reasons().keySet().stream().allMatch(k -> k.contains("bad answer")), garbled.reasons().toString());
    }
}
