package dev.jobcast.engineio.adapter.lean.ws;

import java.nio.ByteBuffer;

/**
 * Read buffering for one WebSocket, either end, sized by the incomplete frame that
 * {@link WsFrameDecoder} reports (RFC 6455 section 5.2). Connections read through one buffer their
 * thread shares; a connection holds bytes of its own only while a frame of it is
 * incomplete, in a buffer the size of that frame, dropped once the frame is whole. So an
 * idle connection holds none, and a large frame grows one connection's buffer only while it
 * arrives.
 */
public final class WsReadBuffer {
    // The incomplete frame's bytes (write mode: position = bytes held), or null.
    private ByteBuffer pending;

    /**
     * The buffer to read into next (write mode): the shared one, cleared, with the bytes held
     * first; or, while an incomplete frame is larger than the shared buffer, this
     * connection's own, sized to that frame.
     */
    public ByteBuffer next(ByteBuffer shared) {
        if (pending != null && pending.capacity() > shared.capacity()) {
            return pending;
        }
        shared.clear();
        if (pending != null) {
            shared.put(pending.flip());
            pending = null;
        }
        return shared;
    }

    /**
     * Keeps what decoding left of a buffer from {@link #next} (read mode, position at the
     * first byte not used).
     *
     * @param need how many bytes the incomplete frame takes in all, as far as is known
     */
    public void keep(ByteBuffer buf, int need) {
        if (!buf.hasRemaining()) {
            pending = null;
            return;
        }
        int size = Math.max(need, buf.remaining());
        if (buf == pending && pending.capacity() == size) {
            pending.compact();
            return;
        }
        ByteBuffer own = ByteBuffer.allocate(size);
        own.put(buf);
        pending = own;
    }

    /** Bytes held for an incomplete frame. */
    public int held() {
        return pending == null ? 0 : pending.position();
    }

    /** The size of this connection's own buffer, 0 when it holds none. */
    public int capacity() {
        return pending == null ? 0 : pending.capacity();
    }
}
