package dev.jobcast.engineio;

import dev.jobcast.engineio.codec.EioPacket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** A plain Engine.IO app for tests: echoes every message and records why each session closed. */
final class EchoApp implements EngineApp {
    private final Map<String, CompletableFuture<String>> closes = new ConcurrentHashMap<>();

    @Override
    public EngineListener onOpen(EngineSocket socket) {
        CompletableFuture<String> closed = closeOf(socket.sid());
        return new EngineListener() {
            @Override
            public void onMessage(EioPacket message) {
                socket.send(List.of(message), null);
            }

            @Override
            public void onClose(String reason) {
                closed.complete(reason);
            }
        };
    }

    private CompletableFuture<String> closeOf(String sid) {
        return closes.computeIfAbsent(sid, s -> new CompletableFuture<>());
    }

    /** The close reason of session {@code sid}, waiting for it up to {@code timeout}. */
    String awaitClose(String sid, Duration timeout) throws Exception {
        try {
            return closeOf(sid).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError("session " + sid + " still open after " + timeout);
        }
    }

    String awaitClose(String sid) throws Exception {
        return awaitClose(sid, HttpTestServer.TIMEOUT);
    }

    /** True once the session has closed (without waiting). */
    boolean isClosed(String sid) {
        return closeOf(sid).isDone();
    }
}
