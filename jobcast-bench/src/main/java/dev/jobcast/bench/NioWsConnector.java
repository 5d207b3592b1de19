package dev.jobcast.bench;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Client WebSockets (ws:// only) on plain non-blocking sockets, written for this generator
 * from RFC 6455: a few selector threads, no buffers of a connection's own while it is idle.
 * Chosen over java.net.http, which measured here ~46 KB of heap per connection and ~470
 * handshakes/s per core, far from the ~15,000 connections from one core the benchmarks
 * need (figures of this one: see the commit that made it the default).
 */
public final class NioWsConnector implements WsConnector {
    /** The most bytes one message may have (the contract's are ~150). */
    public static final int MAX_MESSAGE = 1_000_000;

    private final NioLoop[] loops;
    private final List<InetAddress> localAddresses;
    private final long handshakeTimeoutNanos;
    private final int maxMessage;
    private final int maxQueued;
    private final AtomicInteger next = new AtomicInteger();
    private final Map<String, InetSocketAddress> resolved = new ConcurrentHashMap<>();

    /**
     * @param selectors        selector threads to spread connections over
     * @param localAddresses   addresses to bind connections to in turn, for more ephemeral
     *                         ports; empty to let the system choose
     * @param handshakeTimeout how long connecting and upgrading may take
     */
    public NioWsConnector(int selectors, List<InetAddress> localAddresses, Duration handshakeTimeout, int maxMessage) {
        this(selectors, localAddresses, handshakeTimeout, maxMessage, NioWsConnection.MAX_QUEUED);
    }

    /**
     * @param maxQueued frames a connection may have waiting for its socket before it is
     *                  dropped as stuck; a client that sends more than a few frames (a
     *                  worker reporting over Socket.IO) needs more than the default
     */
    public NioWsConnector(int selectors, List<InetAddress> localAddresses, Duration handshakeTimeout, int maxMessage,
                          int maxQueued) {
        if (selectors < 1) {
            throw new IllegalArgumentException("selectors must be >= 1");
        }
        this.localAddresses = List.copyOf(localAddresses);
        this.handshakeTimeoutNanos = handshakeTimeout.toNanos();
        this.maxMessage = maxMessage;
        if (maxQueued < 1) {
            throw new IllegalArgumentException("maxQueued must be >= 1");
        }
        this.maxQueued = maxQueued;
        this.loops = new NioLoop[selectors];
        for (int i = 0; i < selectors; i++) {
            loops[i] = new NioLoop("bench-nio-" + (i + 1));
        }
    }

    @Override
    public CompletableFuture<WsConnection> connect(URI uri, WsConnection.Handler handler) {
        CompletableFuture<WsConnection> opened = new CompletableFuture<>();
        if (!"ws".equals(uri.getScheme())) {
            opened.completeExceptionally(new IllegalArgumentException(
                    "this connector speaks ws:// only (--connector jdk speaks wss://): " + uri));
            return opened;
        }
        InetSocketAddress remote;
        try {
            remote = resolve(uri);
        } catch (IllegalArgumentException e) {
            opened.completeExceptionally(e);
            return opened;
        }
        int n = next.getAndIncrement();
        NioLoop loop = loops[Math.floorMod(n, loops.length)];
        InetAddress local = localAddresses.isEmpty() ? null
                : localAddresses.get(Math.floorMod(n, localAddresses.size()));
        NioWsConnection c = new NioWsConnection(loop, handler, maxMessage, maxQueued,
                System.nanoTime() + handshakeTimeoutNanos, opened);
        loop.execute(() -> c.start(uri, remote, local));
        return opened;
    }

    /** The server's address, looked up once per host and port, not on a selector thread. */
    private InetSocketAddress resolve(URI uri) {
        int port = uri.getPort() < 0 ? 80 : uri.getPort();
        return resolved.computeIfAbsent(uri.getHost() + ":" + port, k -> {
            InetSocketAddress a = new InetSocketAddress(uri.getHost(), port);
            if (a.isUnresolved()) {
                throw new IllegalArgumentException("unknown host " + uri.getHost());
            }
            return a;
        });
    }

    @Override
    public void close() {
        for (NioLoop loop : loops) {
            loop.close();
        }
    }
}
