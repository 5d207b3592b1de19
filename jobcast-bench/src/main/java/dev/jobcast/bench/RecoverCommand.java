package dev.jobcast.bench;

import dev.jobcast.jobs.JobState;
import dev.jobcast.server.JobcastServer;
import dev.jobcast.server.Settings;
import dev.jobcast.socketio.codec.Json;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * `bench recover`, in process: starts a jobcast server on the given database, creates an
 * external job, persists E progress events to it through the job service, lets its entity
 * be passivated (stopped after 1 s idle; the tool waits 3 s) and times the next read of the
 * job, which recovers the entity from the latest snapshot (if any) plus the events after it.
 * (A server stop and restart in the same JVM is not used: on H2 the stopped server's
 * embedded database stayed open and its AUTO_SERVER lock refused the new server.)
 *
 * <p>With --snapshot-every S it runs twice, each with its own job and server pair: once with
 * snapshots every S events, once with snapshots off (0). Before the timed read, the server
 * first recovers a small warm-up job (two events), so that the figure is the job's
 * recovery, not the first query's connection and class loading. On H2 each run uses its own
 * database under --data-dir (snapshot-every-S/, no-snapshots/).
 */
@Command(name = "recover", mixinStandardHelpOptions = true,
        description = "In process: time to recover a job with E events, with and without snapshots.")
public final class RecoverCommand implements Callable<Integer> {
    // Entities idle this long are stopped; the timed read comes after three times this.
    private static final long PASSIVATE_MILLIS = 1000;

    @Option(names = "--data-dir", description = "H2 under this folder (default: a temporary folder, deleted after).")
    Path dataDir;

    @Option(names = "--db-url", description = "A jdbc:postgresql: URL instead of H2.")
    String dbUrl;

    @Option(names = "--db-user", defaultValue = "", description = "Database user.")
    String dbUser;

    @Option(names = "--db-password", defaultValue = "", description = "Database password.")
    String dbPassword;

    @Option(names = "--events", defaultValue = "10000", description = "Progress events to write (default: ${DEFAULT-VALUE}).")
    int events;

    @Option(names = "--snapshot-every",
            description = "Also run with a snapshot every S events (the run without snapshots always happens).")
    Integer snapshotEvery;

    @Option(names = "--pipeline", defaultValue = "8",
            description = "Progress reports under way at once while writing (default: ${DEFAULT-VALUE}).")
    int pipeline;

    @Option(names = "--json", description = "Print the results as one JSON object instead of a table.")
    boolean json;

    @Option(names = "--quiet", description = "No progress line.")
    boolean quiet;

    /** One run's figures. */
    record Run(int snapshotEvery, long jobId, long written, double writeSeconds, double recoverSeconds,
               long recoveredSeq, int recoveredProgress, double firstStartSeconds, double restartSeconds) {
    }

    @Override
    public Integer call() throws Exception {
        Report r = run(System.err);
        System.out.print(json ? Json.write(r.toJson()) + "\n" : r.toTable());
        System.out.flush();
        return 0;
    }

    Report run(PrintStream progressOut) throws Exception {
        if (events < 1 || pipeline < 1) {
            throw new IllegalArgumentException("--events and --pipeline must be >= 1");
        }
        if (snapshotEvery != null && snapshotEvery < 1) {
            throw new IllegalArgumentException("--snapshot-every must be >= 1 (the run without snapshots always happens)");
        }
        Path dir = dataDir;
        boolean temporary = dir == null;
        if (temporary) {
            dir = Files.createTempDirectory("jobcast-bench-recover");
        }
        List<Run> runs = new ArrayList<>();
        try {
            String secret = secret();
            if (snapshotEvery != null) {
                runs.add(once(dir, secret, snapshotEvery, progressOut));
            }
            runs.add(once(dir, secret, 0, progressOut));
        } finally {
            if (temporary) {
                deleteTree(dir);
            }
        }
        Report r = new Report("recover");
        r.add("database", "database", dbUrl == null ? "H2 (" + dir + ")" : redact(dbUrl));
        r.add("events", "progress events per job", events);
        r.add("pipeline", "reports under way while writing", pipeline);
        for (Run run : runs) {
            String k = run.snapshotEvery > 0 ? "snapshots" : "noSnapshots";
            String l = run.snapshotEvery > 0 ? "snapshot every " + run.snapshotEvery + ": " : "no snapshots: ";
            if (run.snapshotEvery > 0) {
                r.add("snapshotEvery", "snapshot every", run.snapshotEvery, "events");
            }
            r.add(k + "Written", l + "events written", run.written);
            r.add(k + "WriteSeconds", l + "write time", run.writeSeconds, "s");
            r.add(k + "WritePerSecond", l + "write rate", run.written / run.writeSeconds, "/s");
            r.add(k + "RecoverMs", l + "recovery (first get after passivation)", run.recoverSeconds * 1000, "ms");
            r.add(k + "RecoveredSeq", l + "recovered seq", run.recoveredSeq);
            r.add(k + "ExpectedSeq", l + "expected seq (created+started+events)", (long) run.written + 2);
        }
        return r;
    }

    private Run once(Path dir, String secret, int every, PrintStream progressOut) throws Exception {
        Map<String, Object> overrides = new HashMap<>();
        overrides.put("jobcast.http.host", "127.0.0.1");
        overrides.put("jobcast.http.port", 0);
        // On H2, each run has its own database file: a stopped server's embedded H2 can stay
        // open in this JVM (its AUTO_SERVER lock then refuses a later server for a while).
        Path runDir = dir.resolve(every > 0 ? "snapshot-every-" + every : "no-snapshots");
        Files.createDirectories(runDir);
        overrides.put("jobcast.data-dir", runDir.toString());
        overrides.put("jobcast.auth.jwt-secret", secret);
        overrides.put("jobcast.jobs.snapshot-every", every);
        // Replaying 100k events without a snapshot takes longer than the default ask timeout.
        overrides.put("jobcast.jobs.ask-timeout", "10m");
        overrides.put("jobcast.jobs.passivate-after", PASSIVATE_MILLIS + "ms");
        if (dbUrl != null) {
            overrides.put("jobcast.database.url", dbUrl);
            overrides.put("jobcast.database.user", dbUser);
            overrides.put("jobcast.database.password", dbPassword);
        }
        Settings settings = Settings.load(null, overrides);
        String label = every > 0 ? "snapshot every " + every : "no snapshots";

        long t = System.nanoTime();
        try (JobcastServer server = JobcastServer.start(settings)) {
            double firstStart = (System.nanoTime() - t) / 1e9;
            long owner = server.users().add("bench-recover-" + UUID.randomUUID() + "@example.com").id();
            long warmId = create(server, owner);
            server.jobs().progress(warmId, 1, "warm-up", null).toCompletableFuture().get(1, TimeUnit.MINUTES);
            long jobId = create(server, owner);
            AtomicLong done = new AtomicLong();
            double writeSeconds;
            try (Progress progress = new Progress(progressOut, !quiet)) {
                long start = System.nanoTime();
                progress.show(() -> String.format(Locale.ROOT, "recover  %s  %5.1fs  written %,d/%,d", label,
                        (System.nanoTime() - start) / 1e9, done.get(), events));
                long w0 = System.nanoTime();
                write(server, jobId, done);
                writeSeconds = (System.nanoTime() - w0) / 1e9;
            }
            // Both entities go idle and are passivated (stopped); the next command recovers them.
            Thread.sleep(PASSIVATE_MILLIS * 3);
            server.jobs().get(warmId).toCompletableFuture().get(1, TimeUnit.MINUTES);
            long g0 = System.nanoTime();
            JobState job = server.jobs().get(jobId).toCompletableFuture().get(10, TimeUnit.MINUTES);
            double recover = (System.nanoTime() - g0) / 1e9;
            return new Run(every, jobId, events, writeSeconds, recover, job.seq(), job.progress(), firstStart, 0);
        }
    }

    private static long create(JobcastServer server, long owner) throws Exception {
        return server.jobs().create(owner, "bench", JobState.EXTERNAL, null)
                .toCompletableFuture().get(1, TimeUnit.MINUTES).id();
    }

    /** E reports, at most --pipeline under way; each differs from the previous, so each is persisted. */
    private void write(JobcastServer server, long jobId, AtomicLong done) throws Exception {
        CompletableFuture<?>[] window = new CompletableFuture<?>[pipeline];
        for (int i = 0; i < events; i++) {
            int slot = i % pipeline;
            if (window[slot] != null) {
                window[slot].get(1, TimeUnit.MINUTES);
            }
            window[slot] = server.jobs().progress(jobId, i % 2 == 0 ? 40 : 60, "event " + i, null)
                    .toCompletableFuture().thenRun(done::incrementAndGet);
        }
        for (CompletableFuture<?> f : window) {
            if (f != null) {
                f.get(1, TimeUnit.MINUTES);
            }
        }
    }

    private static String secret() {
        byte[] b = new byte[48];
        new SecureRandom().nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    private static String redact(String url) {
        return url.replaceAll("password=[^&]*", "password=***");
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
