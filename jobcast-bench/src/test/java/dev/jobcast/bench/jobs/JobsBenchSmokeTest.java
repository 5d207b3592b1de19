package dev.jobcast.bench.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jobcast.auth.Role;
import dev.jobcast.bench.Report;
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
 * `bench jobs --path rest` for a few seconds against a real jobcast in process (H2,
 * conflation off): reports get through, every watcher sees every update in order and the
 * completion, every journal holds exactly what was accepted. Speed is not asserted.
 */
class JobsBenchSmokeTest {

    @Test
    void theRestPathEndToEnd(@TempDir Path dataDir) throws Exception {
        Settings settings = Settings.load(null, Map.of(
                "jobcast.http.host", "127.0.0.1",
                "jobcast.http.port", 0,
                "jobcast.data-dir", dataDir.toString(),
                "jobcast.auth.jwt-secret", "jobcast-bench-tests-hmac-secret-0123456789abcdef",
                "jobcast.jobs.max-updates-per-second", 0));
        try (JobcastServer server = JobcastServer.start(settings)) {
            long user = server.users().add("bench-user@example.com").id();
            long worker = server.users().add("bench-worker@example.com").id();
            String userToken = server.tokens().issue(user, Role.USER, Duration.ofHours(1));
            String workerToken = server.tokens().issue(worker, Role.WORKER, Duration.ofHours(1));

            JobsCommand cmd = CommandLine.populateCommand(new JobsCommand(),
                    "--url", "http://127.0.0.1:" + server.port(), "--user-token", userToken,
                    "--worker-token", workerToken, "--path", "rest", "--jobs", "3", "--watchers", "2",
                    "--rate", "5", "--warmup", "1", "--duration", "2", "--connections", "4", "--grace", "10",
                    "--quiet");
            Report r = new JobsRun(cmd).run(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
            String table = r.toTable();

            assertEquals("none", r.get("problems"), table);
            assertEquals(45L, r.get("reports"), table);
            assertTrue((Long) r.get("accepted") > 0, table);
            assertEquals(0L, r.get("orderViolations"), table);
            assertEquals(0L, r.get("missingTerminal"), table);
            assertEquals(6L, r.get("watchersJoined"), table);
            assertEquals(0L, r.get("journalLost"), table);
            assertEquals(0L, r.get("journalExtra"), table);
            assertEquals(0L, r.get("journalUnread"), table);
            assertEquals(r.get("journalExpected"), r.get("journalEvents"), table);
            assertTrue((Long) r.get("deliveries") > 0, table);
            double p50 = ((Number) r.get("reportP50Ms")).doubleValue();
            double p99 = ((Number) r.get("reportP99Ms")).doubleValue();
            assertTrue(p50 > 0 && p50 <= p99, table);

            JsonNode json = Json.read(Json.write(r.toJson()));
            assertEquals("jobs", json.path("scenario").asText());
            assertEquals("rest", json.path("path").asText());
        }
    }
}
