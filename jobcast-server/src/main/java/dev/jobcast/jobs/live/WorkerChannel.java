package dev.jobcast.jobs.live;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jobcast.auth.Authenticator;
import dev.jobcast.auth.Role;
import dev.jobcast.jobs.ingest.Ingest;
import dev.jobcast.jobs.ingest.Outcome;
import dev.jobcast.jobs.ingest.ReportParser;
import dev.jobcast.socketio.Ack;
import dev.jobcast.socketio.Namespace;
import dev.jobcast.socketio.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * The worker channel, namespace {@value #NAMESPACE}: programs with a worker token report on
 * their jobs over one long-lived connection. A {@code report} event carries one report item,
 * or an array of up to {@value Ingest#MAX_BATCH}; its ack answers each once it is in the
 * journal (one item: its result; an array: the batch answer of the REST API). Without an
 * ack, a refused item is told with an {@code error} event. Bounded: a connection has at
 * most {@code maxInFlight} items unanswered, and items past that are refused at once with
 * {@value Outcome#RATE_LIMITED}, so a worker that outruns the journal is slowed, never queued.
 */
public final class WorkerChannel {
    public static final String NAMESPACE = "/workers";
    public static final String EVENT = "report";

    /** Items answered yet; read and written only on the connection's actor. */
    private static final class InFlight {
        int items;
    }

    private final Ingest ingest;
    private final Authenticator authenticator;
    private final int maxInFlight;

    public WorkerChannel(Ingest ingest, Authenticator authenticator, int maxInFlight) {
        if (maxInFlight < 1) {
            throw new IllegalArgumentException("max in flight must be >= 1");
        }
        this.ingest = ingest;
        this.authenticator = authenticator;
        this.maxInFlight = maxInFlight;
    }

    /**
     * @param eventsPerSecond each worker connection's allowance of events (a batch is one),
     *                        and {@code burst} its burst: workers send far more than people
     */
    public void install(Namespace namespace, double eventsPerSecond, int burst) {
        namespace.use(new SocketAuth(authenticator, Role.WORKER));
        namespace.inboundRate(eventsPerSecond, burst);
        namespace.onConnection(socket -> {
            InFlight inFlight = new InFlight();
            socket.on(EVENT, (s, args, ack) -> report(s, args, ack, inFlight));
        });
    }

    private void report(Socket socket, ArrayNode args, Ack ack, InFlight inFlight) {
        JsonNode payload = args.size() == 0 ? null : args.get(0);
        boolean batch = payload != null && payload.isArray();
        if (batch && (payload.isEmpty() || payload.size() > Ingest.MAX_BATCH)) {
            LiveJobs.fail(socket, ack, "bad_request",
                    "a report batch holds 1 to " + Ingest.MAX_BATCH + " items, got " + payload.size());
            return;
        }
        List<ReportParser.Item> items = new ArrayList<>(batch ? payload.size() : 1);
        if (batch) {
            payload.forEach(item -> items.add(ReportParser.parse(item)));
        } else {
            items.add(ReportParser.parse(payload));
        }
        // Items past the bound are answered now; the rest go to their jobs and hold a place.
        List<ReportParser.Item> admitted = new ArrayList<>(items.size());
        int[] positions = new int[items.size()];
        Outcome[] outcomes = new Outcome[items.size()];
        for (int i = 0; i < items.size(); i++) {
            ReportParser.Item item = items.get(i);
            if (item.report() != null && inFlight.items >= maxInFlight) {
                outcomes[i] = Outcome.refused(item.jobId(), Outcome.RATE_LIMITED, "more than " + maxInFlight
                        + " reports of this connection are not answered yet: wait for their acks");
                continue;
            }
            if (item.report() != null) {
                inFlight.items++;
            }
            positions[admitted.size()] = i;
            admitted.add(item);
        }
        int held = (int) admitted.stream().filter(item -> item.report() != null).count();
        CompletionStage<List<Outcome>> answered = ingest.submitAll(admitted);
        socket.whenComplete(answered, (done, error) -> {
            inFlight.items -= held;
            if (done == null) {
                return; // submitAll never fails (each item's failure is its own outcome)
            }
            for (int k = 0; k < done.size(); k++) {
                outcomes[positions[k]] = done.get(k);
            }
            answer(socket, ack, batch, List.of(outcomes));
        });
    }

    private static void answer(Socket socket, Ack ack, boolean batch, List<Outcome> outcomes) {
        if (ack != null) {
            ack.send(batch ? Ingest.batchAnswer(outcomes) : outcomes.get(0).toJson());
            return;
        }
        for (Outcome o : outcomes) {
            if (!o.ok()) {
                ObjectNode error = JobUpdatePayload.error(o.code(), o.message());
                if (o.jobId() != null) {
                    error.put("job_id", o.jobId());
                }
                socket.emit("error", error);
            }
        }
    }
}
