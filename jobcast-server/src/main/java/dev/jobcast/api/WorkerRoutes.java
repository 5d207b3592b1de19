package dev.jobcast.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jobcast.jobs.JobService;
import dev.jobcast.jobs.JobState;
import dev.jobcast.jobs.ingest.Ingest;
import dev.jobcast.jobs.ingest.ReportParser;
import java.util.ArrayList;
import java.util.List;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * The worker API: external workers report on the jobs they run, whoever owns them, one
 * report per call or a batch of them. The router has already checked the worker role; the
 * job's entity checks the transition.
 */
final class WorkerRoutes extends AllDirectives {
    private final JobService jobs;
    private final Ingest ingest;
    private final JsonBody body;

    WorkerRoutes(JobService jobs, Ingest ingest, JsonBody body) {
        this.jobs = jobs;
        this.ingest = ingest;
        this.body = body;
    }

    void register(Router.Builder router) {
        router.on(Endpoint.REPORT_PROGRESS, this::progress)
                .on(Endpoint.COMPLETE_JOB, this::completeJob)
                .on(Endpoint.FAIL_JOB, this::failJob)
                .on(Endpoint.SUBMIT_REPORTS, this::reports);
    }

    /**
     * A batch: an array of 1..{@value Ingest#MAX_BATCH} report items, answered item by item in
     * their order once every accepted one is in the journal. A bad item is its own answer.
     */
    private Route reports(Call call) {
        return body.array(items -> {
            if (items.isEmpty() || items.size() > Ingest.MAX_BATCH) {
                throw ApiException.badRequest("a batch holds 1 to " + Ingest.MAX_BATCH + " reports, got " + items.size());
            }
            List<ReportParser.Item> parsed = new ArrayList<>(items.size());
            for (JsonNode item : items) {
                parsed.add(ReportParser.parse(item));
            }
            return onSuccess(ingest.submitAll(parsed), outcomes -> complete(ApiJson.ok(Ingest.batchAnswer(outcomes))));
        });
    }

    private Route progress(Call call) {
        long id = call.jobId();
        return body.object(json -> {
            JobRequests.ReportProgress req = JobRequests.ReportProgress.from(json);
            return onSuccess(jobs.progress(id, req.progress(), req.message(), req.stage()), this::job);
        });
    }

    private Route completeJob(Call call) {
        long id = call.jobId();
        return body.object(json -> onSuccess(jobs.complete(id, JobRequests.CompleteJob.from(json).result()), this::job));
    }

    private Route failJob(Call call) {
        long id = call.jobId();
        return body.object(json -> onSuccess(jobs.fail(id, JobRequests.FailJob.from(json).error()), this::job));
    }

    private Route job(JobState job) {
        return complete(ApiJson.ok(JobViews.JobView.of(job)));
    }
}
