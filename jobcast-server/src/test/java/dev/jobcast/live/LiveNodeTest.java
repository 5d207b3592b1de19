package dev.jobcast.live;


import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.jobcast.auth.Role;
import dev.jobcast.engineio.port.HttpTransport;
import dev.jobcast.server.JobcastServer;
import dev.jobcast.testkit.NodeTests;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The live job-progress contract end to end with the official npm socket.io-client: starts
 * two jobcast servers in-process on H2 (conflation off and on) on each transport (lean and
 * Pekko HTTP), creates users and tokens,
 * and runs the Node test files of src/test/node/live ({@code node --test}) against them.
 * Everything the tests need travels in JOBCAST_LIVE (JSON; see live/support.mjs), including
 * the address of a small token-minting endpoint, so that tests that depend on a token's
 * exact lifetime (expiry, refresh) get one issued by the server's own TokenIssuer when they
 * start. Fails, never skips, when Node or the npm dependencies are missing.
 */
class LiveNodeTest {
    private static final String LIVE_DIR = "live";
    private static final Duration NODE_TIMEOUT = Duration.ofSeconds(180);
    // Node 20 applies --test-timeout to each file as a whole too: replay.test.mjs runs ten
    // replays, ~20 s on a quiet machine.
    private static final Duration PER_TEST_TIMEOUT = Duration.ofSeconds(90);
    private static final int INBOUND_PER_SECOND = 20;
    private static final int INBOUND_BURST = 40;
    private static final int RECOVERY_MAX_PACKETS = 200;
    private static final int MAX_JOBS_PER_CONNECTION = 5;

    @TempDir
    static Path dataRoot;

    private static final Map<String, Fixture> SERVERS = new HashMap<>();
    private static HttpServer mint;

    /** One server and its users. */
    private record Fixture(String name, JobcastServer server, long userA, long userB, long worker) {
        String url() {
            return Live.url(server);
        }
    }

    @BeforeAll
    static void startMint() throws Exception {
        mint = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        mint.createContext("/token", LiveNodeTest::mintToken);
        mint.start();
    }

    @AfterAll
    static void stopMint() {
        if (mint != null) {
            mint.stop(0);
        }
    }

    private static void startServers(HttpTransport transport) throws Exception {
        Path dir = dataRoot.resolve(transport.setting());
        SERVERS.put("off", fixture("off", dir.resolve("off"), 0, transport));
        SERVERS.put("on", fixture("on", dir.resolve("on"), 10, transport));
    }

    private static void stopServers() throws Exception {
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

    private static Fixture fixture(String name, Path dir, int maxUpdatesPerSecond, HttpTransport transport)
            throws Exception {
        Map<String, Object> settings = new HashMap<>();
        settings.put("jobcast.http.transport", transport.setting());
        settings.put("jobcast.jobs.max-updates-per-second", maxUpdatesPerSecond);
        settings.put("jobcast.jobs.demo.duration", "2s");
        settings.put("jobcast.socketio.ping-interval", "1s");
        settings.put("jobcast.socketio.ping-timeout", "2s");
        settings.put("jobcast.socketio.inbound-events-per-second", INBOUND_PER_SECOND);
        settings.put("jobcast.socketio.inbound-burst", INBOUND_BURST);
        settings.put("jobcast.socketio.recovery.enabled", true);
        // Fewer than recovery.test.mjs misses: job updates must come back from the journal.
        settings.put("jobcast.socketio.recovery.max-packets", RECOVERY_MAX_PACKETS);
        settings.put("jobcast.jobs.max-jobs-per-connection", MAX_JOBS_PER_CONNECTION);
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
                .put("inboundBurst", INBOUND_BURST)
                .put("recoveryMaxPackets", RECOVERY_MAX_PACKETS)
                .put("maxJobsPerConnection", MAX_JOBS_PER_CONNECTION);
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

    /** The whole live suite, once per transport: both must serve the contract the same way. */
    @ParameterizedTest
    @EnumSource(HttpTransport.class)
    void liveContractWithTheOfficialNodeClient(HttpTransport transport) throws Exception {
        startServers(transport);
        try {
            ObjectNode live = Live.JSON.createObjectNode().put("mint", "http://127.0.0.1:" + mint.getAddress().getPort());
            ObjectNode servers = live.putObject("servers");
            SERVERS.forEach((name, f) -> servers.set(name, describe(f)));
            System.out.println(transport.setting() + ": servers: off=" + SERVERS.get("off").url()
                    + " on=" + SERVERS.get("on").url());
            NodeTests.run(LIVE_DIR, Map.of("JOBCAST_LIVE", Live.JSON.writeValueAsString(live)), NODE_TIMEOUT,
                    PER_TEST_TIMEOUT);
        } finally {
            stopServers();
        }
    }
}
