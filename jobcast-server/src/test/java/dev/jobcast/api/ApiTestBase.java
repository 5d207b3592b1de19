package dev.jobcast.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/**
 * One server per test class and database: subclasses are @Nested per backend, so every
 * case runs on H2 and on PostgreSQL. Cases make their own users, so none depends on
 * another's data or order.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ApiTestBase {
    private final ApiServer.Backend backend;
    protected ApiServer api;

    ApiTestBase(ApiServer.Backend backend) {
        this.backend = backend;
    }

    /** Settings a class needs beyond the defaults of {@link ApiServer}. */
    protected Map<String, Object> settings() {
        return Map.of();
    }

    @BeforeAll
    void startServer() throws Exception {
        api = ApiServer.start(backend, settings());
    }

    @AfterAll
    void stopServer() throws Exception {
        if (api != null) {
            api.close();
        }
    }

    /** An error answer: its status, JSON content type, and {error, message} body with this code. */
    static JsonNode assertError(ApiServer.Reply reply, int status, String code) {
        assertEquals(status, reply.status(), reply::toString);
        assertEquals("application/json", reply.header("Content-Type"), reply::toString);
        JsonNode body = reply.json();
        assertEquals(code, body.path("error").asText(null), reply::toString);
        assertTrue(body.path("message").isTextual() && !body.path("message").asText().isBlank(), reply::toString);
        assertEquals(2, body.size(), () -> "an error body has exactly error and message: " + reply);
        return body;
    }

    /** Creates a job as {@code token}'s user and returns its JSON. */
    JsonNode createJob(String token, String body) {
        ApiServer.Reply r = api.post("/api/jobs", token, body);
        assertEquals(201, r.status(), r::toString);
        return r.json();
    }
}
