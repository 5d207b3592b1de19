package dev.jobcast.bench;

import dev.jobcast.engineio.codec.EioCodec;
import dev.jobcast.engineio.codec.EioDecodeException;
import dev.jobcast.engineio.codec.EioPacket;
import java.util.function.Consumer;

/**
 * The Engine.IO side of the generator's WebSocket-only client sessions: it decodes a text
 * frame, answers the server's pings, and hands the OPEN and every MESSAGE to the Socket.IO
 * session above; anything else ends the session. Plain and stateless, so the fan-out
 * watcher, the job watcher and the worker share it.
 */
public final class EngineFrames {
    private static final String PONG = EioCodec.encodeText(EioPacket.pong());

    /** The session above: what it does with what this layer lets through. */
    public interface Session {
        /** The server's OPEN, the first packet: answer with the Socket.IO CONNECT. */
        void opened(Consumer<String> out);

        void message(EioPacket message, Consumer<String> out);

        void failed(String why);
    }

    private EngineFrames() {
    }

    /**
     * One text frame from the server for {@code session}, which is still waiting for its OPEN
     * when {@code awaitingOpen}; {@code out} takes the frames to send back.
     */
    public static void onText(String frame, boolean awaitingOpen, Session session, Consumer<String> out) {
        EioPacket packet;
        try {
            packet = EioCodec.decodeText(frame);
        } catch (EioDecodeException e) {
            session.failed("bad Engine.IO packet: " + e.getMessage());
            return;
        }
        switch (packet.type()) {
            case OPEN -> {
                if (awaitingOpen) {
                    session.opened(out);
                } else {
                    session.failed("second OPEN");
                }
            }
            case PING -> out.accept(PONG);
            case MESSAGE -> session.message(packet, out);
            case CLOSE -> session.failed("server closed the session");
            default -> {
                // NOOP and the rest carry nothing for a WebSocket-only client.
            }
        }
    }
}
