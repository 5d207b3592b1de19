// `jobcast bench jobs`: the options of the end-to-end benchmark of the job pipeline.
package dev.jobcast.bench.jobs;

import dev.jobcast.bench.Report;
import dev.jobcast.socketio.codec.Json;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * `bench jobs`: creates jobs, watches each over Socket.IO, has workers report progress on
 * them at a fixed rate over one ingest path, completes them, and measures what got through,
 * how fast and how late, and whether every watcher saw every update in order and every job's
 * journal holds exactly what was accepted. Exit status 1 when anything was lost, out of
 * order or missing; 2 when the run could not start. {@link JobsRun} runs it.
 */
@Command(name = "jobs", mixinStandardHelpOptions = true,
        description = {"End to end through the job pipeline of a server of the ingest contract (jobcast, or a peer): "
                + "workers report progress at a fixed rate per job over one path (rest, batch or socket), watchers "
                + "receive the job_updates. Accepted reports/s, report and end-to-end latency, deliveries, order, "
                + "journal completeness, server and database CPU.",
                "Run the server with conflation off (jobcast: JOBCAST_MAX_UPDATES_PER_SECOND=0), or watchers miss "
                        + "conflated updates and see gaps."})
public final class JobsCommand implements Callable<Integer> {

    /** How the workers report. */
    public enum IngestKind { rest, batch, socket }

    @Option(names = "--url", defaultValue = "http://127.0.0.1:8000", description = "The server (default: ${DEFAULT-VALUE}).")
    URI url;

    @Option(names = "--user-token", required = true, description = "A user JWT: creates the jobs, watches them, reads journals.")
    String userToken;

    @Option(names = "--worker-token", required = true, description = "A worker JWT (role worker): reports progress.")
    String workerToken;

    @Option(names = "--jobs", defaultValue = "100", description = "Jobs (default: ${DEFAULT-VALUE}).")
    int jobs;

    @Option(names = "--watchers", defaultValue = "1",
            description = "Watchers per job, each its own Socket.IO connection (default: ${DEFAULT-VALUE}).")
    int watchers;

    @Option(names = "--rate", defaultValue = "10", description = "Progress reports per job per second (default: ${DEFAULT-VALUE}).")
    double rate;

    @Option(names = "--duration", defaultValue = "20", description = "Seconds measured (default: ${DEFAULT-VALUE}).")
    double duration;

    @Option(names = "--warmup", defaultValue = "5",
            description = "Seconds of reporting before the measured ones, left out of the figures (default: ${DEFAULT-VALUE}).")
    double warmup;

    @Option(names = "--path", defaultValue = "rest",
            description = "How workers report: rest (POST /api/jobs/{id}/progress), batch (POST /api/reports) or socket "
                    + "(Socket.IO /workers, `report` with an ack) (default: ${DEFAULT-VALUE}).")
    IngestKind path;

    @Option(names = "--connections",
            description = "Worker connections: keep-alive HTTP/1.1 with one request in flight each (rest, batch), or "
                    + "Socket.IO connections (socket) (default: 32 for rest, 4 for batch and socket).")
    Integer connections;

    @Option(names = "--batch-size", defaultValue = "1000",
            description = "batch, socket: most reports in one batch or `report` event (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--batch-interval-ms", defaultValue = "10",
            description = "batch, socket: the reports due so far go out every this many ms (default: ${DEFAULT-VALUE}).")
    int batchIntervalMs;

    @Option(names = "--max-in-flight", defaultValue = "10000",
            description = "socket: most reports unanswered per connection (default: ${DEFAULT-VALUE}).")
    int maxInFlight;

    @Option(names = "--grace", defaultValue = "10",
            description = "Seconds to wait at the end for every watcher's completed update (default: ${DEFAULT-VALUE}).")
    double grace;

    @Option(names = "--timeout", defaultValue = "30",
            description = "Seconds a request, an ack, or the watchers' joining may take (default: ${DEFAULT-VALUE}).")
    double timeout;

    @Option(names = "--selectors", defaultValue = "1",
            description = "I/O threads for the Socket.IO connections (default: ${DEFAULT-VALUE}).")
    int selectors;

    @Option(names = "--server-pid", description = "The server's process id, when on this machine: its CPU (from /proc).")
    Long serverPid;

    @Option(names = "--db-pids", split = ",", description = "The database's process ids, when on this machine: their CPU.")
    List<Long> dbPids;

    @Option(names = "--db-procname",
            description = "The database's processes by command name (e.g. postgres: all of them, summed).")
    String dbProcname;

    @Option(names = "--json", description = "Print the results as one JSON object instead of a table.")
    boolean json;

    @Option(names = "--quiet", description = "No progress line.")
    boolean quiet;

    @Override
    public Integer call() throws Exception {
        Report r;
        try {
            r = new JobsRun(this).run(System.err);
        } catch (IllegalArgumentException | IllegalStateException | IOException e) {
            // Bad options, or a server that would not let the run start (unreachable, no jobs, no worker connection).
            System.err.println("bench jobs: " + e);
            return 2;
        }
        System.out.print(json ? Json.write(r.toJson()) + "\n" : r.toTable());
        System.out.flush();
        return "none".equals(r.get("problems")) ? 0 : 1;
    }

    /** The connections to use: as given, or the path's default. */
    int connections() {
        return connections != null ? connections : path == IngestKind.rest ? 32 : 4;
    }

    void validate() {
        if (jobs < 1 || watchers < 0 || !(rate > 0) || !(duration > 0) || !(warmup >= 0) || connections() < 1
                || batchSize < 1 || batchIntervalMs < 1 || maxInFlight < 1 || !(grace >= 0) || !(timeout > 0)
                || selectors < 1) {
            throw new IllegalArgumentException("--jobs, --connections, --batch-size, --batch-interval-ms, --max-in-flight "
                    + "and --selectors must be >= 1, --watchers >= 0, --rate, --duration and --timeout > 0, "
                    + "--warmup and --grace >= 0");
        }
        if (dbPids != null && dbProcname != null) {
            throw new IllegalArgumentException("--db-pids or --db-procname, not both");
        }
        if (!"http".equals(url.getScheme())) {
            throw new IllegalArgumentException("--url must be http:// (the generator's HTTP and WebSocket clients are plain)");
        }
    }
}
