package dev.jobcast.jobs.ingest;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jobcast.jobs.JobRejection;
import dev.jobcast.jobs.JobService;
import dev.jobcast.jobs.JobState;
import dev.jobcast.store.Database;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the worker paths meet (a batch of reports over REST, the Socket.IO worker channel):
 * each report becomes its job's command, all of a batch's are sent at once (reports of one
 * job in the batch's order), and each is answered only once its events are in the journal.
 * One report's failure is its own answer and never the others'.
 */
public final class Ingest {
    private static final Logger LOG = LoggerFactory.getLogger(Ingest.class);

    /** Reports in one batch (one REST call, one worker event), at most. */
    public static final int MAX_BATCH = 1000;

    private final JobService jobs;

    public Ingest(JobService jobs) {
        this.jobs = jobs;
    }

    /** The answer to one parsed item; never a failed stage. */
    public CompletionStage<Outcome> submit(ReportParser.Item item) {
        if (item.report() == null) {
            return CompletableFuture.completedFuture(
                    Outcome.refused(item.jobId(), JobRejection.Kind.INVALID.code(), item.problem()));
        }
        Report r = item.report();
        CompletionStage<JobState> done;
        try {
            done = switch (r.kind()) {
                case PROGRESS -> jobs.progress(r.jobId(), r.progress(), r.message(), r.stage());
                case COMPLETE -> jobs.complete(r.jobId(), r.result());
                case FAIL -> jobs.fail(r.jobId(), r.error());
            };
        } catch (RuntimeException e) {
            return CompletableFuture.completedFuture(failed(r.jobId(), e));
        }
        CompletableFuture<Outcome> out = new CompletableFuture<>();
        done.whenComplete((state, error) -> out.complete(error == null ? Outcome.accepted(state) : failed(r.jobId(), error)));
        return out;
    }

    /** Every item's answer, in the items' order, once the last one is known. */
    public CompletionStage<List<Outcome>> submitAll(List<ReportParser.Item> items) {
        Outcome[] outcomes = new Outcome[items.size()];
        CompletableFuture<List<Outcome>> all = new CompletableFuture<>();
        if (items.isEmpty()) {
            all.complete(List.of());
            return all;
        }
        AtomicInteger left = new AtomicInteger(items.size());
        for (int i = 0; i < outcomes.length; i++) {
            int at = i;
            submit(items.get(i)).thenAccept(o -> {
                outcomes[at] = o;
                if (left.decrementAndGet() == 0) {
                    all.complete(Arrays.asList(outcomes));
                }
            });
        }
        return all;
    }

    /** {@code {"results": [...], "accepted": n, "rejected": m}}: the answer to a batch. */
    public static ObjectNode batchAnswer(List<Outcome> outcomes) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        ArrayNode results = body.putArray("results");
        int accepted = 0;
        for (Outcome o : outcomes) {
            results.add(o.toJson());
            if (o.ok()) {
                accepted++;
            }
        }
        body.put("accepted", accepted);
        body.put("rejected", outcomes.size() - accepted);
        return body;
    }

    private static Outcome failed(long jobId, Throwable error) {
        Throwable t = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (t instanceof JobRejection r) {
            return Outcome.refused(jobId, r.kind().code(), r.getMessage());
        }
        if (t instanceof TimeoutException) {
            return Outcome.refused(jobId, JobRejection.Kind.UNAVAILABLE.code(),
                    "the job service did not answer in time; retry later");
        }
        if (t instanceof Database.DatabaseException) {
            return Outcome.refused(jobId, JobRejection.Kind.UNAVAILABLE.code(), "the database is unavailable; retry later");
        }
        LOG.error("a report for job {} failed unexpectedly", jobId, t);
        return Outcome.refused(jobId, "internal", "internal error");
    }
}
