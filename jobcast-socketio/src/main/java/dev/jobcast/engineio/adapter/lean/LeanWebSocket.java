package dev.jobcast.engineio.adapter.lean;

import dev.jobcast.engineio.EngineCommand.WsOut;
import dev.jobcast.engineio.EngineCommand;
import dev.jobcast.engineio.adapter.lean.http.RequestHead;
import dev.jobcast.engineio.adapter.lean.ws.WsAccept;
import dev.jobcast.engineio.adapter.lean.ws.WsCloseCodes;
import dev.jobcast.engineio.adapter.lean.ws.WsFrameDecoder;
import dev.jobcast.engineio.adapter.lean.ws.WsFrameEncoder;
import dev.jobcast.engineio.adapter.lean.ws.WsProtocolException;
import dev.jobcast.engineio.codec.EioCodec;
import dev.jobcast.engineio.codec.EioDecodeException;
import dev.jobcast.engineio.codec.EioPacket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.List;
import org.apache.pekko.util.ByteString;

/**
 * The WebSocket side of a lean connection (RFC 6455): client frames decoded into Engine.IO
 * packets for the session, one at a time as it acknowledges them; the session's batches
 * framed into one write each; pings answered; the close handshake. It speaks to the
 * session in the same messages as the Pekko HTTP adapter does.
 */
final class LeanWebSocket {

    /** A decoded client message on its way to the session. */
    private record Inbound(EioPacket packet, String error) {
    }

    private final LeanConnection connection;
    private final org.apache.pekko.actor.typed.ActorRef<EngineCommand> session;
    private final int gen;
    private final WsFrameDecoder decoder;
    /** Decoded, not yet taken by the session: at most what one read decodes to; null when none. */
    private ArrayDeque<Inbound> inbound;
    private ByteString unread = ByteString.emptyByteString();
    private boolean awaitingAck;
    /** The latest ping's answer, waiting for the socket (RFC 6455 5.5.3: only the latest needs one). */
    private ByteString pendingPong;
    private ByteString pendingBatch;
    /** The close frame to send once nothing else is left to write, or null. */
    private ByteString pendingClose;
    private boolean closeReceived;
    private boolean ended;

    LeanWebSocket(LeanConnection connection, org.apache.pekko.actor.typed.ActorRef<EngineCommand> session, int gen,
                  long maxPayload) {
        this.connection = connection;
        this.session = session;
        this.gen = gen;
        this.decoder = new WsFrameDecoder(WsFrameDecoder.Role.SERVER, (int) Math.min(Integer.MAX_VALUE, maxPayload));
    }

    /** Why a WebSocket request cannot be upgraded (RFC 6455 4.2.1), or null when it can. */
    static String problemWith(RequestHead head) {
        if (!"13".equals(head.header("Sec-WebSocket-Version").orElse(null))) {
            return "Sec-WebSocket-Version must be 13";
        }
        String key = head.header("Sec-WebSocket-Key").orElse(null);
        if (key == null || !WsAccept.isValidKey(key)) {
            return "Sec-WebSocket-Key must be 16 bytes in base64";
        }
        return null;
    }

    void open(boolean upgrade) {
        session.tell(new EngineCommand.WsOpened(gen, connection.typedSelf(), upgrade));
    }

    // ---- inbound ------------------------------------------------------------------------------

    void onBytes(ByteString data) {
        if (closeReceived || ended) {
            return; // nothing may follow a close frame
        }
        unread = unread.isEmpty() ? data : unread.concat(data);
        ByteBuffer buf = unread.asByteBuffer();
        try {
            decoder.decode(buf, sink);
        } catch (WsProtocolException e) {
            unread = ByteString.emptyByteString();
            fail(e.closeCode(), e.getMessage());
            return;
        }
        unread = unread.drop(buf.position());
        deliver();
    }

    private final WsFrameDecoder.Sink sink = new WsFrameDecoder.Sink() {
        @Override
        public void onText(String text) {
            try {
                queue(new Inbound(EioCodec.decodeText(text), null));
            } catch (EioDecodeException e) {
                queue(new Inbound(null, e.getMessage()));
            }
        }

        @Override
        public void onBinary(byte[] data) {
            queue(new Inbound(EioCodec.decodeBinaryFrame(data), null));
        }

        @Override
        public void onPing(byte[] payload) {
            pendingPong = ByteString.fromArrayUnsafe(WsFrameEncoder.serverPong(payload));
            flushWrites();
        }

        @Override
        public void onPong(byte[] payload) {
        }

        @Override
        public void onClose(int code, String reason) {
            closeReceived = true;
            // Echo the client's code (RFC 6455 5.5.1), or a plain normal closure when it gave none.
            int echo = code == WsCloseCodes.NO_STATUS ? WsCloseCodes.NORMAL : code;
            if (pendingClose == null) {
                pendingClose = ByteString.fromArrayUnsafe(WsFrameEncoder.serverClose(echo, ""));
            }
        }
    };

    private void queue(Inbound decoded) {
        if (inbound == null) {
            inbound = new ArrayDeque<>(2);
        }
        inbound.add(decoded);
    }

    /** Hands the next decoded packet to the session, or reads more when all are taken. */
    private void deliver() {
        if (awaitingAck || ended) {
            return;
        }
        Inbound next = inbound == null ? null : inbound.poll();
        if (inbound != null && inbound.isEmpty()) {
            inbound = null; // an idle connection holds no queue
        }
        if (next != null) {
            awaitingAck = true;
            session.tell(new EngineCommand.WsFrame(gen, next.packet(), next.error(), connection.typedSelf()));
        } else if (closeReceived) {
            end(null);
            flushWrites();
        } else {
            connection.resumeReading();
        }
    }

    void onSessionAck() {
        awaitingAck = false;
        deliver();
    }

    // ---- outbound -----------------------------------------------------------------------------

    void onSessionOutput(WsOut out) {
        if (out instanceof WsOut.Frames frames) {
            pendingBatch = encode(frames.packets());
            flushWrites();
        } else if (out instanceof WsOut.Complete) {
            if (pendingClose == null) {
                pendingClose = ByteString.fromArrayUnsafe(WsFrameEncoder.serverClose(WsCloseCodes.NORMAL, ""));
            }
            end(null);
            flushWrites();
        } else {
            end(null);
            connection.abort();
        }
    }

    /** Writes what is waiting, control frames first; one write at a time. */
    private void flushWrites() {
        if (connection.isWriting()) {
            return;
        }
        if (pendingPong != null && pendingClose == null) {
            ByteString pong = pendingPong;
            pendingPong = null;
            connection.write(pong, null);
        } else if (pendingBatch != null && !closeReceived) {
            ByteString batch = pendingBatch;
            pendingBatch = null;
            connection.write(batch, () -> {
                if (!ended) {
                    session.tell(new EngineCommand.WsReady(gen));
                }
            });
        } else if (pendingClose != null && (ended || closeReceived)) {
            ByteString close = pendingClose;
            pendingClose = null;
            connection.writeThenClose(close);
        }
    }

    void onWritable() {
        flushWrites();
    }

    /** Frames each packet (text or binary, as Engine.IO sends them) into one buffer, for one write. */
    static ByteString encode(List<EioPacket> packets) {
        byte[][] payloads = new byte[packets.size()][];
        int total = 0;
        for (int i = 0; i < payloads.length; i++) {
            EioPacket p = packets.get(i);
            payloads[i] = p.isBinary() ? p.binary() : EioCodec.encodeText(p).getBytes(StandardCharsets.UTF_8);
            total += WsFrameEncoder.headerLength(payloads[i].length, false) + payloads[i].length;
        }
        byte[] out = new byte[total];
        int at = 0;
        for (int i = 0; i < payloads.length; i++) {
            int opcode = packets.get(i).isBinary() ? WsFrameEncoder.BINARY : WsFrameEncoder.TEXT;
            at = WsFrameEncoder.writeHeader(out, at, opcode, true, payloads[i].length, false, 0);
            System.arraycopy(payloads[i], 0, out, at, payloads[i].length);
            at += payloads[i].length;
        }
        return ByteString.fromArrayUnsafe(out);
    }

    // ---- ending -------------------------------------------------------------------------------

    private void fail(int closeCode, String reason) {
        pendingBatch = null;
        pendingPong = null;
        pendingClose = ByteString.fromArrayUnsafe(WsFrameEncoder.serverClose(closeCode, ""));
        end(new IllegalStateException("WebSocket protocol error: " + reason));
        flushWrites();
    }

    /** Tells the session this stream is over, once. */
    private void end(Throwable error) {
        if (!ended) {
            ended = true;
            inbound = null;
            session.tell(new EngineCommand.WsEnded(gen, error));
        }
    }

    /**
     * The TCP connection closed, or its actor stopped: the session must not wait on it. Like
     * the reference server, it ends as "transport close" whether or not a close frame came.
     */
    void connectionGone() {
        end(null);
    }
}
