package dev.jobcast.jobs.live;

import dev.jobcast.jobs.JobService;
import dev.jobcast.jobs.JobState;
import dev.jobcast.jobs.JobUpdate;
import dev.jobcast.jobs.JournalEntry;
import dev.jobcast.socketio.Ack;
import dev.jobcast.socketio.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * One join_job, without gap or duplicate: hold the job's live stream on the socket, join
 * the room, replay the journal after `since` (paced by the socket's outbound queue), read
 * the current state, answer job_status, then release the held live updates after it.
 * A recovered socket resumes the same way, already in the room: from where its offset says
 * the client is, without job_status (or, when the client had nothing of the job yet, from
 * job_status as a join without `since`). Every step runs on the socket's connection actor.
 */
final class JoinReplay {
    static final int CHUNK = 200;
    private static final Duration PACE = Duration.ofMillis(20);

    private final JobService jobs;
    private final Socket socket;
    private final JoinRequest request;
    private final Ack ack;
    private final String stream;
    private final int chunk;
    private JobState folded = JobState.EMPTY;
    private long lastRead;

    private final Runnable countReplayed;
    private final Runnable onJoined;
    private final boolean resuming;

    JoinReplay(JobService jobs, Socket socket, JoinRequest request, Ack ack, Runnable countReplayed,
               Runnable onJoined) {
        this(jobs, socket, request, ack, countReplayed, onJoined, false);
    }

    /** A recovered socket's stream, from {@code request.since()} (null: the client had none of it). */
    static JoinReplay resume(JobService jobs, Socket socket, JoinRequest request, Runnable countReplayed,
                             Runnable onJoined) {
        return new JoinReplay(jobs, socket, request, null, countReplayed, onJoined, true);
    }

    private JoinReplay(JobService jobs, Socket socket, JoinRequest request, Ack ack, Runnable countReplayed,
                       Runnable onJoined, boolean resuming) {
        this.resuming = resuming;
        this.countReplayed = countReplayed;
        this.onJoined = onJoined;
        this.jobs = jobs;
        this.socket = socket;
        this.request = request;
        this.ack = ack;
        this.stream = JobBroadcaster.stream(request.jobId());
        // At most a quarter of the outbound bound in flight, so a replay never overflows it.
        this.chunk = Math.max(1, Math.min(CHUNK, socket.queueCapacity() / 4));
    }

    void start() {
        socket.streams().hold(stream);
        var joined = resuming ? CompletableFuture.<Void>completedFuture(null)
                : socket.join(JobBroadcaster.room(request.jobId()));
        socket.whenComplete(joined, (ok, error) -> {
            if (error != null) {
                abort(error);
            } else if (request.since() == null) {
                finish();
            } else {
                read();
            }
        });
    }

    /** Reads the next chunk of the journal after what was read so far. */
    private void read() {
        socket.whenComplete(jobs.events(request.jobId(), lastRead, chunk), (entries, error) -> {
            if (!socket.connected()) {
                return;
            }
            if (error != null) {
                abort(error);
                return;
            }
            replay(entries);
            if (entries.size() == chunk) {
                paced(this::read);
            } else {
                finish();
            }
        });
    }

    private void replay(List<JournalEntry> entries) {
        for (JournalEntry e : entries) {
            folded = folded.apply(e.event());
            lastRead = e.seq();
            if (e.seq() > request.since()) {
                countReplayed.run();
                socket.streams().emit(stream, e.seq(), "job_update",
                        JobUpdatePayload.jobUpdate(JobUpdate.of(folded, e.event())));
            }
        }
    }

    /** Waits for the client to read what was queued before replaying more. */
    private void paced(Runnable next) {
        if (!socket.connected()) {
            return;
        }
        if (socket.queuedPackets() < chunk) {
            next.run();
        } else {
            socket.schedule(PACE, () -> paced(next));
        }
    }

    private void finish() {
        socket.whenComplete(jobs.get(request.jobId()), (state, error) -> {
            if (!socket.connected()) {
                return;
            }
            if (error != null) {
                abort(error);
            } else if (request.since() != null && request.since() > state.seq()) {
                // The client claims events the journal does not have: say so rather than
                // silently dropping the next ones as duplicates.
                socket.leave(JobBroadcaster.room(request.jobId()));
                socket.streams().forget(stream);
                LiveJobs.fail(socket, ack, "bad_request", "since (" + request.since() + ") is ahead of job "
                        + request.jobId() + ", whose last seq is " + state.seq() + "; join again without since");
            } else if (request.since() != null && state.seq() > lastRead) {
                // Events were persisted while replaying: read them from the journal too.
                read();
            } else {
                // The client has the job up to state.seq() once it holds what goes out next.
                socket.streams().advance(stream, state.seq());
                if (!(resuming && request.since() != null)) {
                    var status = JobUpdatePayload.jobStatus(state);
                    socket.emit("job_status", status);
                    if (ack != null) {
                        ack.send(status);
                    }
                }
                socket.streams().release(stream, state.seq());
                onJoined.run();
            }
        });
    }

    private void abort(Throwable error) {
        socket.leave(JobBroadcaster.room(request.jobId()));
        socket.streams().forget(stream);
        LiveJobs.failFrom(socket, ack, error);
    }
}
