package dev.jobcast.api.dashboard;

import dev.jobcast.api.ApiError;
import dev.jobcast.api.ApiJson;
import org.apache.pekko.http.javadsl.model.headers.RawHeader;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.Route;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * GET /dashboard/dev-session: the demo user's token, so the dashboard of a developer's
 * embedded server signs in by itself. Anything else gets the same 404 as a server without
 * the convenience: a production server, and a browser on another machine (the token is
 * handed only to the machine the server runs on, which could read the printed one anyway).
 */
final class DevSessionRoute extends AllDirectives {
    private static final Logger LOG = LoggerFactory.getLogger(DevSessionRoute.class);
    static final String NOT_OFFERED = "no dev session here: sign in with a token";

    private final DevSessions sessions;

    DevSessionRoute(DevSessions sessions) {
        this.sessions = sessions;
    }

    Route route() {
        return extractRequest(req -> {
            if (!sessions.enabled() || !DashboardRequests.fromThisMachine(req)) {
                return complete(ApiError.notFound(NOT_OFFERED).toResponse());
            }
            return onComplete(sessions.issue(), outcome -> {
                if (outcome.isFailure()) {
                    LOG.warn("cannot issue a dashboard dev session", outcome.failed().get());
                    return complete(ApiError.internal().toResponse());
                }
                // A bearer token must not stay in any cache on the way.
                return complete(ApiJson.ok(outcome.get()).addHeader(RawHeader.create("Cache-Control", "no-store")));
            });
        });
    }
}
