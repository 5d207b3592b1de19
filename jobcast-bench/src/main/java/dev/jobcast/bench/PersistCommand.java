package dev.jobcast.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jobcast.socketio.codec.Json;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * `bench persist`: creates J external jobs, then drives N progress reports to each through
 * the worker API with C requests in flight at once, on C keep-alive connections. The worker
 * call answers once the event is in the journal, so a 2xx answer is a persisted event and its round trip is the
 * report-to-persisted latency. Every report carries its own message (and the progress
 * alternates), so none repeats the previous and each one is written.
 */
@Command(name = "persist", mixinStandardHelpOptions = true,
        description = "Concurrent jobs reporting progress over HTTP: events persisted per second, report-to-persisted latency.")
public final class PersistCommand implements Callable<Integer> {

    @Option(names = "--url", defaultValue = "http://127.0.0.1:3000",
            description = "The jobcast server (default: ${DEFAULT-VALUE}).")
    URI url;

    @Option(names = "--token", required = true, description = "A worker JWT (reports progress).")
    String workerToken;

    @Option(names = "--user-token", required = true, description = "A user JWT (creates the jobs).")
    String userToken;

    @Option(names = "--jobs", defaultValue = "10", description = "Jobs to create (default: ${DEFAULT-VALUE}).")
    int jobs;

    @Option(names = "--reports", defaultValue = "100", description = "Progress reports per job (default: ${DEFAULT-VALUE}).")
    int reports;

    @Option(names = "--concurrency", defaultValue = "16",
            description = "Requests in flight at once (default: ${DEFAULT-VALUE}).")
    int concurrency;

    @Option(names = "--timeout", defaultValue = "30", description = "Seconds one request may take (default: ${DEFAULT-VALUE}).")
    double timeout;

    @Option(names = "--json", description = "Print the results as one JSON object instead of a table.")
    boolean json;

    @Option(names = "--quiet", description = "No progress line.")
    boolean quiet;

    @Override
    public Integer call() throws Exception {
        Report r = run(System.err);
        System.out.print(json ? Json.write(r.toJson()) + "\n" : r.toTable());
        System.out.flush();
        return ((Number) r.get("errors")).longValue() == 0 ? 0 : 1;
    }

    Report run(PrintStream progressOut) throws Exception {
        if (jobs < 1 || reports < 1 || concurrency < 1) {
            throw new IllegalArgumentException("--jobs, --reports and --concurrency must be >= 1");
        }
        Duration requestTimeout = Duration.ofMillis((long) (timeout * 1000));
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
        String base = url.toString().replaceAll("/+$", "");

        long[] ids = createJobs(http, base, requestTimeout);

        Histogram latency = new Histogram(3);
        AtomicLong ok = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        Map<String, Long> reasons = new ConcurrentHashMap<>();
        long total = (long) jobs * reports;
        // The k-th report goes to job k % jobs: round robin over the jobs, so every job has
        // reports under way all along, as many at once as the concurrency allows.
        AtomicLong next = new AtomicLong();
        String basePath = url.getRawPath() == null ? "" : url.getRawPath().replaceAll("/+$", "");
        int timeoutMillis = (int) Math.min(Integer.MAX_VALUE, requestTimeout.toMillis());
        long t0;
        try (Progress progress = new Progress(progressOut, !quiet)) {
            long start = System.nanoTime();
            long[] previous = {0};
            progress.show(() -> {
                long n = ok.get();
                long perSecond = n - previous[0];
                previous[0] = n;
                return String.format(Locale.ROOT, "persist  %5.1fs  persisted %,d/%,d  (%,d/s)  errors %,d",
                        (System.nanoTime() - start) / 1e9, n, total, perSecond, errors.get());
            });
            // One keep-alive connection per request in flight, each driven by a thread of its
            // own in blocking I/O: the client costs a write and a read per report, so what is
            // measured is the server (the JDK's HttpClient cost more CPU per request than the
            // server's whole persist path on a machine of two cores).
            List<Thread> senders = new ArrayList<>(concurrency);
            t0 = System.nanoTime();
            for (int c = 0; c < concurrency; c++) {
                Thread t = new Thread(() -> {
                    Histogram mine = new Histogram(3);
                    try (KeepAliveHttp conn = new KeepAliveHttp(url, timeoutMillis)) {
                        for (long k = next.getAndIncrement(); k < total; k = next.getAndIncrement()) {
                            long id = ids[(int) (k % jobs)];
                            int i = (int) (k / jobs);
                            long sent = System.nanoTime();
                            String why;
                            try {
                                KeepAliveHttp.Response resp = conn.post(basePath + "/api/jobs/" + id + "/progress",
                                        workerToken, body(i));
                                if (resp.status() / 100 == 2) {
                                    mine.recordValue((System.nanoTime() - sent) / 1000);
                                    ok.incrementAndGet();
                                    continue;
                                }
                                why = "HTTP " + resp.status();
                            } catch (IOException | RuntimeException e) {
                                why = e.getClass().getSimpleName();
                            }
                            errors.incrementAndGet();
                            reasons.merge(why, 1L, Long::sum);
                        }
                    } finally {
                        synchronized (latency) {
                            latency.add(mine);
                        }
                    }
                }, "bench-persist-" + c);
                t.setDaemon(true);
                senders.add(t);
                t.start();
            }
            for (Thread t : senders) {
                t.join();
            }
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        long journal = journalEvents(http, base, ids, requestTimeout);

        // Every sender has ended: the histogram is complete (taken under its lock to publish it).
        Histogram lat = new Histogram(3);
        synchronized (latency) {
            lat.add(latency);
        }
        Report r = new Report("persist");
        r.add("url", "server", base);
        r.add("jobs", "jobs", jobs);
        r.add("reportsPerJob", "reports per job", reports);
        r.add("concurrency", "requests in flight", concurrency);
        r.add("reports", "reports sent", total);
        r.add("persisted", "reports persisted (2xx)", ok.get());
        r.add("errors", "errors", errors.get());
        r.add("seconds", "duration", seconds, "s");
        r.add("persistedPerSecond", "events persisted", ok.get() / seconds, "/s");
        r.add("latencyP50Ms", "report-to-persisted p50", lat.getValueAtPercentile(50) / 1000.0, "ms");
        r.add("latencyP99Ms", "report-to-persisted p99", lat.getValueAtPercentile(99) / 1000.0, "ms");
        r.add("latencyMaxMs", "report-to-persisted max", lat.getMaxValue() / 1000.0, "ms");
        r.add("latencyMeanMs", "report-to-persisted mean", lat.getMean() / 1000.0, "ms");
        // created + started + one per report when all went through.
        r.add("journalEvents", "journal events of the jobs (sum of seq)", journal);
        r.add("journalExpected", "journal events expected", (long) jobs * (reports + 2));
        if (!reasons.isEmpty()) {
            r.add("failures", "why requests failed", reasons.toString());
        }
        return r;
    }

    /** Alternating progress and a message of its own: never identical to the previous report. */
    static String body(int i) {
        return "{\"progress\":" + (i % 2 == 0 ? 40 : 60) + ",\"message\":\"report " + i + "\"}";
    }

    private long[] createJobs(HttpClient http, String base, Duration requestTimeout) throws Exception {
        long[] ids = new long[jobs];
        for (int j = 0; j < jobs; j++) {
            HttpRequest req = HttpRequest.newBuilder(URI.create(base + "/api/jobs"))
                    .timeout(requestTimeout)
                    .header("Authorization", "Bearer " + userToken)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"type\":\"bench\",\"runner\":\"external\"}"))
                    .build();
            HttpResponse<String> resp = http.send(req, HttpResponse.BodyHandlers.ofString());
            if (resp.statusCode() / 100 != 2) {
                throw new IllegalStateException("creating a job: HTTP " + resp.statusCode() + " " + resp.body());
            }
            ids[j] = Json.read(resp.body()).path("id").asLong();
        }
        return ids;
    }

    /** The sum of the jobs' seq as their owner sees them: how many events their journals hold. */
    private long journalEvents(HttpClient http, String base, long[] ids, Duration requestTimeout) {
        long sum = 0;
        List<String> problems = new ArrayList<>();
        for (long id : ids) {
            try {
                HttpRequest req = HttpRequest.newBuilder(URI.create(base + "/api/jobs/" + id))
                        .timeout(requestTimeout)
                        .header("Authorization", "Bearer " + userToken)
                        .GET().build();
                HttpResponse<String> resp = http.send(req, HttpResponse.BodyHandlers.ofString());
                JsonNode job = Json.read(resp.body());
                sum += job.path("seq").asLong();
            } catch (Exception e) {
                problems.add(e.toString());
            }
        }
        return problems.isEmpty() ? sum : -1;
    }
}
