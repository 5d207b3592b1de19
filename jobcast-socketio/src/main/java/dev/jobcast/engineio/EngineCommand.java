package dev.jobcast.engineio;

import dev.jobcast.engineio.codec.EioPacket;
import java.util.List;
import java.util.function.Consumer;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * The protocol of a session actor: what the transport adapters, timers and other actors
 * tell it. Transport messages carry only Engine.IO packets and plain values.
 */
public sealed interface EngineCommand {

    /** A long-polling GET: answered with a payload once there is something to send. */
    record PollGet(ActorRef<PollReply> replyTo) implements EngineCommand {
    }

    /** A long-polling POST, already decoded. */
    record PollPost(List<EioPacket> packets, ActorRef<PollReply> replyTo) implements EngineCommand {
    }

    /** The answer to a polling request. */
    sealed interface PollReply {
        record Payload(String body) implements PollReply {
        }

        record Ok() implements PollReply {
        }

        record Failed(EngineError error) implements PollReply {
        }
    }

    /** A WebSocket stream materialized: {@code outlet} takes frames to send. */
    record WsOpened(int gen, ActorRef<WsOut> outlet, boolean upgrade) implements EngineCommand {
    }

    /** The inbound side of a WebSocket stream started; ack to ask for the first frame. */
    record WsInit(int gen, ActorRef<WsAck> ackTo) implements EngineCommand {
    }

    /** One inbound frame, decoded (or the reason it could not be). Ack to get the next. */
    record WsFrame(int gen, EioPacket packet, String error, ActorRef<WsAck> ackTo) implements EngineCommand {
    }

    /** The outbound side wrote the last batch and can take another. */
    record WsReady(int gen) implements EngineCommand {
    }

    /** The WebSocket stream ended; {@code error} is null on a clean close. */
    record WsEnded(int gen, Throwable error) implements EngineCommand {
    }

    /** Asks the session to send what is queued and close (or to close at once). */
    record Close(String reason, boolean drain) implements EngineCommand {
    }

    /** Runs a task of the layer above on this actor. */
    record Run(Runnable task) implements EngineCommand {
    }

    /** A message for the layer above, delivered through an adapter. */
    record Adapted<T>(T message, Consumer<T> handler) implements EngineCommand {
        void deliver() {
            handler.accept(message);
        }
    }

    /** Timer messages. */
    enum Tick implements EngineCommand { SEND_PING, PONG_TIMEOUT, UPGRADE_TIMEOUT, CLOSE_GRACE, STOP }

    /** Acknowledgement for the inbound WebSocket sink. */
    enum WsAck { ACK }

    /** What goes to a WebSocket's outbound source. */
    sealed interface WsOut {
        record Frames(List<EioPacket> packets) implements WsOut {
        }

        record Complete() implements WsOut {
        }

        /** Tear the connection down without waiting for buffered frames (the client stopped reading). */
        record Abort() implements WsOut {
        }
    }
}
