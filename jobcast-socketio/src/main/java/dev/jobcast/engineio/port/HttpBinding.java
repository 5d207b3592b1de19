package dev.jobcast.engineio.port;

import dev.jobcast.engineio.EngineServer;
import dev.jobcast.engineio.adapter.lean.LeanServer;
import dev.jobcast.engineio.adapter.pekkohttp.EngineRoutes;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.ServerBinding;
import org.apache.pekko.http.javadsl.server.Directives;
import org.apache.pekko.http.javadsl.server.Route;

/** Binds routes to a port and unbinds them cleanly when the actor system terminates. */
public final class HttpBinding {
    private HttpBinding() {
    }

    public static CompletionStage<ServerBinding> bind(ActorSystem<?> system, String host, int port, Route route) {
        return Http.get(system).newServerAt(host, port).bind(route)
                .thenApply(binding -> binding.addToCoordinatedShutdown(Duration.ofSeconds(5), system));
    }

    /** A bound port, whichever transport serves it. */
    public record Bound(InetSocketAddress localAddress, Supplier<CompletionStage<?>> unbinder) {
        public CompletionStage<?> unbind() {
            return unbinder.get();
        }
    }

    /**
     * Serves Engine.IO endpoints and {@code others} on one port, with {@code transport}: the
     * lean transport serves the endpoints itself and hands the rest to Pekko HTTP.
     */
    public static CompletionStage<Bound> bind(ActorSystem<?> system, String host, int port, HttpTransport transport,
                                              List<EngineServer> engines, Route others) {
        Route[] routes = engines.stream().map(EngineRoutes::of).toArray(Route[]::new);
        // Socket.IO requests on a connection that Pekko HTTP took over still reach the endpoints.
        Route all = Directives.concat(Directives.concat(Directives.reject(), routes), others);
        if (transport == HttpTransport.LEAN) {
            return LeanServer.bind(system, host, port, engines, all)
                    .thenApply(b -> {
                        b.addToCoordinatedShutdown(system);
                        return new Bound(b.localAddress(), b::unbind);
                    });
        }
        return bind(system, host, port, all).thenApply(b -> new Bound(b.localAddress(), b::unbind));
    }
}
