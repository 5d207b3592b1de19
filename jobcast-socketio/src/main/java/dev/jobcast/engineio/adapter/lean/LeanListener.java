package dev.jobcast.engineio.adapter.lean;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.pekko.actor.AbstractActor;
import org.apache.pekko.actor.ActorRef;
import org.apache.pekko.actor.OneForOneStrategy;
import org.apache.pekko.actor.Props;
import org.apache.pekko.actor.SupervisorStrategy;
import org.apache.pekko.io.Tcp;
import org.apache.pekko.io.TcpMessage;
import org.apache.pekko.japi.pf.DeciderBuilder;

/**
 * Owns the listening socket of the lean transport (Pekko IO TCP, pull mode): accepts
 * connections a few at a time and gives each its own {@link LeanConnection}.
 */
final class LeanListener extends AbstractActor {
    /** Asks the listener to stop accepting; answered with {@code Unbind}'s completion. */
    enum Unbind { INSTANCE }

    /** How many connections are accepted before the listener asks for more. */
    private static final int ACCEPT_BATCH = 16;
    private static final int BACKLOG = 4096;

    private final InetSocketAddress address;
    private final LeanSetup setup;
    private final CompletableFuture<LeanBinding> bound;
    private ActorRef tcpListener;
    private int acceptedInBatch;
    private ActorRef unbindRequester;

    static Props props(InetSocketAddress address, LeanSetup setup, CompletableFuture<LeanBinding> bound) {
        return Props.create(LeanListener.class, () -> new LeanListener(address, setup, bound));
    }

    private LeanListener(InetSocketAddress address, LeanSetup setup, CompletableFuture<LeanBinding> bound) {
        this.address = address;
        this.setup = setup;
        this.bound = bound;
    }

    @Override
    public void preStart() {
        Tcp.get(getContext().getSystem()).manager()
                .tell(TcpMessage.bind(getSelf(), address, BACKLOG, List.of(), true), getSelf());
    }

    /** A connection whose actor failed is closed; it never takes the listener or its neighbours along. */
    @Override
    public SupervisorStrategy supervisorStrategy() {
        return new OneForOneStrategy(DeciderBuilder.matchAny(e -> SupervisorStrategy.stop()).build());
    }

    @Override
    public Receive createReceive() {
        return receiveBuilder()
                .match(Tcp.Bound.class, b -> {
                    tcpListener = getSender();
                    bound.complete(new LeanBinding(b.localAddress(), getSelf()));
                    tcpListener.tell(TcpMessage.resumeAccepting(ACCEPT_BATCH), getSelf());
                })
                .match(Tcp.CommandFailed.class, f -> {
                    bound.completeExceptionally(new IllegalStateException("cannot listen on " + address
                            + (f.cause().isDefined() ? ": " + f.cause().get().getMessage() : "")));
                    getContext().stop(getSelf());
                })
                .match(Tcp.Connected.class, c -> {
                    ActorRef connection = getSender();
                    getContext().actorOf(LeanConnection.props(connection, c.remoteAddress(), setup));
                    if (++acceptedInBatch == ACCEPT_BATCH) {
                        acceptedInBatch = 0;
                        tcpListener.tell(TcpMessage.resumeAccepting(ACCEPT_BATCH), getSelf());
                    }
                })
                .matchEquals(Unbind.INSTANCE, u -> {
                    if (tcpListener == null) {
                        getSender().tell(Unbind.INSTANCE, getSelf());
                        return;
                    }
                    unbindRequester = getSender();
                    tcpListener.tell(TcpMessage.unbind(), getSelf());
                })
                .match(Tcp.Unbound.class, u -> {
                    if (unbindRequester != null) {
                        unbindRequester.tell(Unbind.INSTANCE, getSelf());
                    }
                    tcpListener = null;
                })
                .build();
    }
}
