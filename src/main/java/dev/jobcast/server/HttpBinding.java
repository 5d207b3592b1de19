package dev.jobcast.server;

import java.time.Duration;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.ServerBinding;
import org.apache.pekko.http.javadsl.server.Route;

/** Binds routes to a port and unbinds them cleanly when the actor system terminates. */
public final class HttpBinding {
    private HttpBinding() {
    }

    public static CompletionStage<ServerBinding> bind(ActorSystem<?> system, String host, int port, Route route) {
        return Http.get(system).newServerAt(host, port).bind(route)
                .thenApply(binding -> binding.addToCoordinatedShutdown(Duration.ofSeconds(5), system));
    }
}
