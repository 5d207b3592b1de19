package dev.jobcast.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jobcast.api.ApiServer.Backend;
import dev.jobcast.api.ApiServer.Reply;
import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest.BodyPublishers;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The API's refusals: unknown paths, wrong methods, big or broken bodies, bad ids, all as JSON. */
class ErrorsTest {

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
        // Small, so the limit is cheap to cross; the default (1 MiB) works the same way.
        private static final int MAX_BODY = 4096;

        Cases(Backend backend) {
            super(backend);
        }

        @Override
        protected Map<String, Object> settings() {
            return Map.of("jobcast.http.max-body-bytes", MAX_BODY);
        }

        @Test
        void unknownPathsAreNotFound() {
            String token = api.userToken("lost");
            for (String path : List.of("/nope", "/api", "/api/job", "/api/jobs/", "/api/jobs/1/", "/api/jobs/1/unknown",
                    "/api/jobs//cancel", "/health/", "/api/jobs/1/events/2", "/socket.io.txt")) {
                JsonNode body = assertError(api.get(path, token), 404, "not_found");
                assertTrue(body.path("message").asText().startsWith("no such endpoint: GET "), body::toString);
            }
            assertError(api.get("/nope", null), 404, "not_found");
        }

        @Test
        void wrongMethodsAreNotAllowed() {
            String token = api.userToken("clumsy");
            assertMethodNotAllowed(api.send("DELETE", "/api/jobs/1", token, null), "GET");
            assertMethodNotAllowed(api.send("PUT", "/api/jobs", token, BodyPublishers.ofString("{}")), "GET, POST");
            assertMethodNotAllowed(api.send("GET", "/api/jobs/1/cancel", token, null), "POST");
            assertMethodNotAllowed(api.send("POST", "/health", null, BodyPublishers.ofString("{}")), "GET");
            assertMethodNotAllowed(api.send("PATCH", "/api/jobs/1/progress", token, BodyPublishers.ofString("{}")),
                    "POST");
            // The method is checked before the token: a wrong method needs no credentials to be told so.
            assertMethodNotAllowed(api.send("DELETE", "/api/jobs/1", null, null), "GET");
        }

        @Test
        void bodiesOverTheLimitAreTooLarge() {
            String token = api.userToken("verbose");
            String big = "{\"type\":\"big\",\"input\":\"" + "x".repeat(MAX_BODY) + "\"}";
            JsonNode body = assertError(api.post("/api/jobs", token, big), 413, "payload_too_large");
            assertTrue(body.path("message").asText().contains(Integer.toString(MAX_BODY)), body::toString);

            // Without a Content-Length (chunked), the limit holds while the body streams in.
            byte[] bytes = big.getBytes();
            Reply chunked = api.send("POST", "/api/jobs", token,
                    BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(bytes)));
            assertError(chunked, 413, "payload_too_large");

            long id = createJob(token, "{\"type\":\"small\"}").path("id").asLong();
            Reply progress = api.post("/api/jobs/" + id + "/progress", api.workerToken(),
                    "{\"progress\":1,\"message\":\"" + "m".repeat(MAX_BODY) + "\"}");
            assertError(progress, 413, "payload_too_large");

            String justFits = "{\"type\":\"fits\",\"input\":\"" + "x".repeat(MAX_BODY - 30) + "\"}";
            assertTrue(justFits.length() <= MAX_BODY);
            assertEquals(201, api.post("/api/jobs", token, justFits).status());
        }

        @Test
        void malformedJsonIsABadRequest() {
            String token = api.userToken("sloppy");
            for (String body : List.of("", "{", "{\"type\":}", "[1,2]", "\"demo\"", "null", "42",
                    "{\"type\":\"a\"} {\"type\":\"b\"}", "{\"type\":\"a\",\"type\":\"b\"}", "{type:\"a\"}",
                    "{\"type\":\"a\"", "\u00ff\u00fe")) {
                JsonNode error = assertError(api.post("/api/jobs", token, body), 400, "bad_request");
                assertTrue(error.path("message").asText().contains("JSON"), () -> body + " -> " + error);
            }
            long id = createJob(token, "{\"type\":\"ok\"}").path("id").asLong();
            assertError(api.post("/api/jobs/" + id + "/progress", api.workerToken(), "{\"progress\":"), 400,
                    "bad_request");
        }

        @Test
        void badIdsAreBadRequests() {
            String token = api.userToken("typo");
            String worker = api.workerToken();
            for (String id : List.of("abc", "0", "-1", "99999999999999999999", "9007199254740992", "007", "1.5",
                    "1e3", "+1", "%201", "1%2Fcancel", "0x10")) {
                JsonNode body = assertError(api.get("/api/jobs/" + id, token), 400, "bad_request");
                assertTrue(body.path("message").asText().startsWith("job id must be a positive integer below 2^53"),
                        body::toString);
                assertError(api.get("/api/jobs/" + id + "/events", token), 400, "bad_request");
                assertError(api.post("/api/jobs/" + id + "/cancel", token, null), 400, "bad_request");
                assertError(api.post("/api/jobs/" + id + "/progress", worker, "{\"progress\":1}"), 400, "bad_request");
                assertError(api.post("/api/jobs/" + id + "/complete", worker, "{}"), 400, "bad_request");
                assertError(api.post("/api/jobs/" + id + "/fail", worker, "{\"error\":\"e\"}"), 400, "bad_request");
            }
            // The largest id is an id: it just does not exist.
            assertError(api.get("/api/jobs/9007199254740991", token), 404, "not_found");
            // Credentials come first: a stranger learns nothing, not even that the id is malformed.
            assertError(api.get("/api/jobs/abc", null), 401, "unauthorized");
        }

        private static void assertMethodNotAllowed(Reply r, String allowed) {
            JsonNode body = assertError(r, 405, "method_not_allowed");
            Set<String> expected = Arrays.stream(allowed.split(", ")).collect(Collectors.toSet());
            Set<String> got = Arrays.stream(r.header("Allow").split(",")).map(String::trim).collect(Collectors.toSet());
            assertEquals(expected, got, r::toString);
            assertTrue(body.path("message").asText().contains(allowed.split(", ")[0]), body::toString);
        }
    }
}
