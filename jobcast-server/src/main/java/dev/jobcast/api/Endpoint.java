package dev.jobcast.api;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.apache.pekko.http.javadsl.model.HttpMethod;
import org.apache.pekko.http.javadsl.model.HttpMethods;

/**
 * The route table: every (method, path) the API serves, and who may call it. The router
 * is built from this list and refuses to start unless each entry has a handler, and
 * OpenApiTest compares it with openapi.json both ways, so code and document cannot drift.
 */
public enum Endpoint {
    INFO(HttpMethods.GET, "/", Access.PUBLIC),
    HEALTH(HttpMethods.GET, "/health", Access.PUBLIC),
    READY(HttpMethods.GET, "/ready", Access.PUBLIC),
    METRICS(HttpMethods.GET, "/metrics", Access.PUBLIC),
    OPENAPI(HttpMethods.GET, "/openapi.json", Access.PUBLIC),
    CREATE_JOB(HttpMethods.POST, "/api/jobs", Access.USER),
    LIST_JOBS(HttpMethods.GET, "/api/jobs", Access.USER),
    GET_JOB(HttpMethods.GET, "/api/jobs/{id}", Access.USER),
    CANCEL_JOB(HttpMethods.POST, "/api/jobs/{id}/cancel", Access.USER),
    JOB_EVENTS(HttpMethods.GET, "/api/jobs/{id}/events", Access.USER),
    REPORT_PROGRESS(HttpMethods.POST, "/api/jobs/{id}/progress", Access.WORKER),
    COMPLETE_JOB(HttpMethods.POST, "/api/jobs/{id}/complete", Access.WORKER),
    FAIL_JOB(HttpMethods.POST, "/api/jobs/{id}/fail", Access.WORKER),
    SUBMIT_REPORTS(HttpMethods.POST, "/api/reports", Access.WORKER),
    WEBSOCKET_STATS(HttpMethods.GET, "/websocket/stats", Access.ADMIN);

    private final HttpMethod method;
    private final PathTemplate path;
    private final Access access;

    Endpoint(HttpMethod method, String path, Access access) {
        this.method = method;
        this.path = PathTemplate.parse(path);
        this.access = access;
    }

    public HttpMethod method() {
        return method;
    }

    public PathTemplate path() {
        return path;
    }

    public Access access() {
        return access;
    }

    /** "GET /api/jobs/{id}": how the API info, metrics and tests name an endpoint. */
    public String describe() {
        return method.name() + " " + path.text();
    }

    /** The OpenAPI spelling of the method ("get", "post"). */
    public String openApiMethod() {
        return method.name().toLowerCase(Locale.ROOT);
    }

    public static List<Endpoint> all() {
        return Arrays.asList(values());
    }
}
