package dev.jobcast.jobs.live;

import dev.jobcast.jobs.JobUpdate;
import dev.jobcast.socketio.Namespace;
import java.time.Duration;
import java.util.List;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;

/**
 * Turns persisted job events into job_update broadcasts to room job_{id}, through the
 * {@link UpdateThrottle}; each broadcast is an ordered item (seq) of stream job:{id}, and
 * progress items may be conflated in a slow client's queue.
 */
public final class JobBroadcaster {

    public sealed interface Command {
    }

    public record Publish(JobUpdate update) implements Command {
    }

    private record Flush(long jobId) implements Command {
    }

    private enum Sweep implements Command { INSTANCE }

    /** Counts for metrics. */
    public interface Listener {
        void broadcast(JobUpdate u);

        void conflated(int n);
    }

    private JobBroadcaster() {
    }

    public static String room(long jobId) {
        return "job_" + jobId;
    }

    /** The job whose room this is, or null for any other room. */
    public static Long jobIdOf(String room) {
        if (!room.startsWith("job_") || room.length() > 20) {
            return null;
        }
        try {
            long id = Long.parseLong(room.substring(4));
            return id > 0 && room.equals(room(id)) ? id : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    public static String stream(long jobId) {
        return "job:" + jobId;
    }

    public static Behavior<Command> create(Namespace namespace, int maxUpdatesPerSecond, Listener listener) {
        return Behaviors.withTimers(timers -> {
            timers.startTimerWithFixedDelay(Sweep.INSTANCE, Duration.ofMinutes(1));
            return behavior(namespace, new UpdateThrottle(maxUpdatesPerSecond), timers, listener,
                    maxUpdatesPerSecond > 0);
        });
    }

    /** @param conflate false when every event must reach every subscriber (rate 0) */
    private static Behavior<Command> behavior(Namespace namespace, UpdateThrottle throttle,
                                              TimerScheduler<Command> timers, Listener listener, boolean conflate) {
        return Behaviors.receive(Command.class)
                .onMessage(Publish.class, p -> {
                    long now = System.nanoTime();
                    UpdateThrottle.Decision d = throttle.offer(p.update(), now);
                    send(namespace, d.send(), listener, conflate);
                    if (d.conflated() > 0) {
                        listener.conflated(d.conflated());
                    }
                    if (d.flushAtNanos() >= 0) {
                        timers.startSingleTimer(new Flush(p.update().jobId()),
                                Duration.ofNanos(Math.max(0, d.flushAtNanos() - now)));
                    }
                    return Behaviors.same();
                })
                .onMessage(Flush.class, f -> {
                    send(namespace, throttle.flush(f.jobId(), System.nanoTime()), listener, conflate);
                    return Behaviors.same();
                })
                .onMessageEquals(Sweep.INSTANCE, () -> {
                    throttle.sweep(System.nanoTime(), Duration.ofMinutes(1).toNanos());
                    return Behaviors.same();
                })
                .build();
    }

    private static void send(Namespace namespace, List<JobUpdate> updates, Listener listener, boolean conflate) {
        for (JobUpdate u : updates) {
            boolean replaceable = conflate && "progress".equals(u.event());
            namespace.to(room(u.jobId()))
                    .conflate(replaceable ? stream(u.jobId()) : null)
                    .ordered(stream(u.jobId()), u.seq())
                    .emit("job_update", JobUpdatePayload.jobUpdate(u));
            listener.broadcast(u);
        }
    }
}
