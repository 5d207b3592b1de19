package dev.jobcast.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jobcast.api.ApiServer.Backend;
import dev.jobcast.api.ApiServer.Reply;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The public endpoints: API info, probes, metrics. */
class SystemApiTest {

    @Nested
    class OnH2 extends Cases {
        OnH2() {
            super(Backend.H2);
        }
    }

    @Nested
    class OnPostgreSQL extends Cases {
        OnPostgreSQL() {
            super(Backend.POSTGRESQL);
        }
    }

    abstract static class Cases extends ApiTestBase {
        Cases(Backend backend) {
            super(backend);
        }

        @Test
        void rootDescribesTheApi() {
            Reply r = api.get("/", null);
            assertEquals(200, r.status(), r::toString);
            assertEquals("application/json", r.header("Content-Type"));
            JsonNode info = r.json();
            assertEquals("jobcast", info.path("name").asText());
            assertEquals("/openapi.json", info.path("docs").asText());
            assertEquals("/socket.io/", info.path("socket_io").path("path").asText());
            assertEquals("/socket.io/", info.path("websocket").asText(), "the seed's field, kept");
            assertFalse(info.path("version").asText().isBlank());
            assertTrue(info.path("endpoints").toString().contains("\"POST /api/jobs/{id}/progress\""), info::toString);
        }

        @Test
        void healthAndReadiness() {
            Reply health = api.get("/health", null);
            assertEquals(200, health.status());
            assertEquals("{\"status\":\"ok\"}", health.body());
            Reply ready = api.get("/ready", null);
            assertEquals(200, ready.status(), ready::toString);
            assertEquals("{\"status\":\"ready\"}", ready.body());
        }

        @Test
        void metricsArePrometheusTextWithRequestTimers() {
            String token = api.userToken("measured");
            double before = count("/api/jobs/{id}", "GET", "4xx");
            assertEquals(400, api.get("/api/jobs/abc", token).status());
            assertEquals(400, api.get("/api/jobs/0", token).status());
            assertEquals(2.0, count("/api/jobs/{id}", "GET", "4xx") - before, "one series per route template");

            double unmatched = count("unmatched", "GET", "4xx");
            assertEquals(404, api.get("/no/such/path/" + System.nanoTime(), null).status());
            assertEquals(1.0, count("unmatched", "GET", "4xx") - unmatched, "unknown paths share one series");

            Reply r = api.get("/metrics", null);
            assertEquals("text/plain; version=0.0.4; charset=UTF-8", r.header("Content-Type"));
            assertFalse(r.body().contains("/no/such/path"), "raw paths never become labels");
        }

        // The count of the API's request timer for one series, 0 when it does not exist yet.
        private double count(String route, String method, String status) {
            Reply r = api.get("/metrics", null);
            assertEquals(200, r.status());
            Pattern line = Pattern.compile("^jobcast_http_server_requests_seconds_count\\{(.*)} (\\S+)$",
                    Pattern.MULTILINE);
            Matcher m = line.matcher(r.body());
            while (m.find()) {
                String labels = m.group(1);
                if (labels.contains("route=\"" + route + "\"") && labels.contains("method=\"" + method + "\"")
                        && labels.contains("status=\"" + status + "\"")) {
                    return Double.parseDouble(m.group(2));
                }
            }
            return 0;
        }
    }
}
