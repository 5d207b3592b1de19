package dev.jobcast.engineio.adapter.lean;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jobcast.engineio.adapter.lean.ws.WsAccept;
import dev.jobcast.engineio.adapter.lean.ws.WsFrameDecoder;
import dev.jobcast.engineio.adapter.lean.ws.WsFrameEncoder;
import dev.jobcast.engineio.adapter.lean.ws.WsProtocolException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.concurrent.ThreadLocalRandom;

/** A WebSocket client for tests over {@link RawHttp}: frames in and out exactly as written. */
final class RawWs implements AutoCloseable {

    /** A frame (or message) the server sent. */
    sealed interface Frame {
    }

    record Text(String text) implements Frame {
    }

    record Binary(byte[] data) implements Frame {
    }

    record Ping(byte[] payload) implements Frame {
    }

    record Pong(byte[] payload) implements Frame {
    }

    record Close(int code, String reason) implements Frame {
    }

    private final RawHttp http;
    private final WsFrameDecoder decoder = new WsFrameDecoder(WsFrameDecoder.Role.CLIENT, 1 << 20);
    private final ArrayDeque<Frame> frames = new ArrayDeque<>();
    private ByteBuffer buffer = ByteBuffer.allocate(0);

    private RawWs(RawHttp http) {
        this.http = http;
    }

    /** Opens a connection and upgrades {@code target}, checking the 101 answer. */
    static RawWs open(int port, String target) throws IOException {
        RawHttp http = new RawHttp(port);
        byte[] nonce = new byte[16];
        ThreadLocalRandom.current().nextBytes(nonce);
        String key = Base64.getEncoder().encodeToString(nonce);
        http.send("GET " + target + " HTTP/1.1\r\nHost: localhost\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: " + key + "\r\nSec-WebSocket-Version: 13\r\n\r\n");
        RawHttp.Response r = http.read();
        assertEquals(101, r.status(), r.text());
        assertEquals(WsAccept.accept(key), r.headers().get("sec-websocket-accept"));
        return new RawWs(http);
    }

    RawHttp http() {
        return http;
    }

    void sendText(String text) throws IOException {
        send(WsFrameEncoder.clientText(text, ThreadLocalRandom.current().nextInt()));
    }

    void send(ByteBuffer frame) throws IOException {
        byte[] b = new byte[frame.remaining()];
        frame.get(b);
        http.send(b);
    }

    void sendRaw(byte[] bytes) throws IOException {
        http.send(bytes);
    }

    /** The next frame from the server; fails when the connection ends first. */
    Frame next() throws IOException {
        while (frames.isEmpty()) {
            byte[] chunk = new byte[4096];
            int n = http.in().read(chunk);
            if (n < 0) {
                throw new IOException("connection closed");
            }
            ByteBuffer grown = ByteBuffer.allocate(buffer.remaining() + n);
            grown.put(buffer).put(chunk, 0, n).flip();
            buffer = grown;
            try {
                decoder.decode(buffer, sink);
            } catch (WsProtocolException e) {
                throw new IOException("the server sent a bad frame: " + e.getMessage(), e);
            }
        }
        return frames.poll();
    }

    String nextText() throws IOException {
        Frame f = next();
        if (f instanceof Text t) {
            return t.text();
        }
        throw new AssertionError("expected a text frame, got " + f);
    }

    private final WsFrameDecoder.Sink sink = new WsFrameDecoder.Sink() {
        @Override
        public void onText(String text) {
            frames.add(new Text(text));
        }

        @Override
        public void onBinary(byte[] data) {
            frames.add(new Binary(data));
        }

        @Override
        public void onPing(byte[] payload) {
            frames.add(new Ping(payload));
        }

        @Override
        public void onPong(byte[] payload) {
            frames.add(new Pong(payload));
        }

        @Override
        public void onClose(int code, String reason) {
            frames.add(new Close(code, reason));
        }
    };

    @Override
    public void close() throws IOException {
        http.close();
    }
}
