package dev.jobcast.api;

import dev.jobcast.store.Database;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.http.javadsl.model.ContentType;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.Route;

/** What is not about jobs: the API's description, probes for orchestrators, metrics. */
final class SystemRoutes extends AllDirectives {
    /** The API's version; openapi.json's info.version says the same (OpenApiTest checks). */
    static final String VERSION = "0.1.0";
    static final String OPENAPI_RESOURCE = "openapi.json";

    // Prometheus text exposition format 0.0.4, which every scraper reads.
    private static final ContentType PROMETHEUS_TEXT = ContentTypes.parse("text/plain; version=0.0.4; charset=utf-8");
    // Longer than any healthy database needs for "SELECT 1", short enough for a probe's timeout.
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(3);

    /** GET /: what this service is and where to go next. message and websocket are the seed's fields. */
    record InfoView(String name, String message, String version, String docs, String websocket, SocketIo socketIo,
                    List<String> endpoints) {
    }

    record SocketIo(String path) {
    }

    record Status(String status) {
    }

    private final Database db;
    private final PrometheusMeterRegistry metrics;
    private final HttpResponse info;
    private final HttpResponse openApi;

    SystemRoutes(Database db, PrometheusMeterRegistry metrics, String socketIoPath) {
        this.db = db;
        this.metrics = metrics;
        this.info = ApiJson.ok(new InfoView("jobcast", "jobcast: live progress of background jobs", VERSION,
                "/" + OPENAPI_RESOURCE, socketIoPath, new SocketIo(socketIoPath),
                Endpoint.all().stream().map(Endpoint::describe).toList()));
        this.openApi = HttpResponse.create().withEntity(HttpEntities.create(ContentTypes.APPLICATION_JSON,
                loadOpenApi()));
    }

    void register(Router.Builder router) {
        router.on(Endpoint.INFO, call -> complete(info))
                .on(Endpoint.HEALTH, call -> complete(ApiJson.ok(new Status("ok"))))
                .on(Endpoint.READY, call -> ready())
                .on(Endpoint.METRICS, call -> complete(HttpResponse.create()
                        .withEntity(HttpEntities.create(PROMETHEUS_TEXT, metrics.scrape().getBytes(StandardCharsets.UTF_8)))))
                .on(Endpoint.OPENAPI, call -> complete(openApi));
    }

    // The check runs on the database's blocking executor; this thread only waits for its answer.
    private Route ready() {
        CompletionStage<Boolean> reachable = db.async(c -> valid(c))
                .toCompletableFuture()
                .completeOnTimeout(false, READY_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                .exceptionally(failure -> false);
        return onSuccess(reachable, up -> complete(up
                ? ApiJson.ok(new Status("ready"))
                : ApiError.unavailable("database unreachable").toResponse()));
    }

    private static boolean valid(Connection c) throws java.sql.SQLException {
        return c.isValid((int) READY_TIMEOUT.toSeconds());
    }

    static byte[] loadOpenApi() {
        try (InputStream in = SystemRoutes.class.getResourceAsStream(OPENAPI_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the API description " + OPENAPI_RESOURCE + " is missing from the jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + OPENAPI_RESOURCE, e);
        }
    }
}
