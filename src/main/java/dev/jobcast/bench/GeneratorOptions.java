package dev.jobcast.bench;

import dev.jobcast.socketio.codec.Json;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.time.Duration;
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
            description = "Connect to this many consecutive 127.x addresses from the URL's on, for more "
                    + "ephemeral ports (the server must listen on 0.0.0.0; default: ${DEFAULT-VALUE}).")
    int spread;

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
            description = "HTTP clients (one I/O thread each) to spread connections over (default: ${DEFAULT-VALUE}).")
    int selectors;

    @Option(names = "--threads", defaultValue = "0",
            description = "Threads for the connections' callbacks; 0 runs them on the I/O threads (default: ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--json", description = "Print the results as one JSON object instead of a table.")
    boolean json;

    @Option(names = "--quiet", description = "No progress line.")
    boolean quiet;

    /**
     * java.net.http gives every WebSocket read buffers of jdk.httpclient.bufsize (16 KB by
     * default); frames here are ~150 bytes, and 2 KB measured 13 KB less heap per connection.
     * A JVM-wide setting read once, so only the command line sets it, before any HttpClient.
     */
    static void useSmallHttpClientBuffers() {
        if (System.getProperty("jdk.httpclient.bufsize") == null) {
            System.setProperty("jdk.httpclient.bufsize", "2048");
        }
    }

    Fleet.Plan plan(int count, double rate) {
        return new Fleet.Plan(Targets.webSocketUris(url, path, spread), count, rate, maxInFlight,
                Duration.ofMillis((long) (readyTimeout * 1000)));
    }

    WsConnector connector() {
        return new JdkWsConnector(Math.max(1, selectors), Math.max(0, threads),
                Duration.ofMillis((long) (readyTimeout * 1000)));
    }

    Control control() {
        return new Control(controlUrl);
    }

    void print(Report report, PrintStream out) {
        out.print(json ? Json.write(report.toJson()) + "\n" : report.toTable());
        out.flush();
    }

    /** This process's heap in use after a full collection, in bytes. */
    static long heapAfterGc() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
