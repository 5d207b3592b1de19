// The users' REST calls of a `bench jobs` run: create its jobs, read their journals back.
package dev.jobcast.bench.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jobcast.bench.KeepAliveHttp;
import dev.jobcast.socketio.codec.Json;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code POST /api/jobs} and {@code GET /api/jobs/{id}/events} with the user's token, on a
 * few keep-alive connections at once (one thread each), outside the measured window.
 */
final class JobsApi {
    /** The most events the contract gives in one page. */
    static final int PAGE = 1000;

    /** Work on job {@code job} over a connection of its own thread. */
    interface PerJob {
        void run(KeepAliveHttp http, int job) throws Exception;
    }

    private final URI url;
    private final String basePath;
    private final String userToken;
    private final int threads;
    private final int timeoutMillis;

    JobsApi(URI url, String userToken, int threads, int timeoutMillis) {
        this.url = url;
        this.basePath = url.getRawPath() == null ? "" : url.getRawPath().replaceAll("/+$", "");
        this.userToken = userToken;
        this.threads = Math.max(1, threads);
        this.timeoutMillis = timeoutMillis;
    }

    /** Creates {@code count} external jobs of type bench; their ids, in order. */
    long[] create(int count) throws Exception {
        long[] ids = new long[count];
        forEachJob(count, (http, j) -> {
            KeepAliveHttp.Response r = http.post(basePath + "/api/jobs", userToken, "{\"type\":\"bench\",\"runner\":\"external\"}");
            if (r.status() / 100 != 2) {
                throw new IllegalStateException("creating a job: HTTP " + r.status() + " " + r.body());
            }
            long id = Json.read(r.body()).path("id").asLong(-1);
            if (id <= 0) {
                throw new IllegalStateException("creating a job: no id in " + r.body());
            }
            ids[j] = id;
        });
        return ids;
    }

    /** A job's whole journal, page by page. */
    List<JournalCheck.Event> journal(KeepAliveHttp http, long jobId) throws IOException {
        List<JournalCheck.Event> events = new ArrayList<>();
        long since = 0;
        while (true) {
            KeepAliveHttp.Response r = http.get(basePath + "/api/jobs/" + jobId + "/events?since=" + since + "&limit=" + PAGE,
                    userToken);
            if (r.status() != 200) {
                throw new IOException("the journal of job " + jobId + ": HTTP " + r.status() + " " + r.body());
            }
            JsonNode page = Json.read(r.body()).path("events");
            if (!page.isArray()) {
                throw new IOException("the journal of job " + jobId + ": no events array");
            }
            for (JsonNode e : page) {
                JsonNode message = e.path("payload").path("message");
                if (!message.isTextual()) {
                    message = e.path("message");
                }
                events.add(new JournalCheck.Event(e.path("seq").asLong(-1), e.path("type").asText(null),
                        message.isTextual() ? message.textValue() : null));
                since = Math.max(since, e.path("seq").asLong(since));
            }
            if (page.size() < PAGE) {
                return events;
            }
        }
    }

    /** Runs {@code work} for jobs 0..count-1 on the connections' threads; the first failure is thrown. */
    void forEachJob(int count, PerJob work) throws Exception {
        AtomicInteger next = new AtomicInteger();
        AtomicReference<Exception> failure = new AtomicReference<>();
        List<Thread> all = new ArrayList<>();
        for (int t = 0; t < Math.min(threads, count); t++) {
            Thread thread = new Thread(() -> {
                try (KeepAliveHttp http = new KeepAliveHttp(url, timeoutMillis)) {
                    for (int j = next.getAndIncrement(); j < count && failure.get() == null; j = next.getAndIncrement()) {
                        work.run(http, j);
                    }
                } catch (Exception e) {
                    failure.compareAndSet(null, e);
                }
            }, "bench-jobs-api-" + t);
            thread.setDaemon(true);
            all.add(thread);
            thread.start();
        }
        for (Thread t : all) {
            t.join();
        }
        if (failure.get() != null) {
            throw failure.get();
        }
    }
}
