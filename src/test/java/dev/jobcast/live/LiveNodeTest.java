package dev.jobcast.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.jobcast.auth.Role;
import dev.jobcast.server.JobcastServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The live job-progress contract end to end with the official npm socket.io-client: starts
 * two jobcast servers in-process on H2 (conflation off and on), creates users and tokens,
 * and runs the Node test files of src/test/node/live ({@code node --test}) against them.
 * Everything the tests need travels in JOBCAST_LIVE (JSON; see live/support.mjs), including
 * the address of a small token-minting endpoint, so that tests that depend on a token's
 * exact lifetime (expiry, refresh) get one issued by the server's own TokenIssuer when they
 * start. Fails, never skips, when Node or the npm dependencies are missing.
 */
class LiveNodeTest {
    private static final Path NODE_DIR = Path.of("src", "test", "node");
    private static final String LIVE_DIR = "live";
    private static final Duration NODE_TIMEOUT = Duration.ofSeconds(180);
    private static final Duration PER_TEST_TIMEOUT = Duration.ofSeconds(30);
    private static final String SETUP_HINT = "install Node.js 18 or later, then run `npm ci` in src/test/node";
    private static final int INBOUND_PER_SECOND = 20;
    private static final int INBOUND_BURST = 40;

    @TempDir
    static Path offDir;
    @TempDir
    static Path onDir;

    private static final Map<String, Fixture> SERVERS = new HashMap<>();
    private static HttpServer mint;

    /** One server and its users. */
    private record Fixture(String name, JobcastServer server, long userA, long userB, long worker) {
        String url() {
            return Live.url(server);
        }
    }

    @BeforeAll
    static void startServers() throws Exception {
        SERVERS.put("off", fixture("off", offDir, 0));
        SERVERS.put("on", fixture("on", onDir, 10));
        mint = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        mint.createContext("/token", LiveNodeTest::mintToken);
        mint.start();
    }

    @AfterAll
    static void stopServers() throws Exception {
        if (mint != null) {
            mint.stop(0);
        }
        Exception failure = null;
        for (Fixture f : SERVERS.values()) {
            try {
                f.server().close();
            } catch (Exception e) {
                failure = e;
            }
        }
        SERVERS.clear();
        if (failure != null) {
            throw failure;
        }
    }

    private static Fixture fixture(String name, Path dir, int maxUpdatesPerSecond) throws Exception {
        Map<String, Object> settings = new HashMap<>();
        settings.put("jobcast.jobs.max-updates-per-second", maxUpdatesPerSecond);
        settings.put("jobcast.jobs.demo.duration", "2s");
        settings.put("jobcast.socketio.ping-interval", "1s");
        settings.put("jobcast.socketio.ping-timeout", "2s");
        settings.put("jobcast.socketio.inbound-events-per-second", INBOUND_PER_SECOND);
        settings.put("jobcast.socketio.inbound-burst", INBOUND_BURST);
        settings.put("jobcast.socketio.recovery.enabled", true);
        JobcastServer server = Live.startServer(dir, settings);
        return new Fixture(name, server,
                server.users().add("a-" + name + "@live.test").id(),
                server.users().add("b-" + name + "@live.test").id(),
                server.users().add("worker-" + name + "@live.test").id());
    }

    /** GET /token?server=off|on&user=a|b&ttl=SECONDS -> {"token": JWT, "exp": epoch seconds}. */
    private static void mintToken(HttpExchange exchange) throws IOException {
        try {
            Map<String, String> q = new HashMap<>();
            String query = exchange.getRequestURI().getRawQuery();
            for (String pair : query == null ? new String[0] : query.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    q.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
            Fixture f = SERVERS.get(q.getOrDefault("server", ""));
            String user = q.getOrDefault("user", "");
            if (f == null || !(user.equals("a") || user.equals("b")) || !q.getOrDefault("ttl", "").matches("\\d{1,6}")) {
                byte[] body = "expected ?server=off|on&user=a|b&ttl=SECONDS".getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(400, body.length);
                exchange.getResponseBody().write(body);
                return;
            }
            String token = f.server().tokens().issue(user.equals("a") ? f.userA() : f.userB(), Role.USER,
                    Duration.ofSeconds(Long.parseLong(q.get("ttl"))));
            ObjectNode json = Live.JSON.createObjectNode()
                    .put("token", token)
                    .put("exp", JWT.decode(token).getExpiresAtAsInstant().getEpochSecond());
            byte[] body = Live.JSON.writeValueAsBytes(json);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
        } finally {
            exchange.close();
        }
    }

    /** What the Node tests get of one server (see live/support.mjs). */
    private static ObjectNode describe(Fixture f) {
        JobcastServer s = f.server();
        Duration hour = Duration.ofHours(1);
        Instant now = Instant.now();
        ObjectNode json = Live.JSON.createObjectNode()
                .put("name", f.name())
                .put("url", f.url())
                .put("inboundPerSecond", INBOUND_PER_SECOND)
                .put("inboundBurst", INBOUND_BURST);
        json.putObject("users").put("a", f.userA()).put("b", f.userB()).put("worker", f.worker());
        json.putObject("tokens")
                .put("a", s.tokens().issue(f.userA(), Role.USER, hour))
                .put("b", s.tokens().issue(f.userB(), Role.USER, hour))
                .put("worker", s.tokens().issue(f.worker(), Role.WORKER, hour))
                // Well past the verifier's leeway.
                .put("expired", JWT.create().withSubject(Long.toString(f.userA())).withClaim("role", "user")
                        .withIssuedAt(now.minus(Duration.ofHours(2))).withNotBefore(now.minus(Duration.ofHours(2)))
                        .withExpiresAt(now.minus(hour)).sign(Algorithm.HMAC256(Live.SECRET)))
                // Valid in every way but signed with another secret.
                .put("badSignature", JWT.create().withSubject(Long.toString(f.userA())).withClaim("role", "user")
                        .withIssuedAt(now).withNotBefore(now).withExpiresAt(now.plus(hour))
                        .sign(Algorithm.HMAC256("another-secret-of-at-least-32-bytes-0123456789")))
                // Well signed, for a user id no one has.
                .put("unknownUser", s.tokens().issue(987_654_321L, Role.USER, hour));
        return json;
    }

    @Test
    void liveContractWithTheOfficialNodeClient() throws Exception {
        Path dir = nodeDir();
        assertTrue(Files.isDirectory(dir.resolve("node_modules").resolve("socket.io-client")),
                "socket.io-client is not installed in " + dir + ": " + SETUP_HINT);
        String node = System.getProperty("node.binary", "node");
        checkNodeRuns(node, dir);
        List<String> testFiles = testFiles(dir);
        assertFalse(testFiles.isEmpty(), "no *.test.mjs files in " + dir.resolve(LIVE_DIR));

        ObjectNode live = Live.JSON.createObjectNode().put("mint", "http://127.0.0.1:" + mint.getAddress().getPort());
        ObjectNode servers = live.putObject("servers");
        SERVERS.forEach((name, f) -> servers.set(name, describe(f)));

        List<String> command = new ArrayList<>(List.of(node, "--test", "--test-reporter=spec",
                "--test-timeout=" + PER_TEST_TIMEOUT.toMillis()));
        command.addAll(testFiles);
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        builder.environment().put("JOBCAST_LIVE", Live.JSON.writeValueAsString(live));
        builder.environment().put("NO_COLOR", "1");

        System.out.println("servers: off=" + SERVERS.get("off").url() + " on=" + SERVERS.get("on").url());
        System.out.println("$ (cd " + dir + " && " + String.join(" ", command) + ")");
        Process process = builder.start();
        StringBuilder output = new StringBuilder();
        Thread pump = new Thread(() -> copyLines(process, output), "node-live-output");
        pump.setDaemon(true);
        pump.start();
        try {
            if (!process.waitFor(NODE_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                fail("node tests did not finish within " + NODE_TIMEOUT.toSeconds() + " s; output:\n" + text(output));
            }
        } finally {
            if (process.isAlive()) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        }
        pump.join(TimeUnit.SECONDS.toMillis(10));
        assertEquals(0, process.exitValue(), "node tests failed (exit code " + process.exitValue() + "); output:\n"
                + text(output));
    }

    private static Path nodeDir() {
        Path base = Path.of(System.getProperty("basedir", "")).toAbsolutePath();
        Path dir = base.resolve(NODE_DIR);
        assertTrue(Files.isDirectory(dir.resolve(LIVE_DIR)), "missing directory " + dir.resolve(LIVE_DIR));
        return dir;
    }

    private static void checkNodeRuns(String node, Path dir) throws InterruptedException {
        try {
            Process version = new ProcessBuilder(node, "--version").directory(dir.toFile())
                    .redirectErrorStream(true).start();
            String out = new String(version.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            assertTrue(version.waitFor(30, TimeUnit.SECONDS) && version.exitValue() == 0,
                    "`" + node + " --version` failed (" + out + "): " + SETUP_HINT);
        } catch (IOException e) {
            fail("cannot run `" + node + "` (" + e.getMessage() + "): " + SETUP_HINT
                    + " (or point -Dnode.binary=... at the node executable)");
        }
    }

    /** live/*.test.mjs, relative to the node directory, sorted. */
    private static List<String> testFiles(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir.resolve(LIVE_DIR))) {
            return files.map(p -> p.getFileName().toString())
                    .filter(name -> name.endsWith(".test.mjs"))
                    .sorted()
                    .map(name -> LIVE_DIR + "/" + name)
                    .toList();
        }
    }

    private static String text(StringBuilder output) {
        synchronized (output) {
            return output.toString();
        }
    }

    private static void copyLines(Process process, StringBuilder output) {
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                System.out.println(line);
                synchronized (output) {
                    output.append(line).append('\n');
                }
            }
        } catch (IOException e) {
            synchronized (output) {
                output.append("[reading node output failed: ").append(e).append("]\n");
            }
        }
    }
}
