package dev.jobcast.engineio.adapter.lean;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.Done;
import org.apache.pekko.actor.ActorRef;
import org.apache.pekko.actor.CoordinatedShutdown;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.pattern.Patterns;

/** A port the lean transport listens on: its address, and how to stop listening. */
public final class LeanBinding {
    private final InetSocketAddress localAddress;
    private final ActorRef listener;

    LeanBinding(InetSocketAddress localAddress, ActorRef listener) {
        this.localAddress = localAddress;
        this.listener = listener;
    }

    public InetSocketAddress localAddress() {
        return localAddress;
    }

    /** Stops accepting connections; the open ones go on until their sessions end. */
    public CompletionStage<Done> unbind() {
        return Patterns.ask(listener, LeanListener.Unbind.INSTANCE, Duration.ofSeconds(10)).thenApply(x -> Done.done());
    }

    /** Unbinds when the actor system shuts down, before the actors stop. */
    public LeanBinding addToCoordinatedShutdown(ActorSystem<?> system) {
        CoordinatedShutdown.get(system).addTask(CoordinatedShutdown.PhaseServiceUnbind(),
                "lean-unbind-" + localAddress.getPort(), this::unbind);
        return this;
    }
}
