package dev.jobcast.engineio;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dev.jobcast.engineio.port.HttpBinding;
import dev.jobcast.engineio.port.HttpTransport;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.server.Directives;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * Test fixture: Engine.IO endpoints (on either transport) or a route, bound on 127.0.0.1 at
 * a free port, plus actor system helpers.
 */
public final class HttpTestServer implements AutoCloseable {
    /** The one generous bound every wait in these tests uses: they pass far sooner unless broken. */
    public static final Duration TIMEOUT = Duration.ofSeconds(20);

    private final int port;
    private final Supplier<CompletionStage<?>> unbind;

    private HttpTestServer(int port, Supplier<CompletionStage<?>> unbind) {
        this.port = port;
        this.unbind = unbind;
    }

    /**
     * Settings of the library's HTTP side as the application uses them, but independent of
     * the application's own configuration (which wires persistence and more).
     */
    private static final Config CONFIG = ConfigFactory.parseResources("jobcast-http.conf")
            .withFallback(ConfigFactory.defaultReference());

    /** An actor system for one test class. */
    public static ActorSystem<Void> newSystem(String name) {
        return ActorSystem.create(Behaviors.empty(), name, CONFIG);
    }

    public static void terminate(ActorSystem<?> system) throws Exception {
        if (system != null) {
            system.terminate();
            system.getWhenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);
        }
    }

    /** {@code route} on Pekko HTTP alone. */
    public static HttpTestServer start(ActorSystem<?> system, Route route) throws Exception {
        var b = Http.get(system).newServerAt("127.0.0.1", 0).bind(route).toCompletableFuture().get(30, TimeUnit.SECONDS);
        return new HttpTestServer(b.localAddress().getPort(), b::unbind);
    }

    /** {@code engines} served as the application serves them, on {@code transport}. */
    public static HttpTestServer start(ActorSystem<?> system, HttpTransport transport, EngineServer... engines)
            throws Exception {
        HttpBinding.Bound b = HttpBinding.bind(system, "127.0.0.1", 0, transport, List.of(engines), Directives.reject())
                .toCompletableFuture().get(30, TimeUnit.SECONDS);
        return new HttpTestServer(b.localAddress().getPort(), b::unbind);
    }

    public int port() {
        return port;
    }

    /** {@code http://127.0.0.1:port} + {@code pathAndQuery}. */
    public URI http(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + port() + pathAndQuery);
    }

    public URI ws(String pathAndQuery) {
        return URI.create("ws://127.0.0.1:" + port() + pathAndQuery);
    }

    @Override
    public void close() {
        unbind.get().toCompletableFuture().orTimeout(30, TimeUnit.SECONDS).join();
    }
}
