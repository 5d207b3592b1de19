package dev.jobcast.engineio.adapter.lean;

import java.net.InetSocketAddress;
import org.apache.pekko.actor.ActorRef;
import org.apache.pekko.pattern.Patterns;
import org.apache.pekko.stream.OverflowStrategy;
import org.apache.pekko.stream.QueueOfferResult;
import org.apache.pekko.stream.javadsl.Keep;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Source;
import org.apache.pekko.stream.javadsl.SourceQueueWithComplete;
import org.apache.pekko.util.ByteString;

/**
 * A lean connection handed to Pekko HTTP: its bytes, from the first byte of the request
 * that was not for Socket.IO, go into Pekko HTTP's server pipeline, and what the pipeline
 * answers goes back to the socket. Both ways are backpressured: the socket is read again
 * only once Pekko HTTP took the last chunk, and the pipeline gets its next chunk written
 * only once the socket took the previous one.
 */
final class LeanHandOff {

    private enum Signal { INIT, ACK, DONE }

    private record Offered(QueueOfferResult result, Throwable failure) {
    }

    private record Failed(Throwable cause) {
    }

    private final LeanConnection connection;
    private final ActorRef self;
    private final InetSocketAddress remote;
    private final LeanSetup setup;
    private SourceQueueWithComplete<ByteString> queue;

    LeanHandOff(LeanConnection connection, ActorRef self, InetSocketAddress remote, LeanSetup setup) {
        this.connection = connection;
        this.self = self;
        this.remote = remote;
        this.setup = setup;
    }

    /** Starts Pekko HTTP's pipeline with the bytes read so far. */
    void start(ByteString received) {
        queue = Source.<ByteString>queue(1, OverflowStrategy.backpressure())
                .via(setup.handOff(remote))
                .toMat(Sink.actorRefWithBackpressure(self, Signal.INIT, Signal.ACK, Signal.DONE, Failed::new),
                        Keep.left())
                .run(setup.materializer());
        onBytes(received);
    }

    void onBytes(ByteString data) {
        if (data.isEmpty()) {
            connection.resumeReading();
            return;
        }
        // handleAsync on this thread: the stage comes from a Scala Future, whose plain handle()
        // would run on the common pool, which on one or two cores starts a thread per call.
        Patterns.pipe(queue.offer(data).handleAsync(Offered::new, Runnable::run),
                setup.materializer().executionContext()).to(self);
    }

    /** What the connection's actor got that belongs to the hand-off. */
    void onMessage(Object message, ActorRef sender) {
        if (message instanceof Offered o) {
            if (o.failure() == null && o.result() == QueueOfferResult.enqueued()) {
                connection.resumeReading();
            } else {
                connection.close();
            }
        } else if (message == Signal.INIT) {
            sender.tell(Signal.ACK, self);
        } else if (message instanceof ByteString bytes) {
            connection.write(bytes, () -> sender.tell(Signal.ACK, self));
        } else if (message == Signal.DONE || message instanceof Failed) {
            connection.close();
        }
    }

    /** The connection is gone: the pipeline ends too. */
    void stopped() {
        if (queue != null) {
            queue.complete();
        }
    }
}
