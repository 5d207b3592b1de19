package dev.jobcast.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jobcast.api.dashboard.DashboardRoutes;
import dev.jobcast.server.JobcastServer;
import dev.jobcast.server.Settings;
import dev.jobcast.testkit.TestDatabases.TestDb;
import dev.jobcast.testkit.TestDatabases;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dashboard as jobcast serves it: mounted before the API without taking anything from
 * it, the browser redirect of /, and the dev session, which only the embedded default
 * offers and whose token the API accepts.
 */
class DashboardServerTest {
    private static final String BROWSER_ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";
    private static final String SECRET = "dashboard-server-test-secret-0123456789abcdef";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(10)).build();

    @TempDir
    Path dataDir;

    private static Map<String, Object> base(Path dataDir) {
        Map<String, Object> overrides = new HashMap<>();
        overrides.put("jobcast.http.host", "127.0.0.1");
        overrides.put("jobcast.http.port", 0);
        overrides.put("jobcast.data-dir", dataDir.toString());
        overrides.put("jobcast.jobs.demo.duration", "1s");
        return overrides;
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return HTTP.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpRequest.Builder get(JobcastServer server, String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).GET();
    }

    @Test
    void theEmbeddedDefaultServesTheDashboardAndSignsItInAsTheDemoUser() throws Exception {
        assertTrue(DashboardRoutes.isBuilt(),
                "the dashboard is not built into target/classes/dashboard: the Maven build does it when Node.js 20+ is there");
        try (JobcastServer server = JobcastServer.start(Settings.load(null, base(dataDir)))) {
            HttpResponse<String> browser = send(get(server, "/").header("Accept", BROWSER_ACCEPT));
            assertEquals(303, browser.statusCode());
            assertEquals("/dashboard/", browser.headers().firstValue("Location").orElse(""));

            HttpResponse<String> page = send(get(server, "/dashboard/").header("Accept", BROWSER_ACCEPT));
            assertEquals(200, page.statusCode());
            assertTrue(page.body().contains("<div id=\"root\">"), page.body());
            assertTrue(page.body().contains("/dashboard/assets/"), "the app's assets are not under its base: " + page.body());

            // The API keeps its own paths, the root's JSON and its JSON 404s.
            HttpResponse<String> info = send(get(server, "/").header("Accept", "*/*"));
            assertEquals(200, info.statusCode());
            assertEquals("jobcast", JSON.readTree(info.body()).get("name").asText());
            HttpResponse<String> unknown = send(get(server, "/dashboard/no-such-file.js"));
            assertEquals(404, unknown.statusCode());
            assertEquals("not_found", JSON.readTree(unknown.body()).get("error").asText());
            HttpResponse<String> polling = send(get(server, "/socket.io/?EIO=4&transport=polling"));
            assertEquals(200, polling.statusCode());
            assertTrue(polling.body().startsWith("0{"), polling.body());

            JsonNode session = JSON.readTree(send(get(server, "/dashboard/dev-session")).body());
            long demoId = server.users().findByEmail("demo@jobcast.local").orElseThrow().id();
            assertEquals(demoId, session.get("user_id").asLong());
            assertEquals(demoId, JSON.readTree(send(get(server, "/dashboard/dev-session")).body())
                    .get("user_id").asLong(), "a second dev session must be the same demo user");

            String bearer = "Bearer " + session.get("token").asText();
            HttpResponse<String> created = send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + server.port() + "/api/jobs"))
                    .header("Authorization", bearer).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"type\":\"demo\"}")));
            assertEquals(201, created.statusCode(), created.body());
            long id = JSON.readTree(created.body()).get("id").asLong();
            HttpResponse<String> read = send(get(server, "/api/jobs/" + id).header("Authorization", bearer));
            assertEquals(200, read.statusCode(), read.body());
            assertEquals("demo", JSON.readTree(read.body()).get("type").asText());
        }
    }

    @Test
    void aProductionServerHasNoDevSession() throws Exception {
        try (TestDb pg = TestDatabases.postgres()) {
            Map<String, Object> overrides = base(dataDir);
            overrides.put("jobcast.database.url", pg.settings().url());
            overrides.put("jobcast.database.user", pg.settings().user());
            overrides.put("jobcast.database.password", pg.settings().password());
            overrides.put("jobcast.auth.jwt-secret", SECRET);
            try (JobcastServer server = JobcastServer.start(Settings.load(null, overrides))) {
                HttpResponse<String> r = send(get(server, "/dashboard/dev-session"));
                assertEquals(404, r.statusCode());
                assertEquals("not_found", JSON.readTree(r.body()).get("error").asText());
                assertTrue(server.users().findByEmail("demo@jobcast.local").isEmpty(),
                        "a production server must not create the demo user");
            }
        }
    }
}
