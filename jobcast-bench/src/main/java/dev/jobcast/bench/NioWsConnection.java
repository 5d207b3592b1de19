package dev.jobcast.bench;

import dev.jobcast.engineio.adapter.lean.ws.WsCloseCodes;
import dev.jobcast.engineio.adapter.lean.ws.WsFrameDecoder;
import dev.jobcast.engineio.adapter.lean.ws.WsFrameEncoder;
import dev.jobcast.engineio.adapter.lean.ws.WsProtocolException;
import dev.jobcast.engineio.adapter.lean.ws.WsReadBuffer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One client WebSocket of {@link NioWsConnector}, on a non-blocking socket owned by one
 * {@link NioLoop}: connect, upgrade, then frames both ways. Everything but {@link #send}
 * and {@link #close} from other threads runs on the loop's thread, so nothing here locks.
 * Kept small: the generator holds thousands.
 */
final class NioWsConnection implements WsConnection, WsFrameDecoder.Sink {
    /** Frames waiting for the socket, at most, by default: a watcher sends a handful in its life. */
    static final int MAX_QUEUED = 16;

    private enum State { CONNECTING, UPGRADING, OPEN, CLOSING, CLOSED }

    private final NioLoop loop;
    private final Handler handler;
    private final WsReadBuffer readBuffer = new WsReadBuffer();
    private final WsFrameDecoder decoder;
    private final long deadlineNanos;
    private final int maxQueued;
    private State state = State.CONNECTING;
    private SocketChannel channel;
    private SelectionKey key;
    // Until the upgrade: the future to complete and the key the server must prove it saw.
    private CompletableFuture<WsConnection> opened;
    private String wsKey;
    // Until the connect completes: the URI the upgrade request is for.
    private URI uri;
    private ArrayDeque<ByteBuffer> queue;
    // Set once a close frame went into the queue: the socket closes when the queue is empty.
    private boolean closeWhenFlushed;

    NioWsConnection(NioLoop loop, Handler handler, int maxMessage, int maxQueued, long deadlineNanos,
                    CompletableFuture<WsConnection> opened) {
        this.maxQueued = maxQueued;
        this.loop = loop;
        this.handler = handler;
        this.decoder = new WsFrameDecoder(WsFrameDecoder.Role.CLIENT, maxMessage);
        this.deadlineNanos = deadlineNanos;
        this.opened = opened;
    }

    long deadlineNanos() {
        return deadlineNanos;
    }

    boolean isHandshaking() {
        return state == State.CONNECTING || state == State.UPGRADING;
    }

    /** Opens the socket (from {@code local}, when not null) and starts connecting; on the loop. */
    void start(URI uri, InetSocketAddress remote, InetAddress local) {
        loop.watch(this);
        try {
            channel = SocketChannel.open();
            channel.configureBlocking(false);
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            if (local != null) {
                // Lets the port of a connection of an earlier run, now in TIME_WAIT, be bound again.
                channel.setOption(StandardSocketOptions.SO_REUSEADDR, true);
                channel.bind(new InetSocketAddress(local, 0));
            }
            wsKey = WsHandshake.newKey(ThreadLocalRandom.current());
            boolean connected = channel.connect(remote);
            key = channel.register(loop.selector(), connected ? 0 : SelectionKey.OP_CONNECT, this);
            if (connected) {
                upgrade(uri);
            } else {
                this.uri = uri;
            }
        } catch (IOException | RuntimeException e) {
            fail("connect failed: " + e);
        }
    }

    /** The selector found this connection ready for what it waits for. */
    void onSelected(SelectionKey k) {
        try {
            if (!k.isValid()) {
                return;
            }
            if (k.isConnectable()) {
                if (!channel.finishConnect()) {
                    return;
                }
                URI u = uri;
                uri = null;
                upgrade(u);
            }
            if (k.isValid() && k.isWritable()) {
                flush();
            }
            if (k.isValid() && k.isReadable()) {
                read();
            }
        } catch (IOException e) {
            fail((state == State.CONNECTING ? "connect failed: " : "transport error: ") + e);
        } catch (WsProtocolException e) {
            failProtocol(e);
        }
    }

    private void upgrade(URI u) throws IOException {
        state = State.UPGRADING;
        key.interestOps(SelectionKey.OP_READ);
        enqueue(ByteBuffer.wrap(WsHandshake.request(u, wsKey)));
    }

    private void read() throws IOException, WsProtocolException {
        ByteBuffer buf = readBuffer.next(loop.shared());
        int n = channel.read(buf);
        buf.flip();
        if (state == State.UPGRADING) {
            readHead(buf);
        }
        if (state == State.OPEN || state == State.CLOSING) {
            readBuffer.keep(buf, decoder.decode(buf, this));
        }
        if (n < 0 && state != State.CLOSED) {
            fail(state == State.OPEN ? "the server closed the connection without a close frame"
                    : state == State.CLOSING ? "closed by the server" : "the server closed the connection during the handshake");
        }
    }

    private void readHead(ByteBuffer buf) throws WsProtocolException {
        int end = WsHandshake.headEnd(buf);
        if (end < 0) {
            if (buf.remaining() >= WsHandshake.MAX_HEAD) {
                throw new WsProtocolException(WsCloseCodes.PROTOCOL_ERROR,
                        "handshake failed: a response head longer than " + WsHandshake.MAX_HEAD + " bytes");
            }
            readBuffer.keep(buf, buf.remaining() + 1);
            return;
        }
        byte[] head = new byte[end - buf.position()];
        buf.get(head);
        WsHandshake.verify(new String(head, StandardCharsets.ISO_8859_1), wsKey);
        wsKey = null;
        state = State.OPEN;
        CompletableFuture<WsConnection> f = opened;
        opened = null;
        f.complete(this);
    }

    @Override
    public void onText(String text) {
        if (state == State.OPEN) {
            handler.onText(this, text);
        }
    }

    @Override
    public void onBinary(byte[] data) {
        // The fan-out contract has no binary: read and ignored.
    }

    @Override
    public void onPing(byte[] payload) {
        if (state == State.OPEN) {
            enqueue(WsFrameEncoder.clientPong(payload, mask()));
        }
    }

    @Override
    public void onPong(byte[] payload) {
        // This client pings never, so a pong is unsolicited, and ignored (section 5.5.3).
    }

    @Override
    public void onClose(int code, String reason) {
        if (state == State.OPEN) {
            // Echo the code (section 5.5.1), then the socket closes once that is written.
            enqueue(WsFrameEncoder.clientClose(code, "", mask()));
            closeWhenFlushed = true;
            ended("closed by the server (" + code + (reason.isEmpty() ? "" : " " + reason) + ")");
            if (queue == null || queue.isEmpty()) {
                closeChannel();
            }
        } else if (state == State.CLOSING) {
            closeChannel();
        }
    }

    @Override
    public void send(String text) {
        if (loop.inLoop()) {
            sendNow(text);
        } else {
            loop.execute(() -> sendNow(text));
        }
    }

    private void sendNow(String text) {
        if (state == State.OPEN) {
            enqueue(WsFrameEncoder.clientText(text, mask()));
        }
    }

    /**
     * Sends a close frame if the socket takes it at once and closes the socket right away,
     * without waiting for the server's: at the end of a run thousands close at once, and the
     * server must see them gone now, not after a round trip each.
     */
    @Override
    public void close() {
        if (loop.inLoop()) {
            closeNow();
        } else {
            loop.execute(this::closeNow);
        }
    }

    private void closeNow() {
        if (state == State.OPEN && (queue == null || queue.isEmpty())) {
            try {
                channel.write(WsFrameEncoder.clientClose(WsCloseCodes.NORMAL, "", mask()));
            } catch (IOException e) {
                // Closing anyway.
            }
        }
        abort("closed by the client");
    }

    /** Drops the connection now, telling whoever waits for it why; on the loop. */
    void abort(String why) {
        fail(why);
    }

    void handshakeTimedOut() {
        fail("handshake timed out");
    }

    private void enqueue(ByteBuffer frame) {
        if (state == State.CLOSED) {
            return;
        }
        try {
            if (queue == null || queue.isEmpty()) {
                channel.write(frame);
                if (!frame.hasRemaining()) {
                    return;
                }
            }
            if (queue == null) {
                queue = new ArrayDeque<>(4);
            }
            if (queue.size() >= maxQueued) {
                fail("more than " + maxQueued + " frames waiting to be sent: the server stopped reading");
                return;
            }
            queue.add(frame);
            key.interestOps(key.interestOps() | SelectionKey.OP_WRITE);
        } catch (IOException e) {
            fail("transport error: " + e);
        }
    }

    private void flush() throws IOException {
        while (queue != null && !queue.isEmpty()) {
            ByteBuffer head = queue.peek();
            channel.write(head);
            if (head.hasRemaining()) {
                return;
            }
            queue.poll();
        }
        queue = null;
        key.interestOps(key.interestOps() & ~SelectionKey.OP_WRITE);
        if (closeWhenFlushed) {
            closeChannel();
        }
    }

    private void failProtocol(WsProtocolException e) {
        if (state == State.OPEN) {
            try {
                String reason = e.getMessage().length() > 120 ? e.getMessage().substring(0, 120) : e.getMessage();
                channel.write(WsFrameEncoder.clientClose(e.closeCode(), reason, mask()));
            } catch (IOException ignored) {
                // Failing anyway.
            }
        }
        fail("protocol error: " + e.getMessage());
    }

    /** The connection is over: whoever waits hears why (once), and the socket closes. */
    private void fail(String why) {
        ended(why);
        closeChannel();
    }

    /** Tells the handler, or the future before the upgrade, that the connection is over; once. */
    private void ended(String why) {
        State was = state;
        if (was == State.CLOSED || was == State.CLOSING) {
            return;
        }
        state = closeWhenFlushed ? State.CLOSING : State.CLOSED;
        if (was == State.OPEN) {
            handler.onClosed(this, why);
        } else {
            CompletableFuture<WsConnection> f = opened;
            opened = null;
            wsKey = null;
            if (f != null) {
                f.completeExceptionally(new IOException(why));
            }
        }
    }

    private void closeChannel() {
        state = State.CLOSED;
        queue = null;
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                // Closed either way.
            }
        }
    }

    private static int mask() {
        return ThreadLocalRandom.current().nextInt();
    }
}
