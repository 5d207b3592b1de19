package dev.jobcast.api;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.pekko.http.javadsl.model.HttpMethod;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.Rejection;
import org.apache.pekko.http.javadsl.server.Rejections;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * Serves exactly the {@link Endpoint} table: a request whose path fits no template is
 * rejected as not found, one whose path fits but whose method does not gets the methods
 * that would (405 with Allow), and the rest reach their handler after the access check.
 */
final class Router extends AllDirectives {

    /** What one endpoint does with a request. */
    @FunctionalInterface
    interface Handler {
        Route handle(Call call);
    }

    /** Which endpoint a request is for, or which methods its path would take. */
    record Match(Endpoint endpoint, Map<String, String> variables, List<HttpMethod> allowed, String template) {
        static final String UNMATCHED = "unmatched";
    }

    private final Map<Endpoint, Handler> handlers;
    private final AuthDirective auth;

    private Router(Map<Endpoint, Handler> handlers, AuthDirective auth) {
        this.handlers = handlers;
        this.auth = auth;
    }

    static Builder builder(AuthDirective auth) {
        return new Builder(auth);
    }

    Match match(HttpRequest req) {
        String path = req.getUri().path();
        HttpMethod method = req.method();
        List<HttpMethod> allowed = new ArrayList<>(2);
        String template = Match.UNMATCHED;
        for (Endpoint e : Endpoint.values()) {
            Optional<Map<String, String>> vars = e.path().match(path);
            if (vars.isEmpty()) {
                continue;
            }
            if (e.method().equals(method)) {
                return new Match(e, vars.get(), List.of(), e.path().text());
            }
            allowed.add(e.method());
            template = e.path().text();
        }
        return new Match(null, Map.of(), allowed, template);
    }

    Route dispatch(Match m) {
        if (m.endpoint() == null) {
            if (m.allowed().isEmpty()) {
                return reject();
            }
            Rejection[] others = m.allowed().stream().skip(1).map(Rejections::method).toArray(Rejection[]::new);
            return reject(Rejections.method(m.allowed().get(0)), others);
        }
        Handler handler = handlers.get(m.endpoint());
        if (m.endpoint().access() == Access.PUBLIC) {
            return handler.handle(new Call(m.endpoint(), m.variables(), null));
        }
        return auth.require(m.endpoint().access(),
                caller -> handler.handle(new Call(m.endpoint(), m.variables(), caller)));
    }

    static final class Builder {
        private final AuthDirective auth;
        private final Map<Endpoint, Handler> handlers = new EnumMap<>(Endpoint.class);

        private Builder(AuthDirective auth) {
            this.auth = auth;
        }

        Builder on(Endpoint endpoint, Handler handler) {
            if (handlers.putIfAbsent(endpoint, handler) != null) {
                throw new IllegalStateException(endpoint.describe() + " has two handlers");
            }
            return this;
        }

        /** Fails when an endpoint of the table has no handler: the table must be what is served. */
        Router build() {
            List<String> missing = Endpoint.all().stream().filter(e -> !handlers.containsKey(e))
                    .map(Endpoint::describe).toList();
            if (!missing.isEmpty()) {
                throw new IllegalStateException("endpoints without a handler: " + missing);
            }
            return new Router(new EnumMap<>(handlers), auth);
        }
    }
}
