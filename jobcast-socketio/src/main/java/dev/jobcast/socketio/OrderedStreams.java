package dev.jobcast.socketio;

import dev.jobcast.socketio.rooms.RoomDelivery;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The ordered streams of one socket: the general hook for replaying history into a live
 * feed. A stream is a key (a job, a document) whose items carry an order; the application
 * sends a socket a stream's past items itself ({@link #emit}) while live ones come through
 * rooms ({@link Broadcast#ordered}). For each stream the socket keeps the highest order it
 * was sent, so neither path sends an item twice; while a replay runs ({@link #hold} to
 * {@link #release}), live items wait here and follow it in order, with no gap.
 * The watermarks travel in the connection state recovery offset.
 */
public final class OrderedStreams {
    /** Live items held per stream while a replay runs, at most; past it the client is cut as slow. */
    public static final int MAX_HELD = 1024;

    private final Socket socket;
    private final Map<String, Long> watermarks = new HashMap<>(4);
    private Map<String, List<RoomDelivery>> held;

    OrderedStreams(Socket socket, Map<String, Long> from) {
        this.socket = socket;
        watermarks.putAll(from);
    }

    /** Starts holding the live items of stream {@code key} while the application replays what came before. */
    public void hold(String key) {
        if (held == null) {
            held = new HashMap<>(4);
        }
        held.putIfAbsent(key, new ArrayList<>());
    }

    /**
     * Sends one item of stream {@code key} directly (a replayed one) unless the socket already
     * has it or a later one. Returns false when it was skipped or could not be queued.
     */
    public boolean emit(String key, long order, String event, Object... args) {
        if (order <= watermark(key)) {
            return false;
        }
        watermarks.put(key, order);
        // Not stored for recovery: the application replays its streams itself.
        return socket.sendDirect(Args.event(event, Args.of(args)));
    }

    /**
     * Records that the client has stream {@code key} up to {@code upTo} without an item of it
     * (a status that sums it up, say), so that what follows carries it in its offset.
     */
    public void advance(String key, long upTo) {
        watermarks.merge(key, upTo, Math::max);
    }

    /**
     * Ends the hold: the socket has everything up to {@code upTo}; held items after it go out
     * in order, and those at or below the highest sent are dropped.
     */
    public void release(String key, long upTo) {
        watermarks.merge(key, upTo, Math::max);
        List<RoomDelivery> waiting = held == null ? null : held.remove(key);
        if (held != null && held.isEmpty()) {
            held = null;
        }
        if (waiting != null) {
            waiting.sort(Comparator.comparingLong(RoomDelivery::order));
            for (RoomDelivery d : waiting) {
                socket.deliver(d);
            }
        }
    }

    /** Forgets a stream (after leaving its room). */
    public void forget(String key) {
        watermarks.remove(key);
        if (held != null) {
            held.remove(key);
            if (held.isEmpty()) {
                held = null;
            }
        }
    }

    /** True when the socket was sent something of stream {@code key}, or was told where it stands. */
    public boolean knows(String key) {
        return watermarks.containsKey(key);
    }

    /** The highest item of stream {@code key} this socket was sent, or 0. */
    public long watermark(String key) {
        return watermarks.getOrDefault(key, 0L);
    }

    Map<String, Long> watermarks() {
        return watermarks;
    }

    /** Whether a live item of a stream goes out now: not while its stream is held, nor twice. */
    boolean admit(RoomDelivery d) {
        List<RoomDelivery> waiting = held == null ? null : held.get(d.streamKey());
        if (waiting != null) {
            if (waiting.size() >= MAX_HELD) {
                // A replay that cannot finish while live items pile up: treat as a slow client.
                socket.cutAsSlow();
            } else {
                waiting.add(d);
            }
            return false;
        }
        if (d.order() <= watermark(d.streamKey())) {
            return false;
        }
        watermarks.put(d.streamKey(), d.order());
        return true;
    }

    void closed() {
        held = null;
    }
}
