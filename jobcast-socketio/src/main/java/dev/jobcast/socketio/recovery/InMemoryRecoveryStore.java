package dev.jobcast.socketio.recovery;

import com.fasterxml.jackson.databind.node.ArrayNode;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * The default recovery store: bounded in packets and sessions, and forgetting both after
 * the disconnection window. The epoch is random, so offsets of an earlier process never match.
 */
public final class InMemoryRecoveryStore implements RecoveryStore {

    private record Stored(long seq, String nsp, Set<String> rooms, Set<String> except, ArrayNode args,
                          long atMillis) {
    }

    private final long windowMillis;
    private final int maxPackets;
    private final int maxSessions;
    private final LongSupplier clock;
    private final String epoch;
    private final ArrayDeque<Stored> packets = new ArrayDeque<>();
    private final LinkedHashMap<String, SavedSession> sessions = new LinkedHashMap<>();
    private long nextSeq = 1;

    /**
     * @param window      how long a dropped session and the packets it may miss are kept
     * @param maxPackets  packets kept at most (the oldest go first)
     * @param maxSessions dropped sessions kept at most (the oldest go first)
     */
    public InMemoryRecoveryStore(Duration window, int maxPackets, int maxSessions, LongSupplier clockMillis) {
        this.windowMillis = window.toMillis();
        this.maxPackets = maxPackets;
        this.maxSessions = maxSessions;
        this.clock = clockMillis;
        this.epoch = Long.toString(new SecureRandom().nextInt(Integer.MAX_VALUE), 36);
    }

    @Override
    public String epoch() {
        return epoch;
    }

    @Override
    public synchronized long head() {
        return nextSeq - 1;
    }

    @Override
    public synchronized long append(String nsp, Set<String> rooms, Set<String> except, ArrayNode eventArgs) {
        long now = clock.getAsLong();
        long seq = nextSeq++;
        packets.addLast(new Stored(seq, nsp, Set.copyOf(rooms), Set.copyOf(except), eventArgs, now));
        while (packets.size() > maxPackets || (!packets.isEmpty() && packets.peekFirst().atMillis() < now - windowMillis)) {
            packets.pollFirst();
        }
        return seq;
    }

    @Override
    public synchronized void save(SavedSession session) {
        // Stamped on this store's clock, the one its window is measured with.
        long now = clock.getAsLong();
        sessions.put(session.pid(), new SavedSession(session.pid(), session.sid(), session.nsp(), session.rooms(),
                session.data(), now));
        pruneSessions(now);
    }

    @Override
    public synchronized Optional<Restored> restore(String pid, long after) {
        long now = clock.getAsLong();
        pruneSessions(now);
        SavedSession session = sessions.remove(pid);
        if (session == null || after < 0) {
            return Optional.empty();
        }
        // The offset must still be held (or be the very last one sent), else a gap could hide.
        if (packets.isEmpty() ? after != nextSeq - 1 : after < packets.peekFirst().seq() - 1 || after >= nextSeq) {
            return Optional.empty();
        }
        List<Missed> missed = new ArrayList<>();
        for (Stored p : packets) {
            if (p.seq() > after && p.nsp().equals(session.nsp()) && reaches(p, session.rooms())) {
                missed.add(new Missed(p.seq(), p.args()));
            }
        }
        return Optional.of(new Restored(session, missed));
    }

    public synchronized int packetCount() {
        return packets.size();
    }

    public synchronized int sessionCount() {
        return sessions.size();
    }

    private static boolean reaches(Stored p, Set<String> rooms) {
        if (!Collections.disjoint(p.except(), rooms)) {
            return false;
        }
        return p.rooms().isEmpty() || !Collections.disjoint(p.rooms(), rooms);
    }

    private void pruneSessions(long now) {
        Iterator<Map.Entry<String, SavedSession>> it = sessions.entrySet().iterator();
        while (it.hasNext()) {
            SavedSession s = it.next().getValue();
            if (sessions.size() > maxSessions || s.savedAtMillis() < now - windowMillis) {
                it.remove();
            } else {
                break;
            }
        }
    }
}
