package dev.jobcast.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Text with the NUL character (valid JSON, storable on H2, refused by PostgreSQL) is refused
 * at the door on both databases, wherever a client sends text, with a 400 that says where;
 * a batch refuses only the item that holds it.
 */
class NulTextApiTest {

    @Nested
    class OnH2 extends Cases {
        OnH2() {
            super(ApiServer.Backend.H2);
        }
    }

    @Nested
    class OnPostgreSQL extends Cases {
        OnPostgreSQL() {
            super(ApiServer.Backend.POSTGRESQL);
        }
    }

    abstract static class Cases extends ApiTestBase {
        Cases(ApiServer.Backend backend) {
            super(backend);
        }

        @Test
        void aJobWithNulInItsTypeOrInputIsRefused() {
            String owner = api.userToken("nul-creator");
            JsonNode type = assertError(api.post("/api/jobs", owner, "{\"type\":\"a\\u0000b\"}"), 400, "bad_request");
            assertTrue(type.path("message").asText().contains("U+0000") && type.path("message").asText().contains("/type"),
                    type::toString);
            JsonNode input = assertError(api.post("/api/jobs", owner,
                    "{\"type\":\"demo\",\"input\":{\"deep\":[\"ok\",\"x\\u0000\"]}}"), 400, "bad_request");
            assertTrue(input.path("message").asText().contains("/input/deep/1"), input::toString);
            createJob(owner, "{\"type\":\"demo\",\"input\":{\"text\":\"\\u0001 and \\u00e9 are fine\"}}");
        }

        @Test
        void deadLettersAreOnMetrics() {
            String metrics = api.get("/metrics", null).body();
            assertTrue(metrics.contains("jobcast_projection_dead_letters_total 0.0"), metrics);
        }

        @Test
        void workersCannotSendNulEitherAndABatchRefusesOnlyThatItem() {
            String owner = api.userToken("nul-owner");
            String worker = api.workerToken();
            long id = createJob(owner, "{\"type\":\"essay\",\"runner\":\"external\"}").path("id").asLong();
            assertError(api.post("/api/jobs/" + id + "/progress", worker, "{\"message\":\"bad\\u0000\"}"), 400,
                    "bad_request");
            assertError(api.post("/api/jobs/" + id + "/fail", worker, "{\"error\":\"\\u0000\"}"), 400, "bad_request");
            ApiServer.Reply batch = api.post("/api/reports", worker, "[{\"job_id\":" + id + ",\"progress\":10},"
                    + "{\"job_id\":" + id + ",\"stage\":\"s\\u0000\"},{\"job_id\":" + id + ",\"progress\":20}]");
            assertEquals(200, batch.status(), batch::toString);
            JsonNode results = batch.json().path("results");
            assertTrue(results.get(0).path("ok").asBoolean(), results::toString);
            assertEquals("bad_request", results.get(1).path("error").asText(), results::toString);
            assertTrue(results.get(1).path("message").asText().contains("/stage"), results::toString);
            assertTrue(results.get(2).path("ok").asBoolean(), "the item after it is accepted: " + results);
            JsonNode job = api.get("/api/jobs/" + id, owner).json();
            assertEquals(20, job.path("progress").asInt(), job::toString);
        }
    }
}
