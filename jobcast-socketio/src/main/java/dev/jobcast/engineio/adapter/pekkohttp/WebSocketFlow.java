package dev.jobcast.engineio.adapter.pekkohttp;

import dev.jobcast.engineio.EngineCommand.WsAck;
import dev.jobcast.engineio.EngineCommand.WsOut;
import dev.jobcast.engineio.EngineCommand;
import dev.jobcast.engineio.codec.EioCodec;
import dev.jobcast.engineio.codec.EioDecodeException;
import dev.jobcast.engineio.codec.EioPacket;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.NotUsed;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.http.javadsl.model.ws.BinaryMessage;
import org.apache.pekko.http.javadsl.model.ws.Message;
import org.apache.pekko.http.javadsl.model.ws.TextMessage;
import org.apache.pekko.stream.CompletionStrategy;
import org.apache.pekko.stream.Materializer;
import org.apache.pekko.stream.javadsl.Flow;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Source;
import org.apache.pekko.stream.typed.javadsl.ActorSink;
import org.apache.pekko.stream.typed.javadsl.ActorSource;
import org.apache.pekko.util.ByteString;

/**
 * The WebSocket transport adapter for Pekko HTTP: one Engine.IO packet per frame. Inbound
 * frames reach the session actor one at a time (it acks each), outbound batches leave
 * one at a time (the stream acks each), so neither side queues more than one element.
 */
final class WebSocketFlow {

    private record Inbound(EioPacket packet, String error) {
    }

    private static final Exception ABORTED = new IllegalStateException("session closed without draining");

    private WebSocketFlow() {
    }

    static Flow<Message, Message, NotUsed> create(ActorRef<EngineCommand> session, int gen, boolean upgrade,
                                                  long maxPayload, Materializer mat) {
        Sink<Message, NotUsed> in = Flow.<Message>create()
                .mapAsync(1, m -> decode(m, maxPayload, mat))
                .to(ActorSink.<Inbound, EngineCommand, WsAck>actorRefWithBackpressure(
                        session,
                        (ackTo, i) -> new EngineCommand.WsFrame(gen, i.packet(), i.error(), ackTo),
                        ackTo -> new EngineCommand.WsInit(gen, ackTo),
                        WsAck.ACK,
                        new EngineCommand.WsEnded(gen, null),
                        error -> new EngineCommand.WsEnded(gen, error)));

        Source<Message, NotUsed> out = ActorSource.<WsOut, EngineCommand>actorRefWithBackpressure(
                        session,
                        new EngineCommand.WsReady(gen),
                        m -> m instanceof WsOut.Complete ? Optional.of(CompletionStrategy.draining()) : Optional.empty(),
                        m -> m instanceof WsOut.Abort ? Optional.of(ABORTED) : Optional.empty())
                .mapMaterializedValue(ref -> {
                    session.tell(new EngineCommand.WsOpened(gen, ref, upgrade));
                    return NotUsed.notUsed();
                })
                .mapConcat(WebSocketFlow::frames);

        return Flow.fromSinkAndSourceCoupled(in, out);
    }

    private static List<Message> frames(WsOut out) {
        if (!(out instanceof WsOut.Frames frames)) {
            return List.of();
        }
        List<Message> messages = new ArrayList<>(frames.packets().size());
        for (EioPacket p : frames.packets()) {
            messages.add(p.isBinary()
                    ? BinaryMessage.create(ByteString.fromArrayUnsafe(p.binary()))
                    : TextMessage.create(EioCodec.encodeText(p)));
        }
        return messages;
    }

    /** Collects a (possibly streamed) frame up to maxPayload; a larger one fails the stream. */
    private static CompletionStage<Inbound> decode(Message m, long maxPayload, Materializer mat) {
        if (m.isText()) {
            TextMessage t = m.asTextMessage();
            if (t.isStrict()) {
                String text = t.getStrictText();
                return utf8Length(text) > maxPayload ? tooLarge() : CompletableFuture.completedFuture(text(text));
            }
            return t.getStreamedText()
                    .limitWeighted(maxPayload, WebSocketFlow::utf8Length)
                    .runFold(new StringBuilder(), StringBuilder::append, mat)
                    .thenApplyAsync(sb -> text(sb.toString()), Runnable::run); // not on the common pool
        }
        BinaryMessage b = m.asBinaryMessage();
        if (b.isStrict()) {
            ByteString bytes = b.getStrictData();
            return bytes.size() > maxPayload ? tooLarge()
                    : CompletableFuture.completedFuture(new Inbound(EioCodec.decodeBinaryFrame(bytes.toArray()), null));
        }
        return b.getStreamedData()
                .limitWeighted(maxPayload, bs -> (long) bs.size())
                .runFold(ByteString.emptyByteString(), ByteString::concat, mat)
                .thenApplyAsync(bytes -> new Inbound(EioCodec.decodeBinaryFrame(bytes.toArray()), null),
                        Runnable::run); // not on the common pool
    }

    /** maxPayload counts bytes, as on polling and as the handshake announces it. */
    static long utf8Length(String s) {
        long bytes = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                bytes += 1;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }

    private static Inbound text(String frame) {
        try {
            return new Inbound(EioCodec.decodeText(frame), null);
        } catch (EioDecodeException e) {
            return new Inbound(null, e.getMessage());
        }
    }

    private static CompletionStage<Inbound> tooLarge() {
        return CompletableFuture.failedFuture(new IllegalStateException("frame larger than maxPayload"));
    }
}
