package dev.jobcast.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jobcast.auth.Role;
import dev.jobcast.engineio.port.HttpBinding;
import dev.jobcast.engineio.port.HttpTransport;
import dev.jobcast.jobs.JobService;
import dev.jobcast.jobs.JobState;
import dev.jobcast.server.JobcastServer;
import dev.jobcast.server.Settings;
import dev.jobcast.socketio.codec.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.apache.pekko.http.javadsl.ServerBinding;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * The fan-out contract run through the whole service, "the real thing": a jobcast server
 * (H2 in a temporary folder, or PostgreSQL) with conflation off, whose clients speak the
 * seed's contract: CONNECT with auth {token}, `join_job` {job_id}, `job_update` events. Each
 * published update is a progress report to a job, persisted to the journal, then broadcast
 * to room job_{id} by the service's own pipeline. The control API adds to the contract's
 * /publish, /stats and /gc: {@code GET /jobs?count=K&prefix=r} answers
 * {@code {token, jobs: {r0: id, ...}}}, creating the jobs the first time.
 */
public final class JobsTarget implements AutoCloseable {
    static final String SERVER_NAME = "jobcast-jobs";
    /** Reports asked of the jobs and not yet answered, at most: past it the run waits. */
    static final int MAX_IN_FLIGHT = 10_000;

    private final JobcastServer server;
    private final ScheduledExecutorService ticker;
    private final Path dataDir;
    private final int controlPort;

    private JobsTarget(JobcastServer server, ScheduledExecutorService ticker, Path dataDir, int controlPort) {
        this.server = server;
        this.ticker = ticker;
        this.dataDir = dataDir;
        this.controlPort = controlPort;
    }

    /** @param dbUrl a jdbc:postgresql: URL, or null for H2 in a temporary folder */
    public static JobsTarget start(String host, int port, String controlHost, int controlPort, String dbUrl,
                                   String dbUser, String dbPassword, HttpTransport transport) throws Exception {
        Path dir = Files.createTempDirectory("jobcast-jobs-target");
        Map<String, Object> settings = new HashMap<>();
        settings.put("jobcast.http.host", host);
        settings.put("jobcast.http.port", port);
        settings.put("jobcast.http.transport", transport.setting());
        settings.put("jobcast.data-dir", dir.toString());
        settings.put("jobcast.auth.jwt-secret", HexFormat.of().formatHex(new SecureRandom().generateSeed(32)));
        // Every persisted event goes out: what is measured is the pipeline, not the throttle.
        settings.put("jobcast.jobs.max-updates-per-second", 0);
        if (dbUrl != null) {
            settings.put("jobcast.database.url", dbUrl);
            settings.put("jobcast.database.user", dbUser);
            settings.put("jobcast.database.password", dbPassword);
        }
        JobcastServer server = JobcastServer.start(Settings.load(null, settings));
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "bench-publisher");
            t.setDaemon(true);
            return t;
        });
        try {
            long owner = server.users().add("bench-" + System.nanoTime() + "@bench.invalid").id();
            String token = server.tokens().issue(owner, Role.USER, Duration.ofDays(1));
            Jobs jobs = new Jobs(server.jobs(), owner, token);
            Publisher publisher = new Publisher(jobs::sink, ticker);
            ServerBinding control = HttpBinding.bind(server.system(), controlHost, controlPort,
                            new ControlRoutes(SERVER_NAME, server.socketIo(), publisher, jobs.route(), jobs::stats).route())
                    .toCompletableFuture().get(30, TimeUnit.SECONDS);
            return new JobsTarget(server, ticker, dir, control.localAddress().getPort());
        } catch (Exception e) {
            ticker.shutdownNow();
            server.close();
            throw e;
        }
    }

    public int port() {
        return server.port();
    }

    public int controlPort() {
        return controlPort;
    }

    public void awaitTermination() throws Exception {
        server.system().getWhenTerminated().toCompletableFuture().get();
    }

    @Override
    public void close() throws Exception {
        ticker.shutdownNow();
        try {
            server.close();
        } finally {
            try (Stream<Path> files = Files.walk(dataDir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                // A temporary folder left behind is not worth failing the shutdown for.
            }
        }
    }

    /** The bench user's jobs, one per room name, and the sink that reports progress to them. */
    private static final class Jobs extends AllDirectives {
        private final JobService service;
        private final long owner;
        private final String token;
        private final Map<String, CompletableFuture<Long>> byRoom = new ConcurrentHashMap<>();
        private final AtomicInteger inFlight = new AtomicInteger();
        private final AtomicLong failed = new AtomicLong();

        Jobs(JobService service, long owner, String token) {
            this.service = service;
            this.owner = owner;
            this.token = token;
        }

        Route route() {
            return get(() -> path("jobs", () -> parameterMap(q -> {
                int count;
                try {
                    count = Integer.parseInt(q.getOrDefault("count", "1"));
                } catch (NumberFormatException e) {
                    return complete(ControlRoutes.error(StatusCodes.BAD_REQUEST, "count must be a number"));
                }
                String prefix = q.getOrDefault("prefix", "r");
                if (count < 1 || count > Publisher.Request.MAX_ROOMS || prefix.isEmpty()
                        || prefix.length() > Publisher.Request.MAX_PREFIX) {
                    return complete(ControlRoutes.error(StatusCodes.BAD_REQUEST, "count must be 1.."
                            + Publisher.Request.MAX_ROOMS + ", prefix 1.." + Publisher.Request.MAX_PREFIX + " characters"));
                }
                Map<String, CompletableFuture<Long>> wanted = new java.util.LinkedHashMap<>();
                for (int k = 0; k < count; k++) {
                    wanted.put(prefix + k, byRoom.computeIfAbsent(prefix + k, room -> service
                            .create(owner, "bench", JobState.EXTERNAL, null)
                            .thenApply(JobState::id).toCompletableFuture()));
                }
                CompletableFuture<ObjectNode> answer = CompletableFuture
                        .allOf(wanted.values().toArray(CompletableFuture[]::new))
                        .thenApply(done -> {
                            ObjectNode o = Json.MAPPER.createObjectNode().put("token", token);
                            ObjectNode ids = o.putObject("jobs");
                            wanted.forEach((room, id) -> ids.put(room, id.join()));
                            return o;
                        });
                return onComplete(answer, result -> result.isSuccess()
                        ? complete(ControlRoutes.json(StatusCodes.OK, result.get()))
                        : complete(ControlRoutes.error(StatusCodes.INTERNAL_SERVER_ERROR,
                                "creating the jobs failed: " + result.failed().get())));
            })));
        }

        void stats(ObjectNode o) {
            o.put("reportsInFlight", inFlight.get());
            o.put("reportsFailed", failed.get());
        }

        /** A run's updates as progress reports to the rooms' jobs, at most MAX_IN_FLIGHT at once. */
        Publisher.Sink sink(Publisher.Request request) {
            long[] ids = new long[request.rooms()];
            for (int k = 0; k < ids.length; k++) {
                CompletableFuture<Long> id = byRoom.get(request.prefix() + k);
                if (id == null || !id.isDone() || id.isCompletedExceptionally()) {
                    throw new IllegalArgumentException("no job for room " + request.prefix() + k
                            + ": GET /jobs?count=" + request.rooms() + "&prefix=" + request.prefix() + " first");
                }
                ids[k] = id.join();
            }
            return (room, seq) -> {
                if (inFlight.get() >= MAX_IN_FLIGHT) {
                    return false;
                }
                inFlight.incrementAndGet();
                service.progress(ids[room], (int) (seq % 100), "Processing batch " + seq + " of the nightly import", null)
                        .whenComplete((state, error) -> {
                            inFlight.decrementAndGet();
                            if (error != null) {
                                failed.incrementAndGet();
                            }
                        });
                return true;
            };
        }
    }
}
