package dev.jobcast.api;

import dev.jobcast.auth.Authenticator;
import dev.jobcast.jobs.JobService;
import dev.jobcast.store.Database;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.Route;

/** The HTTP API of jobcast: REST for jobs, health and readiness, metrics. */
public final class ApiRoutes extends AllDirectives {
    private final JobService jobs;
    private final Authenticator authenticator;
    private final Database db;
    private final PrometheusMeterRegistry metrics;
    private final long maxBodyBytes;

    public ApiRoutes(JobService jobs, Authenticator authenticator, Database db, PrometheusMeterRegistry metrics,
                     long maxBodyBytes) {
        this.jobs = jobs;
        this.authenticator = authenticator;
        this.db = db;
        this.metrics = metrics;
        this.maxBodyBytes = maxBodyBytes;
    }

    public Route route() {
        return concat(
                path("health", () -> get(() -> complete(StatusCodes.OK,
                        HttpEntities.create(ContentTypes.APPLICATION_JSON, "{\"status\":\"ok\"}")))),
                path("ready", () -> get(() -> db.reachable()
                        ? complete(StatusCodes.OK, HttpEntities.create(ContentTypes.APPLICATION_JSON, "{\"status\":\"ready\"}"))
                        : complete(StatusCodes.SERVICE_UNAVAILABLE, HttpEntities.create(ContentTypes.APPLICATION_JSON,
                        "{\"error\":\"not_ready\",\"message\":\"database unreachable\"}")))));
    }
}
