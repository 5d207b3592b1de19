package dev.jobcast.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jobcast.bench.cli.BenchCommand;
import dev.jobcast.socketio.codec.Json;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * Each scenario of `bench`, run briefly against an in-process bench target: the tool works
 * and its figures are sane. Figures about speed are for people, so none is asserted.
 */
class ScenarioSmokeTest {
    private static BenchTarget target;

    @BeforeAll
    static void start() throws Exception {
        target = BenchTarget.start("127.0.0.1", 0, "127.0.0.1", 0, new TargetConfig(2, 32, 1000));
    }

    @AfterAll
    static void stop() throws Exception {
        target.close();
    }

    private static String[] withServer(String... args) {
        String[] all = new String[args.length + 4];
        all[0] = "--url";
        all[1] = "http://127.0.0.1:" + target.port();
        all[2] = "--control-url";
        all[3] = "http://127.0.0.1:" + target.controlPort();
        System.arraycopy(args, 0, all, 4, args.length);
        return all;
    }

    private static double number(Report r, String key) {
        return ((Number) r.get(key)).doubleValue();
    }

    private static final String OWN_PID = Long.toString(ProcessHandle.current().pid());

    @Test
    void fanoutDeliversEveryUpdateInOrderAndReportsOrderedPercentiles() throws Exception {
        // The server runs in this JVM, so its pid is ours: CPU and RSS are read all the same.
        FanoutCommand cmd = CommandLine.populateCommand(new FanoutCommand(), withServer(
                "--rooms", "2", "--subscribers", "3", "--rate", "20", "--duration", "1", "--server-pid", OWN_PID));
        ByteArrayOutputStream progress = new ByteArrayOutputStream();
        Report r = cmd.run(new PrintStream(progress, true, StandardCharsets.UTF_8));

        assertEquals(6L, r.get("clients"));
        assertEquals(6L * 20, r.get("expected"));
        assertTrue(number(r, "delivered") > 0);
        assertEquals(r.get("expected"), r.get("delivered"));
        assertEquals(0L, r.get("gaps"));
        assertEquals(0L, r.get("duplicates"));
        assertEquals(0L, r.get("missing"));
        assertEquals(40L, r.get("published"), "this run's broadcasts (2 rooms x 20), as the server counts them");
        assertTrue(number(r, "deliveredPerSecond") > 0);
        double p50 = number(r, "latencyP50Ms");
        double p99 = number(r, "latencyP99Ms");
        double p999 = number(r, "latencyP999Ms");
        double max = number(r, "latencyMaxMs");
        assertTrue(0 < p50 && p50 <= p99 && p99 <= p999 && p999 <= max, r.toTable());
        assertTrue(p50 < 5_000, "a delivery at 20/s takes well under 5 s: " + r.toTable());
        assertTrue(progress.toString(StandardCharsets.UTF_8).contains("fanout"), "a progress line was shown");
        // A JVM that served and received a second of updates used some CPU; the ticks are 10 ms.
        assertTrue(number(r, "serverCpuPercent") > 0, r.toTable());
        assertTrue(number(r, "serverRssStart") > 1_000_000 && number(r, "serverRssEnd") > 1_000_000, r.toTable());
        assertTrue(number(r, "generatorCpuPercent") > 0, r.toTable());

        JsonNode json = Json.read(Json.write(r.toJson()));
        assertEquals("fanout", json.path("scenario").asText());
        assertEquals(120, json.path("delivered").asLong());
        assertTrue(json.path("serverCpuPercent").isNumber());
        assertTrue(json.path("serverRssEnd").isNumber());
        assertTrue(r.toTable().contains("latency p99.9"));
        assertTrue(r.toTable().contains("server CPU (of one core)"));
    }

    @Test
    void fanoutWorksWithTheJdkConnectorToo() throws Exception {
        FanoutCommand cmd = CommandLine.populateCommand(new FanoutCommand(), withServer(
                "--connector", "jdk", "--rooms", "1", "--subscribers", "2", "--rate", "10", "--duration", "0.5",
                "--quiet"));
        Report r = cmd.run(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));

        assertEquals(2L, r.get("clients"));
        assertEquals(r.get("expected"), r.get("delivered"));
        assertEquals(0L, r.get("gaps"));
        assertNull(r.get("serverCpuPercent"), "no server figures without --server-pid");
        assertTrue(number(r, "generatorCpuPercent") >= 0);
    }

    @Test
    void connectionsReachesTheCountAndMeasuresTheServerHeapAndRss() throws Exception {
        // Spread over three source addresses: 127.0.0.1..3 reach the server on 127.0.0.1.
        ConnectionsCommand cmd = CommandLine.populateCommand(new ConnectionsCommand(), withServer(
                "--count", "50", "--rate", "500", "--hold", "0", "--quiet", "--spread", "3", "--server-pid", OWN_PID));
        Report r = cmd.run(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));

        assertEquals(50L, r.get("ready"));
        assertEquals(0L, r.get("failed"));
        assertTrue(number(r, "serverClients") >= 50);
        assertTrue(number(r, "connectRate") > 0);
        assertTrue(number(r, "serverHeapPerConnection") > 0, r.toTable());
        assertTrue(number(r, "connectP50Ms") <= number(r, "connectP99Ms"));
        assertTrue(number(r, "serverCpuPercent") >= 0, r.toTable());
        assertTrue(number(r, "serverRssBefore") > 1_000_000 && number(r, "serverRssAfter") > 1_000_000, r.toTable());
        // RSS moves with the whole JVM's pages, so per connection it may even be negative here.
        assertTrue(r.get("serverRssPerConnection") instanceof Double, r.toTable());
        assertTrue(number(r, "generatorCpuPercent") >= 0, r.toTable());
        assertTrue(number(r, "generatorHeapPerConnection") > 0, r.toTable());
        assertTrue(number(r, "serverIdleCpuPercent") >= 0 && number(r, "generatorIdleCpuPercent") >= 0, r.toTable());
    }

    @Test
    void theCommandLinePrintsJson() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream saved = System.out;
        String[] options = withServer("--count", "5", "--hold", "0", "--quiet", "--json");
        String[] args = new String[options.length + 1];
        args[0] = "connections";
        System.arraycopy(options, 0, args, 1, options.length);
        int code;
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            code = new CommandLine(new BenchCommand()).execute(args);
        } finally {
            System.setOut(saved);
        }
        assertEquals(0, code);
        JsonNode json = Json.read(out.toString(StandardCharsets.UTF_8).trim());
        assertEquals("connections", json.path("scenario").asText());
        assertEquals(5, json.path("ready").asLong());
        assertNull(System.getProperty("jdk.httpclient.bufsize"), "the nio connector leaves java.net.http alone");
    }
}
