package dev.jobcast.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * bench/run.sh is for people (it takes half an hour); what CI checks is that it parses and
 * that bench/report.py turns a run's JSON into docs/benchmarks.md: tables, the targets met
 * or not, a failed step said as such.
 */
class BenchReportScriptTest {

    private static String run(String... command) throws Exception {
        Path root = Path.of(System.getProperty("jobcast.root", "..")).toAbsolutePath(); // where bench/ is
        Process p = new ProcessBuilder(command).directory(root.toFile())
                .redirectErrorStream(true).start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "did not end: " + String.join(" ", command));
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), String.join(" ", command) + ":\n" + out);
        return out;
    }

    @Test
    void runShParses() throws Exception {
        run("bash", "-n", "bench/run.sh");
        run("bash", "-n", "bench/jobs.sh");
    }

    @Test
    void reportPyWritesTheJobPipelineSectionFromJobsSh(@TempDir Path out) throws Exception {
        Path data = out.resolve("data");
        Files.createDirectories(data.resolve("jobs"));
        try (var files = Files.list(Path.of("src/test/resources/bench-report"))) {
            for (Path f : files.toList()) {
                Files.copy(f, data.resolve(f.getFileName()));
            }
        }
        Files.writeString(data.resolve("jobs/machine.json"), "{\"cpu\": \"Test CPU\", \"cores\": 2, "
                + "\"java\": \"java 17\", \"node\": \"v20\", \"postgres\": \"15\", \"date\": \"2026-12-07\", "
                + "\"commit\": \"abc1234\", \"step\": 20, \"warmup\": 5, \"jobs\": 500, \"watchers\": 1, "
                + "\"serverCores\": \"0\", \"quick\": false}");
        Files.writeString(data.resolve("jobs/jobcast.socket.5000.json"), "{\"offeredPerSecond\": 5000, "
                + "\"acceptedPerSecond\": 5000, \"refused\": 0, \"failed\": 0, \"reportP50Ms\": 10.4, "
                + "\"reportP99Ms\": 45.6, \"e2eP50Ms\": 9.7, \"e2eP99Ms\": 42.5, \"deliveriesPerSecond\": 5000, "
                + "\"problems\": \"none\", \"serverCpuPercent\": 36, \"dbCpuPercent\": 21}");
        Files.writeString(data.resolve("jobs/node.rest.3000.json"), "{\"offeredPerSecond\": 3000, "
                + "\"acceptedPerSecond\": 900, \"refused\": 0, \"failed\": 12, \"reportP50Ms\": 4000, "
                + "\"reportP99Ms\": 9000, \"e2eP50Ms\": 4000, \"e2eP99Ms\": 9000, \"deliveriesPerSecond\": 900, "
                + "\"problems\": \"12 reports failed\", \"serverCpuPercent\": 99, \"dbCpuPercent\": 40}");
        Files.writeString(data.resolve("jobs/node.rest.warmup.json"), "{}");
        Path md = out.resolve("benchmarks.md");
        run("python3", "bench/report.py", data.toString(), out.toString(), md.toString());

        String text = Files.readString(md);
        assertTrue(text.contains("## The job pipeline: reports in, persisted, broadcast"), text);
        assertTrue(text.contains("| jobcast | 5,000 | 5,000 | 0, 0 | 10.4 / 45.6 | 9.7 / 42.5 | 5,000 | ok | 36 % | 21 % |"),
                text);
        assertTrue(text.contains("| Node peer (Fastify, socket.io 4.8, pg) | 3,000 | 900 | 0, 12 | 4,000.0 / 9,000.0 "
                + "| 4,000.0 / 9,000.0 | 900 | 12 reports failed | 99 % | 40 % |"), "a step's problems are said: " + text);
        assertTrue(text.contains("### Socket.IO worker channel"), text);
        assertTrue(!text.contains("warmup |"), "warm-up runs are not reported: " + text);
    }

    @Test
    void reportPyWritesTheTablesAndTheTargets(@TempDir Path out) throws Exception {
        Path data = out.resolve("data");
        Files.createDirectories(data);
        try (var files = Files.list(Path.of("src/test/resources/bench-report"))) {
            for (Path f : files.toList()) {
                Files.copy(f, data.resolve(f.getFileName()));
            }
        }
        Path md = out.resolve("benchmarks.md");
        run("python3", "bench/report.py", data.toString(), out.toString(), md.toString());

        String text = Files.readString(md);
        assertTrue(text.contains("## Targets"), text);
        assertTrue(text.contains("room k's update n due (n-1)/R + k/(K x R) s after the start"),
                "the page says how /publish paces: " + text);
        assertTrue(text.contains("| 1 room x 1000: >= 138k deliveries/s with p99 < 50 ms | jobcast (bench-target: "
                + "room broadcast) | highest such rate: 150,000/s | yes |"), text);
        assertTrue(text.contains("| >= 10,000 progress events persisted per second to PostgreSQL | jobcast | 12,000/s | yes |"),
                text);
        assertTrue(text.contains("| Node socket.io 4.8.4 | 150,000 | 69,000 | 2,025,000 |"), text);
        assertTrue(text.contains("| netty-socketio 2.0.14 | failed: not run |"), "a broken step is said: " + text);
        assertTrue(text.contains("| jobcast (bench-target: room broadcast) | 15,000 | 2,100 | 12.0 | 4.9 KB | 10.7 KB | 0 |"),
                text);
        assertTrue(text.contains("| 1 room x 1000: delivered in full at twice Node's saturation (2 x 69,000/s) | "
                + "jobcast (bench-target: room broadcast) | highest rate delivered in full: 150,000/s | yes |"), text);
        assertTrue(text.contains("## Reading these figures\n\nThe fixture's own note: figures made up for the test."),
                "the run's notes are on the page: " + text);
        assertTrue(text.contains("- **Node socket.io 4.8.4**: node restarted before fanout-1x5000-5 (the step before it "
                + "failed)"), "a restarted server is said: " + text);
    }
}
