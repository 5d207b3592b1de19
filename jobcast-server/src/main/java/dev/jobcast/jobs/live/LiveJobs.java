package dev.jobcast.jobs.live;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jobcast.auth.AuthException;
import dev.jobcast.auth.Authenticator;
import dev.jobcast.auth.Principal;
import dev.jobcast.jobs.JobRejection;
import dev.jobcast.jobs.JobService;
import dev.jobcast.socketio.Ack;
import dev.jobcast.socketio.DisconnectReasons;
import dev.jobcast.socketio.Namespace;
import dev.jobcast.socketio.Socket;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;

/**
 * The seed's event contract on the default namespace: connected, join_job (with gap-free
 * replay after `since`), leave_job, ping, auth_refresh, and the disconnect of a connection
 * whose token expires. Runs on each connection's actor.
 */
public final class LiveJobs {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    /** Above any configured limit: an offset names at most this many streams. */
    public static final int MAX_JOBS_PER_CONNECTION = dev.jobcast.socketio.RecoveryOffset.MAX_STREAMS;

    private final JobService jobs;
    private final Authenticator authenticator;
    private final LiveConnections connections = new LiveConnections();
    private final Counter slowClients;
    private final Counter replayed;
    private final int maxJobs;

    /**
     * @param maxJobs jobs one connection may watch at once: what a connection costs is
     *                bounded, and so is the offset each event carries when connection state
     *                recovery is on (one entry per job)
     */
    public LiveJobs(JobService jobs, Authenticator authenticator, MeterRegistry metrics, int maxJobs) {
        if (maxJobs < 1 || maxJobs > MAX_JOBS_PER_CONNECTION) {
            throw new IllegalArgumentException("max jobs per connection must be 1.." + MAX_JOBS_PER_CONNECTION);
        }
        this.maxJobs = maxJobs;
        this.jobs = jobs;
        this.authenticator = authenticator;
        this.slowClients = Counter.builder("jobcast_slow_clients_dropped")
                .description("connections closed because they could not keep up").register(metrics);
        this.replayed = Counter.builder("jobcast_updates_replayed")
                .description("job updates replayed from the journal to joining clients").register(metrics);
        Gauge.builder("jobcast_live_connections", connections, LiveConnections::connections)
                .description("authenticated Socket.IO connections").register(metrics);
        Gauge.builder("jobcast_job_rooms", connections, LiveConnections::activeJobRooms)
                .description("jobs watched by at least one connection").register(metrics);
    }

    public LiveConnections connections() {
        return connections;
    }

    public void install(Namespace namespace) {
        namespace.use(new SocketAuth(authenticator));
        namespace.onConnection(this::onConnection);
        namespace.onRecovery(this::onRecovery);
    }

    /** What the rate limiter does to a flooding connection: tell it, then disconnect it. */
    public static void rateLimited(Socket socket) {
        socket.emit("error", JobUpdatePayload.error("rate_limited", "Too many events: slow down"));
        socket.closeConnection(DisconnectReasons.RATE_LIMITED);
    }

    private void onConnection(Socket socket) {
        Principal principal = socket.get(SocketAuth.PRINCIPAL);
        socket.emit("connected", F.objectNode()
                .put("message", "Connected to jobcast")
                .put("user_id", principal.userId())
                .put("timestamp", Instant.now().toString()));
        ExpiryTimer expiry = new ExpiryTimer(socket);
        expiry.arm(principal.tokenExpiresAt());
        connections.connected(socket.id(), principal.userId());
        socket.onDisconnect(reason -> {
            expiry.cancel();
            connections.disconnected(socket.id());
            if (DisconnectReasons.SLOW_CLIENT.equals(reason)) {
                slowClients.increment();
            }
        });
        socket.on("join_job", (s, args, ack) -> join(s, args, ack));
        socket.on("leave_job", (s, args, ack) -> leave(s, args, ack));
        socket.on("ping", (s, args, ack) -> {
            ObjectNode pong = F.objectNode().put("timestamp", Instant.now().toString());
            s.emit("pong", pong);
            if (ack != null) {
                ack.send(pong);
            }
        });
        socket.on("auth_refresh", (s, args, ack) -> refresh(s, args, ack, expiry));
    }

    /**
     * A socket that came back within the recovery window is in its job rooms again; each job
     * resumes from the journal where the client's offset says it is. The streams are held
     * now, before any live update reaches the socket; access is checked again, as on a join.
     */
    private void onRecovery(Socket socket) {
        long userId = (socket.get(SocketAuth.PRINCIPAL)).userId();
        for (String room : socket.rooms()) {
            Long jobId = JobBroadcaster.jobIdOf(room);
            if (jobId == null) {
                continue;
            }
            String stream = JobBroadcaster.stream(jobId);
            Long since = socket.streams().knows(stream) ? socket.streams().watermark(stream) : null;
            socket.streams().hold(stream);
            socket.whenComplete(jobs.getOwned(userId, jobId), (job, error) -> {
                if (error != null) {
                    socket.leave(room);
                    socket.streams().forget(stream);
                    failFrom(socket, null, error);
                    return;
                }
                JoinReplay.resume(jobs, socket, new JoinRequest(jobId, since), replayed::increment,
                        () -> connections.watching(socket.id(), jobId)).start();
            });
        }
    }

    private void join(Socket socket, ArrayNode args, Ack ack) {
        JoinRequest request;
        try {
            request = JoinRequest.parse(args);
        } catch (JoinRequest.Invalid e) {
            fail(socket, ack, "bad_request", e.getMessage());
            return;
        }
        long userId = (socket.get(SocketAuth.PRINCIPAL)).userId();
        socket.whenComplete(jobs.getOwned(userId, request.jobId()), (job, error) -> {
            if (error != null) {
                failFrom(socket, ack, error);
                return;
            }
            String room = JobBroadcaster.room(request.jobId());
            if (!socket.isIn(room) && jobRooms(socket) >= maxJobs) {
                fail(socket, ack, "too_many_jobs", "a connection watches at most " + maxJobs
                        + " jobs at once; leave_job one first");
                return;
            }
            new JoinReplay(jobs, socket, request, ack, replayed::increment,
                    () -> connections.watching(socket.id(), request.jobId())).start();
        });
    }

    private static long jobRooms(Socket socket) {
        return socket.rooms().stream().filter(r -> JobBroadcaster.jobIdOf(r) != null).count();
    }

    private void leave(Socket socket, ArrayNode args, Ack ack) {
        JoinRequest request;
        try {
            request = JoinRequest.parse(args);
        } catch (JoinRequest.Invalid e) {
            fail(socket, ack, "bad_request", e.getMessage());
            return;
        }
        socket.leave(JobBroadcaster.room(request.jobId()));
        socket.streams().forget(JobBroadcaster.stream(request.jobId()));
        connections.notWatching(socket.id(), request.jobId());
        ObjectNode body = F.objectNode().put("job_id", request.jobId())
                .put("message", "Unsubscribed from job " + request.jobId());
        socket.emit("job_unsubscribed", body);
        if (ack != null) {
            ack.send(body);
        }
    }

    private void refresh(Socket socket, ArrayNode args, Ack ack, ExpiryTimer expiry) {
        var token = args.size() > 0 ? args.get(0).path("token") : F.missingNode();
        if (!token.isTextual()) {
            fail(socket, ack, "bad_request", "expected {\"token\": \"<JWT>\"}");
            return;
        }
        Principal current = socket.get(SocketAuth.PRINCIPAL);
        socket.whenComplete(authenticator.authenticate(token.textValue()), (fresh, error) -> {
            if (error != null) {
                Throwable cause = unwrap(error);
                fail(socket, ack, "invalid_token", cause instanceof AuthException a ? a.getMessage() : "token refused");
            } else if (fresh.userId() != current.userId()) {
                fail(socket, ack, "invalid_token", "the new token is for another user");
            } else {
                socket.set(SocketAuth.PRINCIPAL, fresh);
                expiry.arm(fresh.tokenExpiresAt());
                ObjectNode body = F.objectNode().put("expires_at", fresh.tokenExpiresAt().toString());
                socket.emit("auth_refreshed", body);
                if (ack != null) {
                    ack.send(body);
                }
            }
        });
    }

    static void failFrom(Socket socket, Ack ack, Throwable error) {
        Throwable cause = unwrap(error);
        if (cause instanceof JobRejection r) {
            fail(socket, ack, r.kind().code(), r.getMessage());
        } else if (cause instanceof TimeoutException) {
            fail(socket, ack, "unavailable", "the job service did not answer in time; try again");
        } else {
            fail(socket, ack, "internal", "internal error");
        }
    }

    static void fail(Socket socket, Ack ack, String code, String message) {
        ObjectNode body = JobUpdatePayload.error(code, message);
        socket.emit("error", body);
        if (ack != null) {
            ack.send(F.objectNode().set("error", body));
        }
    }

    static Throwable unwrap(Throwable t) {
        return t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
    }

    /** Disconnects the socket when its token expires, unless a refresh moved the deadline. */
    private static final class ExpiryTimer {
        private final Socket socket;
        private Runnable cancel = () -> { };

        ExpiryTimer(Socket socket) {
            this.socket = socket;
        }

        void arm(Instant expiresAt) {
            cancel.run();
            Duration left = Duration.between(Instant.now(), expiresAt);
            cancel = socket.schedule(left.isNegative() ? Duration.ZERO : left, () -> {
                if (socket.connected()) {
                    socket.emit("error", JobUpdatePayload.error("token_expired",
                            "Your token expired at " + expiresAt + "; reconnect with a new one"));
                    socket.disconnect(true);
                }
            });
        }

        void cancel() {
            cancel.run();
        }
    }
}
