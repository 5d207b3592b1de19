package dev.jobcast.jobs.live;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Who is connected and which jobs each watches, for the admin stats endpoint and the
 * gauges. Written by connection actors, read by HTTP requests: concurrent maps only.
 */
public final class LiveConnections {

    /** One connection as operations see it; the sid is cut so it cannot be replayed. */
    public record Connection(String sid, long userId, Instant connectedAt, List<Long> jobs) {
    }

    public record Stats(int connections, int activeJobRooms, List<Connection> perConnection) {
    }

    private record Entry(long userId, Instant connectedAt, Set<Long> jobs) {
    }

    private final Map<String, Entry> bySid = new ConcurrentHashMap<>();

    void connected(String sid, long userId) {
        bySid.put(sid, new Entry(userId, Instant.now(), ConcurrentHashMap.newKeySet()));
    }

    void disconnected(String sid) {
        bySid.remove(sid);
    }

    void watching(String sid, long jobId) {
        Entry e = bySid.get(sid);
        if (e != null) {
            e.jobs().add(jobId);
        }
    }

    void notWatching(String sid, long jobId) {
        Entry e = bySid.get(sid);
        if (e != null) {
            e.jobs().remove(jobId);
        }
    }

    public int connections() {
        return bySid.size();
    }

    public int activeJobRooms() {
        Set<Long> jobs = new HashSet<>();
        bySid.values().forEach(e -> jobs.addAll(e.jobs()));
        return jobs.size();
    }

    public Stats stats() {
        List<Connection> list = new ArrayList<>();
        Set<Long> rooms = new HashSet<>();
        bySid.forEach((sid, e) -> {
            List<Long> jobs = e.jobs().stream().sorted().toList();
            rooms.addAll(jobs);
            list.add(new Connection(truncate(sid), e.userId(), e.connectedAt(), jobs));
        });
        list.sort(Comparator.comparing(Connection::connectedAt));
        return new Stats(list.size(), rooms.size(), list);
    }

    static String truncate(String sid) {
        return sid.length() <= 8 ? sid : sid.substring(0, 8) + "...";
    }
}
