package dev.jobcast.bench;

import java.net.URI;
import java.util.concurrent.CompletableFuture;

/** Opens client WebSockets; one per run, shared by all its connections. */
public interface WsConnector extends AutoCloseable {

    /** Completes when the WebSocket handshake succeeded; fails otherwise. */
    CompletableFuture<WsConnection> connect(URI uri, WsConnection.Handler handler);

    /** Releases the connector's threads; connections still open are dropped. */
    @Override
    void close();
}
