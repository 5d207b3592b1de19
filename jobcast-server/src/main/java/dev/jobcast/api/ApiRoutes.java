package dev.jobcast.api;

import dev.jobcast.auth.Authenticator;
import dev.jobcast.jobs.JobService;
import dev.jobcast.jobs.ingest.Ingest;
import dev.jobcast.jobs.live.LiveConnections;
import dev.jobcast.store.Database;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * The HTTP API of jobcast: REST for jobs, the worker API, health, readiness, metrics and
 * the OpenAPI description. {@link #route()} is sealed: every request that reaches it gets
 * a JSON answer, including unknown paths (404) and wrong methods (405), so it must be the
 * last route of a concat.
 */
public final class ApiRoutes extends AllDirectives {
    private final Router router;
    private final ErrorHandling errors = new ErrorHandling();
    private final HttpMetrics httpMetrics;

    public ApiRoutes(JobService jobs, Ingest ingest, Authenticator authenticator, Database db, PrometheusMeterRegistry metrics,
                     long maxBodyBytes, String socketIoPath, LiveConnections connections) {
        JsonBody body = new JsonBody(maxBodyBytes);
        Router.Builder builder = Router.builder(new AuthDirective(authenticator));
        new SystemRoutes(db, metrics, socketIoPath).register(builder);
        new JobsRoutes(jobs, body).register(builder);
        new WorkerRoutes(jobs, ingest, body).register(builder);
        builder.on(Endpoint.WEBSOCKET_STATS, call -> complete(ApiJson.ok(StatsView.of(connections.stats()))));
        this.router = builder.build();
        this.httpMetrics = new HttpMetrics(metrics);
    }

    public Route route() {
        return extractRequest(req -> {
            Router.Match match = router.match(req);
            return httpMetrics.measure(match.template(), req.method(), () -> errors.seal(() -> router.dispatch(match)));
        });
    }
}
