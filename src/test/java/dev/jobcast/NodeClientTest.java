package dev.jobcast;

import dev.jobcast.server.EchoServer;
import dev.jobcast.server.HttpBinding;
import dev.jobcast.testkit.FixtureServer;
import dev.jobcast.testkit.NodeTests;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.http.javadsl.ServerBinding;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Interoperability with the official npm socket.io-client: starts the echo server and the
 * {@link FixtureServer}, then runs the Node test files of src/test/node
 * ({@code node --test}) against them, with their base URLs in ECHO_URL and FIXTURE_URL.
 * The Node output is streamed to stdout; the test fails if any Node test fails, and also
 * when Node or the npm dependencies are missing (run {@code npm ci} in src/test/node).
 */
class NodeClientTest {
    private static final Duration NODE_TIMEOUT = Duration.ofSeconds(120);
    // Node 20 applies --test-timeout to each file as a whole too, not only to each test.
    private static final Duration PER_TEST_TIMEOUT = Duration.ofSeconds(60);

    private static ActorSystem<Void> echoSystem;
    private static FixtureServer fixture;
    private static String echoUrl;

    @BeforeAll
    static void startServers() throws Exception {
        echoSystem = ActorSystem.create(Behaviors.empty(), "jobcast-echo-test");
        ServerBinding echo = HttpBinding.bind(echoSystem, "127.0.0.1", 0, EchoServer.routes(echoSystem))
                .toCompletableFuture().get(10, TimeUnit.SECONDS);
        echoUrl = "http://127.0.0.1:" + echo.localAddress().getPort();
        fixture = FixtureServer.start();
    }

    @AfterAll
    static void stopServers() throws Exception {
        try {
            if (fixture != null) {
                fixture.close();
            }
        } finally {
            if (echoSystem != null) {
                echoSystem.terminate();
                echoSystem.getWhenTerminated().toCompletableFuture().get(15, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void officialSocketIoClientInteroperates() throws Exception {
        System.out.println("ECHO_URL=" + echoUrl + " FIXTURE_URL=" + fixture.url());
        NodeTests.run("", Map.of("ECHO_URL", echoUrl, "FIXTURE_URL", fixture.url()), NODE_TIMEOUT, PER_TEST_TIMEOUT);
    }
}
