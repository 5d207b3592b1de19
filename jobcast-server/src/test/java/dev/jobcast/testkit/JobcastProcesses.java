package dev.jobcast.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * jobcast in JVMs of its own, for tests of what a real crash does: {@code serve} and
 * command-line calls run jobcast's Main on this test JVM's classpath, each writing its
 * output to {@code NAME.log} in a work folder (quoted when something goes wrong); a server
 * can be killed with SIGKILL; {@link #close()} kills whatever is still running.
 * The environment is cleared of JOBCAST_ variables, then gets {@link #env} on top.
 */
public final class JobcastProcesses implements AutoCloseable {
    /** A line that is a user id (what `user add` prints last). */
    public static final Pattern USER_ID = Pattern.compile("\\d+");
    /** A line that is a JWT (what `token` prints). */
    public static final Pattern JWT = Pattern.compile("[\\w-]+\\.[\\w-]+\\.[\\w-]+");
    /** Generous: JVMs start slowly on a loaded 2-core machine. */
    public static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    public static final Duration CLI_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration EXIT_TIMEOUT = Duration.ofSeconds(30);

    private final Path work;
    private final Map<String, String> env = new LinkedHashMap<>();
    private final List<Process> processes = new ArrayList<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** @param work where the logs go (a test's temporary folder) */
    public JobcastProcesses(Path work) {
        this.work = work;
        env.put("JOBCAST_HOST", "127.0.0.1");
    }

    /** Sets an environment variable of the processes started from now on. */
    public JobcastProcesses env(String name, String value) {
        env.put(name, value);
        return this;
    }

    /** `serve` on 127.0.0.1:{@code port} with its data under {@code dataDir}; its log is serve-NAME. */
    public Process serve(String name, int port, Path dataDir) throws IOException {
        return start("serve-" + name, "serve", "--port", Integer.toString(port), "--data-dir", dataDir.toString());
    }

    /** Waits for GET /ready to answer 200, failing with the server's log if it exits or takes too long. */
    public void awaitReady(Process server, String name, int port) throws InterruptedException {
        HttpRequest ready = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/ready"))
                .timeout(Duration.ofSeconds(10)).GET().build();
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!server.isAlive()) {
                fail("the " + name + " server exited with " + server.exitValue() + ":\n" + log("serve-" + name));
            }
            try {
                if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        fail("the " + name + " server was not ready within " + START_TIMEOUT.toSeconds() + " s:\n"
                + log("serve-" + name));
    }

    /** SIGKILL on Linux (no shutdown hook, no flush), then waits for the exit. */
    public static void kill(Process p) throws InterruptedException {
        p.destroyForcibly();
        assertTrue(p.waitFor(EXIT_TIMEOUT.toSeconds(), TimeUnit.SECONDS), "the killed process exited");
    }

    /** Starts jobcast's Main with {@code args}; its output goes to NAME.log. */
    public Process start(String name, String... args) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(java(args)).redirectErrorStream(true)
                .redirectOutput(work.resolve(name + ".log").toFile());
        builder.environment().keySet().removeIf(k -> k.startsWith("JOBCAST_"));
        builder.environment().putAll(env);
        Process p = builder.start();
        processes.add(p);
        return p;
    }

    /** Runs a command-line call to its end and returns the last line of its output that matches. */
    public String cli(Pattern expected, String... args) throws Exception {
        String name = "cli-" + String.join("-", args.length > 2 ? List.of(args).subList(0, 2) : List.of(args));
        return output(start(name, args), name, expected);
    }

    /** Waits for {@code p} to end well and returns the last line of its output that matches. */
    public String output(Process p, String name, Pattern expected) throws Exception {
        if (!p.waitFor(CLI_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail(name + " did not finish within " + CLI_TIMEOUT.toSeconds() + " s:\n" + log(name));
        }
        assertEquals(0, p.exitValue(), name + " failed:\n" + log(name));
        String found = null;
        for (String line : Files.readAllLines(work.resolve(name + ".log"), StandardCharsets.UTF_8)) {
            if (expected.matcher(line.trim()).matches()) {
                found = line.trim();
            }
        }
        if (found == null) {
            fail(name + " printed no line like " + expected + ":\n" + log(name));
        }
        return found;
    }

    /** The end of NAME.log, for failure messages. */
    public String log(String name) {
        try {
            String text = Files.readString(work.resolve(name + ".log"), StandardCharsets.UTF_8);
            return text.length() > 6000 ? "..." + text.substring(text.length() - 6000) : text;
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    public static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** Kills every process still running. */
    @Override
    public void close() throws InterruptedException {
        for (Process p : processes) {
            if (p.isAlive()) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                p.waitFor(15, TimeUnit.SECONDS);
            }
        }
    }

    /**
     * This JVM's command line for jobcast's Main. The classpath is this test JVM's: under
     * surefire's default manifest-only jar it is that jar, whose manifest Class-Path names
     * every entry, so `-cp` works for the child as it does here.
     */
    private static List<String> java(String... args) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                // Start fast: these are short-lived JVMs on a possibly loaded machine.
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto",
                "-cp", System.getProperty("java.class.path"),
                "dev.jobcast.Main"));
        command.addAll(List.of(args));
        return command;
    }
}
