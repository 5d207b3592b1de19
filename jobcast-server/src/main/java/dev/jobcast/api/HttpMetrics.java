package dev.jobcast.api;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.pekko.http.javadsl.model.HttpMethod;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * Times every API request by route template (not by raw path: ids would make one series
 * per job), method and status class. The series are few and bounded, so their timers are
 * cached and a request costs a map lookup and a record call.
 */
final class HttpMetrics extends AllDirectives {
    static final String NAME = "jobcast.http.server.requests";

    private record Key(String route, String method, int statusClass) {
    }

    private final MeterRegistry registry;
    private final ConcurrentMap<Key, Timer> timers = new ConcurrentHashMap<>();

    HttpMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** {@code inner}, whose (sealed, hence always complete) response is timed from now. */
    Route measure(String routeTemplate, HttpMethod method, Supplier<Route> inner) {
        long start = System.nanoTime();
        return mapResponse(response -> {
            timer(routeTemplate, method.name(), response.status().intValue() / 100)
                    .record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
            return response;
        }, inner);
    }

    private Timer timer(String route, String method, int statusClass) {
        return timers.computeIfAbsent(new Key(route, method, statusClass), k -> Timer.builder(NAME)
                .description("HTTP requests of the jobcast API, until the response starts")
                .tag("route", k.route())
                .tag("method", k.method())
                .tag("status", k.statusClass() + "xx")
                .register(registry));
    }
}
