package dev.jobcast.socketio;

import com.fasterxml.jackson.databind.node.ArrayNode;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Storage behind connection state recovery: the events sent (with their offsets) and the
 * sessions of sockets that dropped. Implementations must be thread-safe: the room registry
 * appends while connections save and restore.
 */
public interface RecoveryStore {

    /** A socket that went away in a recoverable way. */
    record SavedSession(String pid, String sid, String nsp, Set<String> rooms, Object data, long savedAtMillis) {
        public SavedSession {
            rooms = Set.copyOf(rooms);
        }
    }

    /** A session found again, and the event arguments (offset last) it missed, in order. */
    record Restored(SavedSession session, List<ArrayNode> missed) {
    }

    /**
     * Records one event (its arguments: name first) sent to {@code rooms} of {@code nsp}
     * (all sockets when empty) except those in {@code except}. Returns a new array: the
     * arguments with the event's offset appended, which is what goes out (and must not be
     * changed afterwards: it is kept for replay).
     */
    ArrayNode append(String nsp, Set<String> rooms, Set<String> except, ArrayNode eventArgs);

    void save(SavedSession session);

    /** Finds the session and what it missed after {@code offset}; empty when it cannot be done exactly. */
    Optional<Restored> restore(String pid, String offset);
}
