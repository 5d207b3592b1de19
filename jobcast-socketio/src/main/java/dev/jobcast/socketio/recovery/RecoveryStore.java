package dev.jobcast.socketio.recovery;

import com.fasterxml.jackson.databind.node.ArrayNode;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Storage behind connection state recovery: the packets sent that only it can give again
 * (direct emits and plain broadcasts, each with a sequence number), and the sessions of
 * sockets that dropped. Items of ordered streams are not kept here: the application
 * replays them from its own history (see {@link dev.jobcast.socketio.Namespace#onRecovery}). Implementations
 * must be thread-safe: the room registry appends while connections save and restore.
 */
public interface RecoveryStore {

    /** A socket that went away in a recoverable way. */
    record SavedSession(String pid, String sid, String nsp, Set<String> rooms, Object data, long savedAtMillis) {
        public SavedSession {
            rooms = Set.copyOf(rooms);
        }
    }

    /** A stored packet a returning socket missed: its sequence number and event arguments (name first). */
    record Missed(long seq, ArrayNode args) {
    }

    /** A session found again, and the packets it missed, in order. */
    record Restored(SavedSession session, List<Missed> missed) {
    }

    /** What this store's offsets start with; offsets of another store (or process) never match. */
    String epoch();

    /** The sequence number of the last packet appended (0 before any). */
    long head();

    /**
     * Records one event (its arguments: name first, which must not be changed afterwards)
     * sent to {@code rooms} of {@code nsp} (all sockets when empty) except those in
     * {@code except}, and returns its sequence number.
     */
    long append(String nsp, Set<String> rooms, Set<String> except, ArrayNode eventArgs);

    void save(SavedSession session);

    /**
     * Finds the session and the packets it missed after sequence number {@code after};
     * empty when it cannot be done exactly (unknown or expired session, packets forgotten).
     */
    Optional<Restored> restore(String pid, long after);
}
