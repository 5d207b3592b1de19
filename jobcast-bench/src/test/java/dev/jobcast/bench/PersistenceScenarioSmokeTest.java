package dev.jobcast.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jobcast.auth.Role;
import dev.jobcast.server.JobcastServer;
import dev.jobcast.server.Settings;
import dev.jobcast.socketio.codec.Json;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * `bench persist` and `bench recover`, briefly, on H2: the tools work and their figures are
 * sane. Figures about speed are for people, so none is asserted beyond being positive.
 */
class PersistenceScenarioSmokeTest {

    private static double number(Report r, String key) {
        return ((Number) r.get(key)).doubleValue();
    }

    private static PrintStream sink() {
        return new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    }

    @Test
    void persistWritesEveryReportAndReportsOrderedPercentiles(@TempDir Path dataDir) throws Exception {
        Settings settings = Settings.load(null, Map.of(
                "jobcast.http.host", "127.0.0.1",
                "jobcast.http.port", 0,
                "jobcast.data-dir", dataDir.toString(),
                "jobcast.auth.jwt-secret", "jobcast-bench-tests-hmac-secret-0123456789abcdef"));
        try (JobcastServer server = JobcastServer.start(settings)) {
            long user = server.users().add("bench-user@example.com").id();
            long worker = server.users().add("bench-worker@example.com").id();
            String userToken = server.tokens().issue(user, Role.USER, Duration.ofHours(1));
            String workerToken = server.tokens().issue(worker, Role.WORKER, Duration.ofHours(1));

            PersistCommand cmd = CommandLine.populateCommand(new PersistCommand(),
                    "--url", "http://127.0.0.1:" + server.port(), "--token", workerToken, "--user-token", userToken,
                    "--jobs", "2", "--reports", "20", "--concurrency", "4");
            ByteArrayOutputStream progress = new ByteArrayOutputStream();
            Report r = cmd.run(new PrintStream(progress, true, StandardCharsets.UTF_8));

            assertEquals(40L, r.get("reports"), r.toTable());
            assertEquals(40L, r.get("persisted"), r.toTable());
            assertEquals(0L, r.get("errors"), r.toTable());
            assertEquals(2L * (20 + 2), r.get("journalEvents"), r.toTable());
            assertEquals(r.get("journalExpected"), r.get("journalEvents"));
            assertTrue(number(r, "persistedPerSecond") > 0);
            double p50 = number(r, "latencyP50Ms");
            double p99 = number(r, "latencyP99Ms");
            double max = number(r, "latencyMaxMs");
            assertTrue(0 < p50 && p50 <= p99 && p99 <= max, r.toTable());

            JsonNode json = Json.read(Json.write(r.toJson()));
            assertEquals("persist", json.path("scenario").asText());
            assertEquals(40, json.path("persisted").asLong());
            assertTrue(r.toTable().contains("report-to-persisted p99"));
        }
    }

    @Test
    void recoverRecoversTheJobWithAndWithoutSnapshots(@TempDir Path dataDir) throws Exception {
        RecoverCommand cmd = CommandLine.populateCommand(new RecoverCommand(),
                "--data-dir", dataDir.toString(), "--events", "300", "--snapshot-every", "100", "--quiet");
        Report r = cmd.run(sink());

        for (String k : new String[] {"snapshots", "noSnapshots"}) {
            assertEquals(300L, r.get(k + "Written"), r.toTable());
            assertEquals(302L, r.get(k + "RecoveredSeq"), r.toTable());
            assertEquals(r.get(k + "ExpectedSeq"), r.get(k + "RecoveredSeq"));
            assertTrue(number(r, k + "WritePerSecond") > 0, r.toTable());
            assertTrue(number(r, k + "RecoverMs") > 0, r.toTable());
        }
        assertEquals(100, r.get("snapshotEvery"));
        JsonNode json = Json.read(Json.write(r.toJson()));
        assertEquals("recover", json.path("scenario").asText());
        assertEquals(302, json.path("noSnapshotsRecoveredSeq").asLong());
    }
}
