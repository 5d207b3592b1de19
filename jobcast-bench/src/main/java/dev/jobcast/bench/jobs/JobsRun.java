// One `bench jobs` run, phase by phase: create, watch, report, complete, wait, check, measure.
package dev.jobcast.bench.jobs;

import dev.jobcast.bench.KeepAliveHttp;
import dev.jobcast.bench.NioWsConnector;
import dev.jobcast.bench.ProcessMeter;
import dev.jobcast.bench.Progress;
import dev.jobcast.bench.Report;
import dev.jobcast.bench.Targets;
import dev.jobcast.bench.WallClock;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The run: creates the jobs, opens and joins every watcher, then (the start) has the
 * workers report on the schedule over the chosen path; once every report is answered,
 * completes each job over the same path, waits up to the grace period for every watcher's
 * completed update, reads every job's journal back, and makes the {@link JobsReport}. The
 * server's, database's and generator's CPU are sampled at the edges of the measured window.
 */
final class JobsRun {
    /** Watchers' handshakes and joins under way at once, at most. */
    private static final int WATCHERS_IN_FLIGHT = 256;
    /** Connections that create the jobs and read the journals back. */
    private static final int API_CONNECTIONS = 8;

    private final JobsCommand o;
    private final int timeoutMillis;

    JobsRun(JobsCommand options) {
        this.o = options;
        this.timeoutMillis = (int) Math.min(Integer.MAX_VALUE, Math.round(options.timeout * 1000));
    }

    /** CPU samples at the edges of the measured window. */
    private static final class Window {
        volatile ProcessMeter.Sample server0;
        volatile ProcessMeter.Sample server1;
        volatile ProcessMeter.Sample self0;
        volatile ProcessMeter.Sample self1;
        volatile ProcessGroupCpu.Sample db0;
        volatile ProcessGroupCpu.Sample db1;
    }

    Report run(PrintStream progressOut) throws Exception {
        o.validate();
        ProcessMeter meter = new ProcessMeter(o.serverPid);
        ProcessGroupCpu db = o.dbPids != null ? new ProcessGroupCpu(Path.of("/proc"), o.dbPids, null)
                : o.dbProcname != null ? new ProcessGroupCpu(Path.of("/proc"), null, o.dbProcname) : null;
        ReportSchedule schedule = new ReportSchedule(o.jobs, o.rate, o.warmup, o.duration);
        URI ws = Targets.webSocketUris(o.url, "/socket.io/", 1).get(0);
        JobsApi api = new JobsApi(o.url, o.userToken, API_CONNECTIONS, timeoutMillis);
        long[] ids = api.create(o.jobs);

        Duration handshake = Duration.ofMillis(timeoutMillis);
        try (NioWsConnector watcherIo = new NioWsConnector(o.selectors, List.of(), handshake, NioWsConnector.MAX_MESSAGE);
             // Only the socket path has worker WebSockets; a frame in flight holds at least one report.
             NioWsConnector workerIo = o.path != JobsCommand.IngestKind.socket ? null
                     : new NioWsConnector(1, List.of(), handshake, NioWsConnector.MAX_MESSAGE, o.maxInFlight + 16);
             Watchers watchers = new Watchers(watcherIo, ws, o.userToken, ids, o.watchers);
             IngestPath ingest = ingest(workerIo, ws)) {
            watchers.open(WATCHERS_IN_FLIGHT, timeoutMillis);
            if (ingest instanceof SocketIngest s) {
                s.open(o.connections(), timeoutMillis);
            }

            long anchorMicros = WallClock.micros();
            long start = System.nanoTime();
            Ledger ledger = new Ledger(schedule, start);
            ReportEncoding encoding = new ReportEncoding(ids, basePath(), anchorMicros);
            watchers.measure(anchorMicros + schedule.warmupNanos() / 1_000, anchorMicros + schedule.endNanos() / 1_000);
            Window window = new Window();
            Thread sampler = sampler(window, meter, db, start, schedule);

            try (Progress progress = new Progress(progressOut, !o.quiet)) {
                AtomicLong previous = new AtomicLong();
                progress.show(() -> {
                    long n = ledger.accepted();
                    return String.format(Locale.ROOT, "jobs  %5.1fs  accepted %,d/%,d (%,d/s)  refused %,d  failed %,d  "
                                    + "delivered %,d", (System.nanoTime() - start) / 1e9, n, schedule.total(),
                            n - previous.getAndSet(n), ledger.refused(), ledger.failed(), watchers.deliveries());
                });
                ingest.send(schedule, encoding, ledger);
                ingest.send(Due.completions(o.jobs, System.nanoTime() - start), encoding, ledger);
            }
            boolean[] completed = new boolean[o.jobs];
            for (int j = 0; j < o.jobs; j++) {
                completed[j] = ledger.completeOutcome(j) == Ledger.ACCEPTED;
            }
            watchers.awaitTerminal(completed, System.nanoTime() + Math.round(o.grace * 1e9));
            sampler.join();

            JobsReport report = new JobsReport(o, schedule);
            report.reports(ledger);
            report.watchers(watchers, completed);
            report.journals(checkJournals(api, ids, ledger));
            report.cpu(window.server0, window.server1, window.self0, window.self1, window.db0, window.db1,
                    db == null ? null : db.describe());
            return report.build();
        }
    }

    private String basePath() {
        return o.url.getRawPath() == null ? "" : o.url.getRawPath();
    }

    private IngestPath ingest(NioWsConnector workerIo, URI ws) {
        long interval = o.batchIntervalMs * 1_000_000L;
        return switch (o.path) {
            case rest -> new RestIngest(o.url, o.workerToken, o.connections(), timeoutMillis);
            case batch -> new BatchIngest(o.url, o.workerToken, o.connections(), o.batchSize, interval, timeoutMillis);
            case socket -> new SocketIngest(workerIo, ws, o.workerToken, o.batchSize, interval, o.maxInFlight,
                    timeoutMillis * 1_000_000L);
        };
    }

    /** Samples the CPU figures at the start and the end of the measured window, on a thread of its own. */
    private static Thread sampler(Window w, ProcessMeter meter, ProcessGroupCpu db, long start, ReportSchedule s) {
        Thread t = new Thread(() -> {
            IngestPath.parkUntil(start + s.warmupNanos());
            w.server0 = meter.server();
            w.db0 = db == null ? null : db.sample();
            w.self0 = ProcessMeter.self();
            IngestPath.parkUntil(start + s.endNanos());
            w.server1 = meter.server();
            w.db1 = db == null ? null : db.sample();
            w.self1 = ProcessMeter.self();
        }, "bench-jobs-cpu");
        t.setDaemon(true);
        t.start();
        return t;
    }

    /** Every job's journal against the ledger; a journal that cannot be read counts as unread. */
    private static Journals checkJournals(JobsApi api, long[] ids, Ledger ledger) throws Exception {
        Journals all = new Journals();
        api.forEachJob(ids.length, (KeepAliveHttp http, int j) -> {
            JournalCheck.Tally t;
            try {
                t = JournalCheck.check(ledger.progressOutcomes(j), ledger.completeOutcome(j), api.journal(http, ids[j]));
            } catch (Exception e) {
                synchronized (all) {
                    all.unread++;
                }
                return;
            }
            synchronized (all) {
                all.tally = all.tally.plus(t);
            }
        });
        return all;
    }

    /** The journals' tally and how many could not be read. */
    static final class Journals {
        JournalCheck.Tally tally = JournalCheck.Tally.EMPTY;
        long unread;
    }
}
