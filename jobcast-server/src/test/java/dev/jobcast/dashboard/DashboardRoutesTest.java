package dev.jobcast.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jobcast.api.dashboard.DashboardRoutes;
import dev.jobcast.api.dashboard.DevSession;
import dev.jobcast.api.dashboard.DevSessions;
import dev.jobcast.engineio.port.HttpBinding;
import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.http.javadsl.ServerBinding;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.Directives;
import org.apache.pekko.http.javadsl.server.Route;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dashboard's routes on their own, in front of a stand-in for the API's sealed route
 * (it answers 418 "api" to whatever reaches it), so that what the dashboard leaves to the
 * API is visible. The app's files are a small fixture build in a temporary folder.
 */
class DashboardRoutesTest {
    private static final String BROWSER_ACCEPT =
            "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8";
    private static final String INDEX = "<!doctype html><title>fixture dashboard</title><div id=root></div>";
    private static final String SCRIPT = "console.log('fixture');";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path files;

    private static ActorSystem<Void> system;
    private static ExecutorService blocking;
    private static String built;
    private static String unbuilt;
    private static String devOn;
    private static String devBroken;
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER).build();

    @BeforeAll
    static void start() throws Exception {
        Files.createDirectories(files.resolve("dashboard/assets"));
        Files.writeString(files.resolve("dashboard/index.html"), INDEX);
        Files.writeString(files.resolve("dashboard/assets/index-Ab12Cd.js"), SCRIPT);
        Files.writeString(files.resolve("dashboard/assets/index-Ef34Gh.css"), "body{margin:0}");
        Files.writeString(files.resolve("dashboard/favicon.svg"), "<svg xmlns=\"http://www.w3.org/2000/svg\"/>");
        Files.writeString(files.resolve("secret.txt"), "not for the web");
        ClassLoader fixture = new URLClassLoader(new URL[] {files.toUri().toURL()}, null);

        system = ActorSystem.create(Behaviors.empty(), "dashboard-routes-test");
        blocking = Executors.newSingleThreadExecutor();
        built = bind(new DashboardRoutes(DevSessions.off(), fixture, "dashboard"));
        unbuilt = bind(new DashboardRoutes(DevSessions.off(), fixture, "no-such-build"));
        devOn = bind(new DashboardRoutes(DevSessions.on(blocking, () -> new DevSession("demo-token", 7)),
                fixture, "dashboard"));
        devBroken = bind(new DashboardRoutes(DevSessions.on(blocking, () -> {
            throw new SQLException("database down");
        }), fixture, "dashboard"));
    }

    @AfterAll
    static void stop() throws Exception {
        if (system != null) {
            system.terminate();
            system.getWhenTerminated().toCompletableFuture().get(15, TimeUnit.SECONDS);
        }
        if (blocking != null) {
            blocking.shutdownNow();
        }
    }

    private static String bind(DashboardRoutes dashboard) throws Exception {
        Route api = Directives.complete(StatusCodes.IM_A_TEAPOT, "api");
        ServerBinding binding = HttpBinding.bind(system, "127.0.0.1", 0,
                Directives.concat(dashboard.route(), api)).toCompletableFuture().get(10, TimeUnit.SECONDS);
        return "http://127.0.0.1:" + binding.localAddress().getPort();
    }

    private static HttpResponse<String> get(String base, String path, String accept) throws IOException,
            InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10));
        if (accept != null) {
            request.header("Accept", accept);
        }
        return HTTP.send(request.GET().build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private static String contentType(HttpResponse<?> response) {
        return response.headers().firstValue("Content-Type").orElse("");
    }

    private static String cacheControl(HttpResponse<?> response) {
        return response.headers().firstValue("Cache-Control").orElse("");
    }

    @Test
    void servesTheAppAtBothSpellingsOfItsPath() throws Exception {
        for (String path : new String[] {"/dashboard/", "/dashboard"}) {
            HttpResponse<String> r = get(built, path, BROWSER_ACCEPT);
            assertEquals(200, r.statusCode(), path);
            assertEquals(INDEX, r.body(), path);
            assertEquals("text/html; charset=UTF-8", contentType(r), path);
            assertEquals("no-cache", cacheControl(r), path);
        }
    }

    @Test
    void servesAssetsWithTheirContentTypesAndHashedOnesForever() throws Exception {
        HttpResponse<String> js = get(built, "/dashboard/assets/index-Ab12Cd.js", "*/*");
        assertEquals(200, js.statusCode());
        assertEquals(SCRIPT, js.body());
        assertEquals("application/javascript; charset=UTF-8", contentType(js));
        assertEquals("public, max-age=31536000, immutable", cacheControl(js));

        HttpResponse<String> css = get(built, "/dashboard/assets/index-Ef34Gh.css", "text/css");
        assertEquals(200, css.statusCode());
        assertEquals("text/css; charset=UTF-8", contentType(css));

        HttpResponse<String> svg = get(built, "/dashboard/favicon.svg", "*/*");
        assertEquals(200, svg.statusCode());
        assertEquals("image/svg+xml", contentType(svg));
        assertEquals("no-cache", cacheControl(svg));
    }

    @Test
    void leavesEverythingElseToTheApi() throws Exception {
        for (String path : new String[] {"/dashboard/missing.js", "/dashboard/assets/", "/dashboardx", "/api/jobs",
                "/dashboard/../secret.txt", "/dashboard/assets/../../secret.txt", "/dashboard/%2e%2e/secret.txt"}) {
            HttpResponse<String> r = get(built, path, "*/*");
            assertEquals(418, r.statusCode(), path);
            assertEquals("api", r.body(), path);
        }
        HttpResponse<String> post = HTTP.send(HttpRequest.newBuilder(URI.create(built + "/dashboard/"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(418, post.statusCode());
    }

    @Test
    void sendsBrowsersFromTheRootToTheDashboardAndApiClientsToTheApi() throws Exception {
        HttpResponse<String> browser = get(built, "/", BROWSER_ACCEPT);
        assertEquals(303, browser.statusCode());
        assertEquals("/dashboard/", browser.headers().firstValue("Location").orElse(""));

        for (String accept : new String[] {"*/*", "application/json", null}) {
            HttpResponse<String> client = get(built, "/", accept);
            assertEquals(418, client.statusCode(), "Accept: " + accept);
        }
    }

    @Test
    void saysPlainlyWhenTheJarHasNoDashboardAndKeepsTheRootForTheApi() throws Exception {
        HttpResponse<String> page = get(unbuilt, "/dashboard/", BROWSER_ACCEPT);
        assertEquals(404, page.statusCode());
        assertTrue(contentType(page).startsWith("text/html"), contentType(page));
        assertTrue(page.body().contains("Node.js was missing"), page.body());

        assertEquals(418, get(unbuilt, "/", BROWSER_ACCEPT).statusCode());
    }

    @Test
    void handsTheDemoSessionToThisMachineWithoutCaching() throws Exception {
        HttpResponse<String> r = get(devOn, "/dashboard/dev-session", "application/json");
        assertEquals(200, r.statusCode());
        assertEquals("application/json", contentType(r));
        assertEquals("no-store", cacheControl(r));
        JsonNode body = JSON.readTree(r.body());
        assertEquals("demo-token", body.get("token").asText());
        assertEquals(7, body.get("user_id").asLong());
    }

    @Test
    void hasNoDevSessionWhereTheServerOffersNone() throws Exception {
        HttpResponse<String> r = get(built, "/dashboard/dev-session", "application/json");
        assertEquals(404, r.statusCode());
        JsonNode body = JSON.readTree(r.body());
        assertEquals("not_found", body.get("error").asText());
        assertTrue(body.get("message").asText().contains("token"), r.body());
    }

    @Test
    void aFailingDevSessionIsAJsonErrorWithoutDetails() throws Exception {
        HttpResponse<String> r = get(devBroken, "/dashboard/dev-session", "application/json");
        assertEquals(500, r.statusCode());
        assertEquals("{\"error\":\"internal\",\"message\":\"internal error\"}", r.body());
    }

    @Test
    void devSessionsNeedAnExecutorAndAnIssuer() {
        Executor direct = Runnable::run;
        assertThrows(IllegalArgumentException.class,
                () -> DevSessions.on(direct, null));
        assertThrows(IllegalArgumentException.class,
                () -> DevSessions.on(null, () -> new DevSession("t", 1)));
        assertTrue(DevSessions.on(direct, () -> new DevSession("t", 1)).enabled());
        assertFalse(DevSessions.off().enabled());
    }
}
