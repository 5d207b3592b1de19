package dev.jobcast.bench;

import dev.jobcast.engineio.port.HttpTransport;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** `bench-target`: the fan-out contract served by the Socket.IO library, until killed. */
@Command(name = "bench-target", mixinStandardHelpOptions = true,
        description = "Socket.IO server of the fan-out contract (join/update, control API) for `bench`.")
public final class BenchTargetCommand implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(BenchTargetCommand.class);

    @Option(names = "--port", defaultValue = "3000", description = "Socket.IO port (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--host", defaultValue = "127.0.0.1",
            description = "Socket.IO address; 0.0.0.0 lets `bench --spread` use 127.0.0.x (default: ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--control-port", defaultValue = "3001", description = "Control API port (default: ${DEFAULT-VALUE}).")
    int controlPort;

    @Option(names = "--control-host", defaultValue = "127.0.0.1", description = "Control API address (default: ${DEFAULT-VALUE}).")
    String controlHost;

    @Option(names = "--threads", description = "Dispatcher threads (default: one per available core; 0: Pekko's default).")
    Integer threads;

    @Option(names = "--throughput", description = "Messages an actor handles before yielding its thread (default: 32; 0: Pekko's 5).")
    Integer throughput;

    @Option(names = "--jobs", description = "Serve the contract through the whole service: clients join_job with a "
            + "token, each update is a job's progress report persisted, then broadcast (GET /jobs on the control port "
            + "gives the token and the jobs).")
    boolean jobs;

    @Option(names = "--db-url", description = "With --jobs: a jdbc:postgresql: URL instead of H2 in a temporary folder.")
    String dbUrl;

    @Option(names = "--db-user", defaultValue = "postgres", description = "With --db-url (default: ${DEFAULT-VALUE}).")
    String dbUser;

    @Option(names = "--db-password", defaultValue = "", description = "With --db-url.")
    String dbPassword;

    @Option(names = "--transport", defaultValue = "lean", description = "Who serves the Socket.IO port: lean "
            + "(jobcast's own HTTP/1.1 and WebSocket over Pekko's TCP layer) or pekko-http (default: ${DEFAULT-VALUE}).")
    String transport;

    @Override
    public Integer call() throws Exception {
        HttpTransport chosen = HttpTransport.parse(transport);
        if (jobs) {
            return serveJobs(chosen);
        }
        TargetConfig d = TargetConfig.defaults();
        TargetConfig config = new TargetConfig(threads == null ? d.threads() : threads,
                throughput == null ? d.throughput() : throughput, d.maxConnections());
        BenchTarget target = BenchTarget.start(host, port, controlHost, controlPort, config, chosen);
        closeOnExit(target);
        System.out.println("bench-target: Socket.IO on http://" + host + ":" + target.port() + "/socket.io/, control on http://"
                + controlHost + ":" + target.controlPort() + "/ (" + config.describe() + ", transport " + chosen.setting() + ")");
        System.out.flush();
        target.awaitTermination();
        return 0;
    }

    private int serveJobs(HttpTransport chosen) throws Exception {
        JobsTarget target = JobsTarget.start(host, port, controlHost, controlPort, dbUrl, dbUser, dbPassword, chosen);
        closeOnExit(target);
        System.out.println("bench-target --jobs: jobcast on http://" + host + ":" + target.port()
                + "/socket.io/ (" + (dbUrl == null ? "H2" : "PostgreSQL") + ", transport " + chosen.setting() + "), control on http://" + controlHost + ":"
                + target.controlPort() + "/ (GET /jobs?count=K&prefix=r first)");
        System.out.flush();
        target.awaitTermination();
        return 0;
    }

    /** Runs until killed: the target closes (ports, actor system, database) as the JVM exits. */
    private static void closeOnExit(AutoCloseable target) {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                target.close();
            } catch (Exception e) {
                LOG.warn("shutdown: {}", e.toString());
            }
        }, "bench-target-shutdown"));
    }
}
