package dev.jobcast.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Client WebSockets on java.net.http (`--connector jdk`): one I/O thread per HttpClient (and
 * optionally a fixed pool for callbacks), whatever the number of connections. The default is
 * {@link NioWsConnector}, ~40 times lighter per connection; this one stays for wss:// and as
 * an independent client to check the other's figures against. It was chosen over Pekko
 * HTTP's client by measurement (2,000 idle Socket.IO connections from one core): the heap per
 * connection is about the same (46 KB here with 2 KB read buffers, 44 KB for Pekko's), but
 * handshakes cost a third of the CPU (470 connections/s against 134/s).
 */
final class JdkWsConnector implements WsConnector {
    // A text frame larger than this is a protocol failure for this client (the contract's are ~150 bytes).
    private static final int MAX_FRAME_CHARS = 1_000_000;
    // Sends of one connection wait for each other (java.net.http allows one at a time); this
    // client sends a handful in its life, so more than this means the server stopped reading.
    private static final int MAX_PENDING_SENDS = 16;

    private final ExecutorService executor;
    private final HttpClient[] clients;
    private final Duration connectTimeout;
    private final AtomicInteger next = new AtomicInteger();

    /**
     * @param selectors       HttpClients to spread connections over, each with its own I/O thread
     * @param callbackThreads threads for the clients' callbacks; 0 runs them on the I/O threads,
     *                        which measured here costs a third less CPU per delivery than
     *                        handing every frame over to a pool
     */
    JdkWsConnector(int selectors, int callbackThreads, Duration connectTimeout) {
        AtomicInteger n = new AtomicInteger();
        this.executor = callbackThreads == 0 ? null : Executors.newFixedThreadPool(callbackThreads, r -> {
            Thread t = new Thread(r, "bench-ws-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        Executor callbacks = executor == null ? Runnable::run : executor;
        this.connectTimeout = connectTimeout;
        this.clients = new HttpClient[selectors];
        for (int i = 0; i < selectors; i++) {
            clients[i] = HttpClient.newBuilder().executor(callbacks).connectTimeout(connectTimeout).build();
        }
    }

    @Override
    public CompletableFuture<WsConnection> connect(URI uri, WsConnection.Handler handler) {
        Connection c = new Connection(handler);
        HttpClient client = clients[Math.floorMod(next.getAndIncrement(), clients.length)];
        return client.newWebSocketBuilder().connectTimeout(connectTimeout).buildAsync(uri, c)
                .thenApply(ws -> (WsConnection) c);
    }

    @Override
    public void close() {
        if (executor != null) {
            executor.shutdownNow();
        }
    }

    private static final class Connection implements WsConnection, WebSocket.Listener {
        private final Handler handler;
        private volatile WebSocket ws;
        private StringBuilder partial;
        // Guarded by this: the chain of sends and its length.
        private CompletableFuture<WebSocket> sends;
        private int pendingSends;
        private boolean closed;

        Connection(Handler handler) {
            this.handler = handler;
        }

        @Override
        public void onOpen(WebSocket webSocket) {
            ws = webSocket;
            synchronized (this) {
                sends = CompletableFuture.completedFuture(webSocket);
            }
            webSocket.request(1);
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            String text;
            if (last && partial == null) {
                text = data.toString();
            } else {
                if (partial == null) {
                    partial = new StringBuilder();
                }
                partial.append(data);
                if (partial.length() > MAX_FRAME_CHARS) {
                    partial = null;
                    ended("text frame larger than " + MAX_FRAME_CHARS + " characters");
                    webSocket.abort();
                    return null;
                }
                if (!last) {
                    webSocket.request(1);
                    return null;
                }
                text = partial.toString();
                partial = null;
            }
            handler.onText(this, text);
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
            // The fan-out contract has no binary; it is read and ignored.
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            ended("closed by the server (" + statusCode + (reason.isEmpty() ? "" : " " + reason) + ")");
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            ended("transport error: " + error);
        }

        @Override
        public void send(String text) {
            boolean overflow;
            synchronized (this) {
                if (closed || sends == null) {
                    return;
                }
                overflow = pendingSends >= MAX_PENDING_SENDS;
                if (!overflow) {
                    pendingSends++;
                    sends = sends.thenCompose(w -> w.sendText(text, true)).whenComplete((w, error) -> {
                        synchronized (this) {
                            pendingSends--;
                        }
                        if (error != null) {
                            ended("send failed: " + error);
                            ws.abort();
                        }
                    });
                }
            }
            if (overflow) {
                ended("more than " + MAX_PENDING_SENDS + " sends pending");
                ws.abort();
            }
        }

        @Override
        public void close() {
            WebSocket w = ws;
            ended("closed by the client");
            if (w != null) {
                // No closing handshake: at the end of a run thousands close at once, and the
                // server must see them gone now, not after a round trip each.
                w.abort();
            }
        }

        private void ended(String why) {
            synchronized (this) {
                if (closed) {
                    return;
                }
                closed = true;
            }
            handler.onClosed(this, why);
        }
    }
}
