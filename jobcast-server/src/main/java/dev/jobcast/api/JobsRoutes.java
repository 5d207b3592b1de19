package dev.jobcast.api;

import dev.jobcast.jobs.JobService;
import dev.jobcast.jobs.JobState;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * A user's jobs: create, list, read, cancel, and the journal. Every read and write is
 * scoped to the caller; someone else's job answers exactly like one that does not exist.
 */
final class JobsRoutes extends AllDirectives {
    static final int DEFAULT_PAGE = 20;
    static final int MAX_PAGE = 100;
    static final int DEFAULT_EVENTS = 100;
    static final int MAX_EVENTS = 1000;

    private final JobService jobs;
    private final JsonBody body;

    JobsRoutes(JobService jobs, JsonBody body) {
        this.jobs = jobs;
        this.body = body;
    }

    void register(Router.Builder router) {
        router.on(Endpoint.CREATE_JOB, this::create)
                .on(Endpoint.LIST_JOBS, this::list)
                .on(Endpoint.GET_JOB, this::get)
                .on(Endpoint.CANCEL_JOB, this::cancel)
                .on(Endpoint.JOB_EVENTS, this::events);
    }

    private Route create(Call call) {
        return body.object(json -> {
            JobRequests.CreateJob req = JobRequests.CreateJob.from(json);
            return onSuccess(jobs.create(call.caller().userId(), req.type(), req.runner(), req.input()),
                    job -> complete(ApiJson.response(StatusCodes.CREATED, JobViews.JobView.of(job))));
        });
    }

    private Route list(Call call) {
        return extractRequest(req -> {
            QueryParams q = QueryParams.of(req);
            var status = q.status("status").orElse(null);
            int limit = q.intIn("limit", 1, MAX_PAGE, DEFAULT_PAGE);
            Long before = q.cursor("cursor").orElse(null);
            return onSuccess(jobs.list(call.caller().userId(), status, limit, before),
                    page -> complete(ApiJson.ok(JobViews.JobListView.of(page))));
        });
    }

    private Route get(Call call) {
        long id = call.jobId();
        return onSuccess(jobs.getOwned(call.caller().userId(), id), this::job);
    }

    private Route cancel(Call call) {
        long id = call.jobId();
        return onSuccess(jobs.cancel(call.caller().userId(), id), this::job);
    }

    private Route events(Call call) {
        long id = call.jobId();
        return extractRequest(req -> {
            QueryParams q = QueryParams.of(req);
            long since = q.nonNegativeLong("since", 0);
            int limit = q.intIn("limit", 1, MAX_EVENTS, DEFAULT_EVENTS);
            return onSuccess(jobs.events(call.caller().userId(), id, since, limit),
                    entries -> complete(ApiJson.ok(JobViews.EventsView.of(id, entries))));
        });
    }

    private Route job(JobState job) {
        return complete(ApiJson.ok(JobViews.JobView.of(job)));
    }
}
