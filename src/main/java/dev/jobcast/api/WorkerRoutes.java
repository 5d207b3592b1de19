package dev.jobcast.api;

import dev.jobcast.jobs.JobService;
import dev.jobcast.jobs.JobState;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * The worker API: external workers report on the jobs they run, whoever owns them. The
 * router has already checked the worker role; the job's entity checks the transition.
 */
final class WorkerRoutes extends AllDirectives {
    private final JobService jobs;
    private final JsonBody body;

    WorkerRoutes(JobService jobs, JsonBody body) {
        this.jobs = jobs;
        this.body = body;
    }

    void register(Router.Builder router) {
        router.on(Endpoint.REPORT_PROGRESS, this::progress)
                .on(Endpoint.COMPLETE_JOB, this::completeJob)
                .on(Endpoint.FAIL_JOB, this::failJob);
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
