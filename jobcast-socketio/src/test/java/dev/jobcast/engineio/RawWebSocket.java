package dev.jobcast.engineio;

import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jobcast.socketio.codec.Json;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * A raw WebSocket test client on java.net.http: every frame it receives goes to a queue the
 * test reads from. java.net.http reads from the network only when there is demand, so after
 * {@link #stopReading()} the TCP buffers fill up as they would for a stalled client.
 * Engine.IO pings ("2") can be answered automatically.
 */
public final class RawWebSocket implements AutoCloseable {

    /** What the test observes, in order. */
    public sealed interface Event {
    }

    public record Text(String text) implements Event {
    }

    public record Binary(byte[] data) implements Event {
    }

    public record Closed(int code, String reason) implements Event {
    }

    public record Failed(Throwable error) implements Event {
    }

    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private final CompletableFuture<Event> ended = new CompletableFuture<>();
    private final boolean autoPong;
    private volatile boolean reading = true;
    private volatile WebSocket ws;
    private CompletableFuture<WebSocket> sends;

    private RawWebSocket(boolean autoPong) {
        this.autoPong = autoPong;
    }

    public static RawWebSocket connect(URI uri) throws Exception {
        return connect(uri, Map.of(), true);
    }

    public static RawWebSocket connect(URI uri, Map<String, String> headers, boolean autoPong) throws Exception {
        RawWebSocket client = new RawWebSocket(autoPong);
        WebSocket.Builder builder = Polling.HTTP.newWebSocketBuilder().connectTimeout(HttpTestServer.TIMEOUT);
        headers.forEach(builder::header);
        builder.buildAsync(uri, client.new Listener()).get(HttpTestServer.TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        return client;
    }

    /** Opens an Engine.IO WebSocket session at {@code path}; its OPEN packet is the first frame. */
    public static RawWebSocket engineIo(HttpTestServer server, String path) throws Exception {
        return connect(server.ws(path + "?EIO=4&transport=websocket"));
    }

    /** Reads the OPEN packet ("0{...}") and returns its handshake JSON. */
    public JsonNode readOpen() throws Exception {
        String open = nextText();
        if (!open.startsWith("0")) {
            fail("expected an OPEN packet, got " + open);
        }
        return Json.read(open.substring(1));
    }

    public void sendText(String text) throws Exception {
        send(w -> w.sendText(text, true));
    }

    public void sendBinary(byte[] data) throws Exception {
        send(w -> w.sendBinary(ByteBuffer.wrap(data), true));
    }

    private void send(Function<WebSocket, CompletableFuture<WebSocket>> op) throws Exception {
        sendAsync(op).get(HttpTestServer.TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    }

    private synchronized CompletableFuture<WebSocket> sendAsync(Function<WebSocket, CompletableFuture<WebSocket>> op) {
        // java.net.http allows one outstanding send at a time: chain them.
        CompletableFuture<WebSocket> mine = sends.thenCompose(op);
        sends = mine.exceptionally(e -> ws);
        return mine;
    }

    /** The next event, failing the test if none comes within the timeout. */
    public Event next() throws InterruptedException {
        return next(HttpTestServer.TIMEOUT);
    }

    public Event next(Duration timeout) throws InterruptedException {
        Event e = events.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (e == null) {
            fail("nothing received within " + timeout);
        }
        return e;
    }

    /** The next event if one comes within {@code timeout}, else null. */
    public Event poll(Duration timeout) throws InterruptedException {
        return events.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    public String nextText() throws InterruptedException {
        Event e = next();
        if (!(e instanceof Text t)) {
            return fail("expected a text frame, got " + e);
        }
        return t.text();
    }

    public byte[] nextBinary() throws InterruptedException {
        Event e = next();
        if (!(e instanceof Binary b)) {
            return fail("expected a binary frame, got " + e);
        }
        return b.data();
    }

    /** Waits until the connection has ended (closed or failed), skipping any frames before. */
    public Event awaitEnd() throws Exception {
        return awaitEnd(HttpTestServer.TIMEOUT);
    }

    public Event awaitEnd(Duration timeout) throws Exception {
        try {
            return ended.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            return fail("connection still open after " + timeout);
        }
    }

    public boolean isEnded() {
        return ended.isDone();
    }

    /** Stops asking for frames: at most one more is delivered, then the network is not read. */
    public void stopReading() {
        reading = false;
    }

    public void resumeReading() {
        reading = true;
        ws.request(1);
    }

    @Override
    public void close() {
        if (ws != null && !ended.isDone()) {
            ws.abort();
        }
    }

    private final class Listener implements WebSocket.Listener {
        private StringBuilder text = new StringBuilder();
        private ByteArrayOutputStream binary = new ByteArrayOutputStream();

        @Override
        public void onOpen(WebSocket webSocket) {
            synchronized (RawWebSocket.this) {
                ws = webSocket;
                sends = CompletableFuture.completedFuture(webSocket);
            }
            webSocket.request(1);
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                String frame = text.toString();
                text = new StringBuilder();
                if (autoPong && frame.equals("2")) {
                    sendAsync(w -> w.sendText("3", true));
                } else {
                    events.add(new Text(frame));
                }
            }
            more(webSocket);
            return null;
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
            byte[] chunk = new byte[data.remaining()];
            data.get(chunk);
            binary.writeBytes(chunk);
            if (last) {
                events.add(new Binary(binary.toByteArray()));
                binary = new ByteArrayOutputStream();
            }
            more(webSocket);
            return null;
        }

        @Override
        public CompletionStage<?> onPing(WebSocket webSocket, ByteBuffer message) {
            more(webSocket);
            return null;
        }

        @Override
        public CompletionStage<?> onPong(WebSocket webSocket, ByteBuffer message) {
            more(webSocket);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            Closed c = new Closed(statusCode, reason);
            events.add(c);
            ended.complete(c);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            Failed f = new Failed(error);
            events.add(f);
            ended.complete(f);
        }

        private void more(WebSocket webSocket) {
            if (reading) {
                webSocket.request(1);
            }
        }
    }
}
