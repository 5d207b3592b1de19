package dev.jobcast.engineio;

import dev.jobcast.engineio.codec.EioPacket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * One Engine.IO session as the layer above sees it. All methods must be called on the
 * session's own actor (from {@link EngineListener} callbacks or tasks it scheduled).
 */
public interface EngineSocket {
    String sid();

    HandshakeRequest request();

    /** "polling" or "websocket": the transport in use now. */
    String transport();

    /**
     * Queues MESSAGE packets that must go out together and in order (a Socket.IO packet and
     * its attachments). Returns false if the outbound queue overflowed: the session is then
     * closed with reason {@link CloseReasons#SLOW_CLIENT}.
     *
     * @param conflationKey when not null, a still-queued item with the same key is replaced
     *                      (the latest wins) instead of queueing one more.
     */
    boolean send(List<EioPacket> messages, String conflationKey);

    /** Sends what is queued, then closes the session. */
    void close(String reason);

    /**
     * Closes the session at once, dropping what is queued, as a broken network would; a
     * polling client still gets the CLOSE packet on its next poll.
     */
    void abort(String reason);

    /** Runs {@code task} on this session's actor after {@code delay}; the result cancels it. */
    Runnable schedule(Duration delay, Runnable task);

    /** Calls {@code callback} on this session's actor when {@code stage} completes. */
    <T> void pipe(CompletionStage<T> stage, BiConsumer<T, Throwable> callback);

    /** A reference other actors can send {@code type} messages to; each runs {@code handler} here. */
    <T> ActorRef<T> adapter(Class<T> type, Consumer<T> handler);

    /** Packets queued and not yet written (for bounds and tests). */
    int queuedPackets();

    /** The bound of the outbound queue, in packets: more than this closes the session. */
    int queueCapacity();
}
