package dev.jobcast.api;

import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jobcast.auth.Role;
import dev.jobcast.auth.User;
import dev.jobcast.server.JobcastServer;
import dev.jobcast.server.Settings;
import dev.jobcast.testkit.TestDatabases.TestDb;
import dev.jobcast.testkit.TestDatabases;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * A real jobcast server for API tests, on a free port, with its own fresh database (H2
 * under a temporary folder, or a new PostgreSQL database), plus an HTTP client and helpers
 * to make users and tokens. One per test class: starting one takes seconds.
 */
final class ApiServer implements AutoCloseable {
    /** Known to the tests, so they can forge tokens that differ from good ones in one way only. */
    static final String SECRET = "jobcast-api-tests-hmac-secret-0123456789abcdef";
    static final ObjectMapper JSON = new ObjectMapper();

    enum Backend { H2, POSTGRESQL }

    private static final AtomicInteger EMAILS = new AtomicInteger();

    final JobcastServer server;
    final HttpClient http;
    final URI base;
    private final Path dataDir;
    private final TestDb pg;

    private ApiServer(JobcastServer server, Path dataDir, TestDb pg) {
        this.server = server;
        this.dataDir = dataDir;
        this.pg = pg;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
        this.base = URI.create("http://127.0.0.1:" + server.port());
    }

    static ApiServer start(Backend backend, Map<String, Object> extra) throws Exception {
        Path dataDir = Files.createTempDirectory("jobcast-api-test");
        TestDb pg = backend == Backend.POSTGRESQL ? TestDatabases.postgres() : null;
        Map<String, Object> overrides = new HashMap<>();
        overrides.put("jobcast.http.host", "127.0.0.1");
        overrides.put("jobcast.http.port", 0);
        overrides.put("jobcast.data-dir", dataDir.toString());
        overrides.put("jobcast.auth.jwt-secret", SECRET);
        overrides.put("jobcast.jobs.demo.duration", "1s");
        if (pg != null) {
            overrides.put("jobcast.database.url", pg.settings().url());
            overrides.put("jobcast.database.user", pg.settings().user());
            overrides.put("jobcast.database.password", pg.settings().password());
        }
        overrides.putAll(extra);
        try {
            return new ApiServer(JobcastServer.start(Settings.load(null, overrides)), dataDir, pg);
        } catch (Exception | Error e) {
            if (pg != null) {
                pg.close();
            }
            deleteTree(dataDir);
            throw e;
        }
    }

    /** A new enabled user with an address no other test uses. */
    User newUser(String name) {
        try {
            return server.users().add(name + "-" + EMAILS.incrementAndGet() + "-"
                    + UUID.randomUUID().toString().substring(0, 8) + "@example.com");
        } catch (Exception e) {
            throw new IllegalStateException("cannot add a test user", e);
        }
    }

    String token(User user, Role role) {
        return server.tokens().issue(user.id(), role, Duration.ofHours(1));
    }

    String userToken(String name) {
        return token(newUser(name), Role.USER);
    }

    String workerToken() {
        return token(newUser("worker"), Role.WORKER);
    }

    Reply get(String path, String token) {
        return send("GET", path, token, null);
    }

    Reply post(String path, String token, String body) {
        return send("POST", path, token, body == null ? null : BodyPublishers.ofString(body));
    }

    Reply send(String method, String path, String token, BodyPublisher body, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? BodyPublishers.noBody() : body);
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        if (headers.length > 0) {
            b.headers(headers);
        }
        try {
            var r = http.send(b.build(), BodyHandlers.ofString());
            return new Reply(r.statusCode(), r.headers(), r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The first value that passes, polling every 50 ms; fails the test after {@code within}. */
    static <T> T eventually(Duration within, String what, Supplier<T> probe, Predicate<T> done) {
        long deadline = System.nanoTime() + within.toNanos();
        T last = probe.get();
        while (!done.test(last)) {
            if (System.nanoTime() > deadline) {
                fail("gave up after " + within.toSeconds() + " s waiting for " + what + "; last seen: " + last);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            last = probe.get();
        }
        return last;
    }

    @Override
    public void close() throws Exception {
        try {
            server.close();
        } finally {
            if (pg != null) {
                pg.close();
            }
            deleteTree(dataDir);
        }
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // A leftover temporary folder is not worth failing a test for.
        }
    }

    /** One HTTP answer. */
    record Reply(int status, java.net.http.HttpHeaders headers, String body) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON (status " + status + "): " + body, e);
            }
        }

        String header(String name) {
            return headers.firstValue(name).orElse(null);
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }
}
