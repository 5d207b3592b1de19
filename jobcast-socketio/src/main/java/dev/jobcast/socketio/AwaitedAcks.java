package dev.jobcast.socketio;

import com.fasterxml.jackson.databind.node.ArrayNode;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The acknowledgements a socket waits for from its client ({@link Socket#emitWithAck}): each
 * with its timeout's cancel. Ids are never reused, so a late answer cannot complete another.
 */
final class AwaitedAcks {
    private record Awaited(CompletableFuture<ArrayNode> result, Runnable cancelTimeout) {
    }

    private final Map<Long, Awaited> awaited = new HashMap<>(4);
    private long nextId;

    long nextId() {
        return nextId++;
    }

    int size() {
        return awaited.size();
    }

    void put(long id, CompletableFuture<ArrayNode> result, Runnable cancelTimeout) {
        awaited.put(id, new Awaited(result, cancelTimeout));
    }

    /** Forgets {@code id}; true when it was still awaited. */
    boolean remove(long id) {
        return awaited.remove(id) != null;
    }

    /** The client answered {@code id}. */
    void answered(long id, ArrayNode args) {
        Awaited a = awaited.remove(id);
        if (a != null) {
            a.cancelTimeout().run();
            a.result().complete(args);
        }
    }

    /** The socket is gone: every one still awaited fails. */
    void failAll(String reason) {
        for (Awaited a : awaited.values()) {
            a.cancelTimeout().run();
            a.result().completeExceptionally(new IllegalStateException("socket disconnected: " + reason));
        }
        awaited.clear();
    }
}
