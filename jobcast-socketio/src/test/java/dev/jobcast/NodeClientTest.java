package dev.jobcast;

import dev.jobcast.echo.EchoServer;
import dev.jobcast.engineio.port.HttpBinding;
import dev.jobcast.engineio.port.HttpTransport;
import dev.jobcast.testkit.FixtureServer;
import dev.jobcast.testkit.NodeTests;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.http.javadsl.server.Directives;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Interoperability with the official npm socket.io-client: starts the echo server and the
 * {@link FixtureServer}, then runs the Node test files of src/test/node
 * ({@code node --test}) against them, with their base URLs in ECHO_URL and FIXTURE_URL.
 * The whole suite runs once per transport (the lean one and Pekko HTTP), so both serve
 * the protocol the same way. The Node output is streamed to stdout; the test fails if any
 * Node test fails, and also when Node or the npm dependencies are missing (run
 * {@code npm ci} in src/test/node).
 */
class NodeClientTest {
    private static final Duration NODE_TIMEOUT = Duration.ofSeconds(120);
    // Node 20 applies --test-timeout to each file as a whole too, not only to each test.
    private static final Duration PER_TEST_TIMEOUT = Duration.ofSeconds(60);

    @ParameterizedTest
    @EnumSource(HttpTransport.class)
    void officialSocketIoClientInteroperates(HttpTransport transport) throws Exception {
        ActorSystem<Void> echoSystem = ActorSystem.create(Behaviors.empty(), "jobcast-echo-test");
        FixtureServer fixture = null;
        try {
            HttpBinding.Bound echo = HttpBinding.bind(echoSystem, "127.0.0.1", 0, transport,
                    EchoServer.endpoints(echoSystem), Directives.reject()).toCompletableFuture().get(10, TimeUnit.SECONDS);
            String echoUrl = "http://127.0.0.1:" + echo.localAddress().getPort();
            fixture = FixtureServer.start(transport);
            System.out.println(transport.setting() + ": ECHO_URL=" + echoUrl + " FIXTURE_URL=" + fixture.url());
            NodeTests.run("", Map.of("ECHO_URL", echoUrl, "FIXTURE_URL", fixture.url()), NODE_TIMEOUT,
                    PER_TEST_TIMEOUT);
        } finally {
            try {
                if (fixture != null) {
                    fixture.close();
                }
            } finally {
                echoSystem.terminate();
                echoSystem.getWhenTerminated().toCompletableFuture().get(15, TimeUnit.SECONDS);
            }
        }
    }
}
