package dev.jobcast.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jobcast.socketio.SocketIoServer;
import dev.jobcast.socketio.codec.Json;
import java.lang.management.ManagementFactory;
import java.math.BigDecimal;
import java.util.Map;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.StatusCode;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * The control API of the fan-out contract: GET /publish, /stats and /gc, JSON answers, and
 * what a target adds to them.
 */
final class ControlRoutes extends AllDirectives {
    static final String SERVER_NAME = "jobcast";

    private final String serverName;
    private final SocketIoServer io;
    private final Publisher publisher;
    private final Route more;
    private final java.util.function.Consumer<ObjectNode> moreStats;

    /** @param more further routes of this target, or null; @param moreStats adds to /stats, or null */
    ControlRoutes(String serverName, SocketIoServer io, Publisher publisher, Route more,
                  java.util.function.Consumer<ObjectNode> moreStats) {
        this.serverName = serverName;
        this.io = io;
        this.publisher = publisher;
        this.more = more;
        this.moreStats = moreStats;
    }

    Route route() {
        Route contract = get(() -> concat(
                path("publish", () -> parameterMap(this::publish)),
                path("stats", () -> complete(json(StatusCodes.OK, stats()))),
                path("gc", () -> complete(json(StatusCodes.OK, gc())))));
        return more == null ? contract : concat(contract, more);
    }

    private Route publish(Map<String, String> q) {
        Publisher.Request request;
        try {
            request = new Publisher.Request(Integer.parseInt(q.getOrDefault("rooms", "1")),
                    q.getOrDefault("prefix", "r"), Double.parseDouble(q.getOrDefault("rate", "1")),
                    Double.parseDouble(q.getOrDefault("duration", "10")));
        } catch (NumberFormatException e) {
            return complete(error(StatusCodes.BAD_REQUEST, "rooms, rate and duration must be numbers"));
        }
        String problem = request.problem();
        if (problem != null) {
            return complete(error(StatusCodes.BAD_REQUEST, problem));
        }
        long startedAt;
        try {
            startedAt = publisher.start(request);
        } catch (IllegalArgumentException e) {
            return complete(error(StatusCodes.BAD_REQUEST, e.getMessage()));
        }
        if (startedAt < 0) {
            return complete(error(StatusCodes.CONFLICT, "a publish run is in progress"));
        }
        return complete(json(StatusCodes.OK, Json.MAPPER.createObjectNode().put("startedAt", startedAt)));
    }

    private ObjectNode stats() {
        Publisher.Status s = publisher.status();
        ObjectNode o = Json.MAPPER.createObjectNode();
        o.put("server", serverName);
        o.put("clients", io.connectedClients());
        o.put("publishing", s.publishing());
        o.put("published", s.published());
        o.put("publishedPerRoom", s.publishedPerRoom());
        putTime(o, "startedAt", s.startedAt());
        putTime(o, "endedAt", s.endedAt());
        o.put("clockOffsetMs", clockOffsetMillis());
        if (moreStats != null) {
            moreStats.accept(o);
        }
        return o;
    }

    /**
     * Real time minus monotonic time in ms: epoch ms = {@link System#nanoTime()} / 1e6 + this.
     * Real time is read in microseconds (as the updates' ts is), so the offset is not off by
     * the millisecond clock's truncation; written with six decimals, never in exponent notation.
     */
    static BigDecimal clockOffsetMillis() {
        long realMicros = WallClock.micros();
        long monotonicNanos = System.nanoTime();
        return BigDecimal.valueOf(realMicros * 1_000 - monotonicNanos, 6);
    }

    private static void putTime(ObjectNode o, String name, long epochMillis) {
        if (epochMillis == 0) {
            o.putNull(name);
        } else {
            o.put(name, epochMillis);
        }
    }

    /**
     * A full collection, then the heap in use: what the live objects (connections, rooms)
     * take. Runs on the request's thread: the collection stops every thread anyway.
     */
    private static ObjectNode gc() {
        System.gc();
        long used = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        return Json.MAPPER.createObjectNode().put("heapUsed", used);
    }

    static HttpResponse error(StatusCode status, String message) {
        return json(status, Json.MAPPER.createObjectNode().put("error", message));
    }

    static HttpResponse json(StatusCode status, ObjectNode body) {
        return HttpResponse.create().withStatus(status)
                .withEntity(HttpEntities.create(ContentTypes.APPLICATION_JSON, Json.write(body)));
    }
}
