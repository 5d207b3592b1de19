package dev.jobcast.engineio.adapter.lean;

import dev.jobcast.engineio.EngineServer;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.pekko.actor.ExtendedActorSystem;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.http.javadsl.settings.ServerSettings;
import org.apache.pekko.stream.Materializer;

/**
 * The lean transport: one port on Pekko's TCP layer where requests to the Socket.IO path
 * are served by our own HTTP/1.1 and RFC 6455 handling, and every other connection is
 * handed, bytes and all, to Pekko HTTP's server layer running {@code fallback}.
 */
public final class LeanServer {
    private static final AtomicInteger COUNT = new AtomicInteger();
    /** How long a request may take to arrive, and a keep-alive connection may sit idle. */
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

    private LeanServer() {
    }

    /**
     * Listens on {@code host:port}: requests to the paths of {@code engines} are served on the
     * lean path, every other connection by {@code fallback} on Pekko HTTP.
     */
    public static CompletionStage<LeanBinding> bind(ActorSystem<?> system, String host, int port,
                                                    List<EngineServer> engines, Route fallback) {
        return bind(system, host, port, engines, fallback, REQUEST_TIMEOUT);
    }

    /** The same, with how long a request may take to arrive (and a connection may sit idle). */
    public static CompletionStage<LeanBinding> bind(ActorSystem<?> system, String host, int port,
                                                    List<EngineServer> engines, Route fallback, Duration requestTimeout) {
        LeanSetup setup = new LeanSetup(system, engines.stream().map(LeanSetup.Endpoint::of).toList(),
                fallback.flow(system), ServerSettings.create(Adapter.toClassic(system)),
                Materializer.matFromSystem(system), LeanSetup.MAX_HEAD_BYTES, LeanSetup.MAX_HEADER_FIELDS,
                requestTimeout);
        CompletableFuture<LeanBinding> bound = new CompletableFuture<>();
        ((ExtendedActorSystem) Adapter.toClassic(system)).systemActorOf(
                LeanListener.props(new InetSocketAddress(host, port), setup, bound), "lean-listener-" + COUNT.incrementAndGet());
        return bound;
    }
}
