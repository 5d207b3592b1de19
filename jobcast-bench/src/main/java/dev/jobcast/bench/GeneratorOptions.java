package dev.jobcast.bench;

import dev.jobcast.socketio.codec.Json;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import picocli.CommandLine.Option;

/** Options every load-generator scenario takes: where the server is and how to connect. */
final class GeneratorOptions {
    @Option(names = "--url", defaultValue = "http://127.0.0.1:3000",
            description = "The Socket.IO server (default: ${DEFAULT-VALUE}).")
    URI url;

    @Option(names = "--control-url", defaultValue = "http://127.0.0.1:3001",
            description = "Its control API of the fan-out contract (default: ${DEFAULT-VALUE}).")
    URI controlUrl;

    @Option(names = "--path", defaultValue = "/socket.io/", description = "Engine.IO path (default: ${DEFAULT-VALUE}).")
    String path;

    @Option(names = "--spread", defaultValue = "1",
            description = "Spread connections over this many loopback addresses, for more ephemeral ports: "
                    + "nio connects from 127.0.0.1..127.0.0.N; jdk connects to N consecutive 127.x addresses "
                    + "from the URL's on, so the server must listen on 0.0.0.0 (default: ${DEFAULT-VALUE}).")
    int spread;

    /** The WebSocket clients the generator can use. */
    enum Connector { nio, jdk }

    @Option(names = "--connector", defaultValue = "nio",
            description = "WebSocket client: nio (this project's, ws:// only, light) or jdk (java.net.http, "
                    + "also wss://; ~46 KB per connection) (default: ${DEFAULT-VALUE}).")
    Connector connector;

    @Option(names = "--server-pid", description = "The server's process id, when on this machine: its CPU and "
            + "resident memory (from /proc) go into the report.")
    Long serverPid;

    @Option(names = "--connect-rate", defaultValue = "2000",
            description = "New connections per second while connecting (default: ${DEFAULT-VALUE}).")
    double connectRate;

    @Option(names = "--max-in-flight", defaultValue = "256",
            description = "Connection handshakes under way at once, at most (default: ${DEFAULT-VALUE}).")
    int maxInFlight;

    @Option(names = "--ready-timeout", defaultValue = "60",
            description = "Seconds a connection may take to be ready (default: ${DEFAULT-VALUE}).")
    double readyTimeout;

    @Option(names = "--selectors", defaultValue = "1",
            description = "I/O threads (selectors; for jdk, HTTP clients) to spread connections over "
                    + "(default: ${DEFAULT-VALUE}).")
    int selectors;

    @Option(names = "--threads", defaultValue = "0",
            description = "jdk only: threads for the connections' callbacks; 0 runs them on the I/O threads "
                    + "(default: ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--contract", defaultValue = "plain",
            description = "plain: the fan-out contract (join, update); jobcast: the service's own (a token, join_job, "
                    + "job_update timed by its timestamp; `bench-target --jobs` gives token and jobs) (default: ${DEFAULT-VALUE}).")
    String contractName;

    /** The contract the clients speak; jobcast's asks the control API for a token and the rooms' jobs. */
    Contract contract(Control control, int rooms, String prefix) throws java.io.IOException, InterruptedException {
        return switch (contractName) {
            case "plain" -> Contract.PLAIN;
            case "jobcast" -> control.jobcastContract(rooms, prefix);
            default -> throw new IllegalArgumentException("--contract must be plain or jobcast");
        };
    }

    @Option(names = "--json", description = "Print the results as one JSON object instead of a table.")
    boolean json;

    @Option(names = "--quiet", description = "No progress line.")
    boolean quiet;

    /**
     * For the jdk connector: java.net.http gives every WebSocket read buffers of
     * jdk.httpclient.bufsize (16 KB by default); frames here are ~150 bytes, and 2 KB measured
     * 13 KB less heap per connection. A JVM-wide setting read once, so only the command line
     * sets it, before any HttpClient (the control API's too).
     */
    void prepareCommandLine() {
        if (connector == Connector.jdk && System.getProperty("jdk.httpclient.bufsize") == null) {
            System.setProperty("jdk.httpclient.bufsize", "2048");
        }
    }

    Fleet.Plan plan(int count, double rate) {
        // nio spreads over source addresses (see connector()), so it has one target.
        List<URI> targets = Targets.webSocketUris(url, path, connector == Connector.jdk ? spread : 1);
        return new Fleet.Plan(targets, count, rate, maxInFlight, readyTimeout());
    }

    WsConnector connector() {
        return switch (connector) {
            case nio -> {
                if (!"ws".equals(Targets.webSocketUris(url, path, 1).get(0).getScheme())) {
                    throw new IllegalArgumentException("the nio connector speaks ws:// only; use --connector jdk for " + url);
                }
                yield new NioWsConnector(Math.max(1, selectors), Targets.localAddresses(url, spread), readyTimeout(),
                        NioWsConnector.MAX_MESSAGE);
            }
            case jdk -> new JdkWsConnector(Math.max(1, selectors), Math.max(0, threads), readyTimeout());
        };
    }

    private Duration readyTimeout() {
        return Duration.ofMillis((long) (readyTimeout * 1000));
    }

    /** What measures the server's and this process's CPU and memory. */
    ProcessMeter meter() {
        return new ProcessMeter(serverPid);
    }

    Control control() {
        return new Control(controlUrl);
    }

    void print(Report report, PrintStream out) {
        out.print(json ? Json.write(report.toJson()) + "\n" : report.toTable());
        out.flush();
    }

    /**
     * This process's heap in use after a full collection, in bytes. Twice, a moment apart:
     * what cleaners free after the first (closed sockets' descriptors) goes in the second.
     */
    static long heapAfterGc() throws InterruptedException {
        System.gc();
        Thread.sleep(100);
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
