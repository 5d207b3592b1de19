package dev.jobcast.api;

import dev.jobcast.jobs.live.LiveConnections;
import java.util.List;

/**
 * GET /websocket/stats: the live connections for operators (admin role only, since it
 * names users). Sids are truncated so the page cannot be used to hijack a session.
 */
record StatsView(int totalConnections, int activeJobRooms, List<ConnectionView> connections) {

    record ConnectionView(String sid, long userId, String connectedAt, List<Long> jobsWatched) {
    }

    static StatsView of(LiveConnections.Stats stats) {
        return new StatsView(stats.connections(), stats.activeJobRooms(), stats.perConnection().stream()
                .map(c -> new ConnectionView(c.sid(), c.userId(), c.connectedAt().toString(), c.jobs()))
                .toList());
    }
}
