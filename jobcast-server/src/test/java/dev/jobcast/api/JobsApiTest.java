package dev.jobcast.api;

import static dev.jobcast.api.ApiServer.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.jobcast.api.ApiServer.Backend;
import dev.jobcast.api.ApiServer.Reply;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The life of jobs through the REST and worker APIs, on H2 and on PostgreSQL. */
class JobsApiTest {

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
        // The demo runner walks its stages in jobcast.jobs.demo.duration (1 s here); the rest is slack.
        private static final Duration DEMO_DONE = Duration.ofSeconds(30);
        // The read side follows the journal by polling it (100 ms); generous for a loaded CI machine.
        private static final Duration READ_SIDE = Duration.ofSeconds(10);

        Cases(Backend backend) {
            super(backend);
        }

        @Test
        void demoJobRunsToCompletionAndItsJournalTellsWhatHappened() {
            String token = api.userToken("demo");
            JsonNode created = createJob(token, "{\"type\":\"demo\"}");
            long id = created.path("id").asLong();
            assertTrue(id > 0, created::toString);
            assertEquals("demo", created.path("type").asText());
            assertEquals("demo", created.path("runner").asText());
            assertEquals("queued", created.path("status").asText());
            assertEquals(0, created.path("progress").asInt());
            assertEquals(1, created.path("seq").asLong());

            JsonNode done = eventually(DEMO_DONE, "demo job " + id + " to complete (is a demo runner wired?)",
                    () -> api.get("/api/jobs/" + id, token).json(),
                    job -> job.path("status").asText().equals("completed"));
            assertEquals(100, done.path("progress").asInt());

            JsonNode events = api.get("/api/jobs/" + id + "/events", token).json();
            assertEquals(id, events.path("job_id").asLong());
            ArrayNode list = (ArrayNode) events.path("events");
            assertConsecutiveFromOne(list);
            assertEquals(done.path("seq").asLong(), list.size(), "the job's seq is its last event's");
            assertEquals("created", list.get(0).path("type").asText());
            assertEquals("started", list.get(1).path("type").asText());
            assertEquals("completed", list.get(list.size() - 1).path("type").asText());
            int last = 0;
            String lastStage = null;
            for (int i = 2; i < list.size() - 1; i++) {
                JsonNode e = list.get(i);
                assertEquals("progress", e.path("type").asText(), e::toString);
                int progress = e.path("payload").path("progress").asInt();
                assertTrue(progress >= last && progress <= 100, "progress goes forward: " + list);
                last = progress;
                if (e.path("payload").path("stage").isTextual()) {
                    lastStage = e.path("payload").path("stage").asText();
                }
            }
            assertTrue(list.size() > 3, "a demo job reports progress: " + list);
            assertEquals(lastStage, done.path("stage").isNull() ? null : done.path("stage").asText());
            assertEquals(done.path("result"), list.get(list.size() - 1).path("payload").path("result"));
        }

        @Test
        void externalJobDrivenThroughTheWorkerApi() {
            String token = api.userToken("owner");
            String worker = api.workerToken();
            JsonNode created = createJob(token, "{\"type\":\"report\",\"input\":{\"pages\":3,\"tags\":[\"a\",\"b\"]}}");
            long id = created.path("id").asLong();
            assertEquals("external", created.path("runner").asText(), "runner defaults to external for type != demo");
            assertEquals(json("{\"pages\":3,\"tags\":[\"a\",\"b\"]}"), created.path("input"));
            for (String field : List.of("id", "type", "runner", "status", "progress", "message", "stage", "result",
                    "error", "input", "created_at", "updated_at", "seq")) {
                assertTrue(created.has(field), "a job always has " + field + ": " + created);
            }
            assertTrue(created.path("result").isNull() && created.path("error").isNull(), created::toString);

            Reply p1 = api.post("/api/jobs/" + id + "/progress", worker,
                    "{\"progress\":10,\"message\":\"Reading\",\"stage\":\"read\"}");
            assertEquals(200, p1.status(), p1::toString);
            assertEquals("running", p1.json().path("status").asText(), "the first report starts an external job");
            assertEquals(3, p1.json().path("seq").asLong(), "created, started, progress");
            Reply p2 = api.post("/api/jobs/" + id + "/progress", worker, "{\"progress\":50,\"message\":\"Halfway\"}");
            assertEquals(200, p2.status(), p2::toString);
            assertEquals("read", p2.json().path("stage").asText(), "an absent stage stays as it was");
            Reply p3 = api.post("/api/jobs/" + id + "/progress", worker, "{\"progress\":90,\"stage\":\"write\"}");
            assertEquals(200, p3.status(), p3::toString);
            assertEquals("Halfway", p3.json().path("message").asText(), "an absent message stays as it was");
            Reply completed = api.post("/api/jobs/" + id + "/complete", worker,
                    "{\"result\":{\"url\":\"https://example.com/r/1\",\"score\":1.10}}");
            assertEquals(200, completed.status(), completed::toString);

            JsonNode job = api.get("/api/jobs/" + id, token).json();
            assertEquals("completed", job.path("status").asText());
            assertEquals(100, job.path("progress").asInt());
            assertEquals("Job completed successfully", job.path("message").asText());
            assertEquals("write", job.path("stage").asText());
            assertEquals(1.10, job.path("result").path("score").doubleValue());
            assertEquals(6, job.path("seq").asLong());
            assertEquals(completed.json(), job, "the worker's answer is the job as it now is");
            Instant createdAt = Instant.parse(job.path("created_at").asText());
            Instant updatedAt = Instant.parse(job.path("updated_at").asText());
            assertFalse(updatedAt.isBefore(createdAt), job::toString);

            JsonNode events = api.get("/api/jobs/" + id + "/events", token).json().path("events");
            assertEquals(List.of(
                    "1 created {\"type\":\"report\",\"runner\":\"external\",\"input\":{\"pages\":3,\"tags\":[\"a\",\"b\"]}}",
                    "2 started {}",
                    "3 progress {\"progress\":10,\"message\":\"Reading\",\"stage\":\"read\"}",
                    "4 progress {\"progress\":50,\"message\":\"Halfway\",\"stage\":null}",
                    "5 progress {\"progress\":90,\"message\":null,\"stage\":\"write\"}",
                    "6 completed {\"result\":{\"url\":\"https://example.com/r/1\",\"score\":1.1}}"),
                    summaries(events));
            Instant previous = Instant.EPOCH;
            for (JsonNode e : events) {
                Instant at = Instant.parse(e.path("timestamp").asText());
                assertFalse(at.isBefore(previous), "timestamps in order: " + events);
                previous = at;
            }
            assertEquals(job.path("updated_at").asText(), events.get(5).path("timestamp").asText());

            assertEquals(List.of(4L, 5L, 6L), seqs(api.get("/api/jobs/" + id + "/events?since=3", token)));
            assertEquals(List.of(2L, 3L), seqs(api.get("/api/jobs/" + id + "/events?since=1&limit=2", token)));
            assertEquals(List.of(), seqs(api.get("/api/jobs/" + id + "/events?since=6", token)));
        }

        @Test
        void workerFailsAJobWithAnError() {
            String token = api.userToken("owner");
            long id = createJob(token, "{\"type\":\"import\"}").path("id").asLong();
            Reply failed = api.post("/api/jobs/" + id + "/fail", api.workerToken(), "{\"error\":\"disk full\"}");
            assertEquals(200, failed.status(), failed::toString);
            assertEquals("failed", failed.json().path("status").asText());
            assertEquals("disk full", failed.json().path("error").asText());
            assertEquals("Job failed: disk full", failed.json().path("message").asText());
            assertEquals(List.of("1 created {\"type\":\"import\",\"runner\":\"external\",\"input\":null}",
                            "2 failed {\"error\":\"disk full\"}"),
                    summaries(api.get("/api/jobs/" + id + "/events", token).json().path("events")));
        }

        @Test
        void explicitRunnerIsKept() {
            String token = api.userToken("owner");
            assertEquals("external", createJob(token, "{\"type\":\"demo\",\"runner\":\"external\"}")
                    .path("runner").asText());
            assertEquals("demo", createJob(token, "{\"type\":\"essay\",\"runner\":\"demo\"}").path("runner").asText());
        }

        @Test
        void cancelThenCompleteIsAConflict() {
            String token = api.userToken("owner");
            String worker = api.workerToken();
            long id = createJob(token, "{\"type\":\"crawl\"}").path("id").asLong();
            assertEquals(200, api.post("/api/jobs/" + id + "/progress", worker, "{\"progress\":5}").status());

            Reply cancelled = api.post("/api/jobs/" + id + "/cancel", token, null);
            assertEquals(200, cancelled.status(), cancelled::toString);
            assertEquals("cancelled", cancelled.json().path("status").asText());
            assertEquals("Job was cancelled", cancelled.json().path("message").asText());
            assertEquals(5, cancelled.json().path("progress").asInt(), "progress stays where it was");

            JsonNode body = assertError(api.post("/api/jobs/" + id + "/complete", worker, "{\"result\":1}"),
                    409, "conflict");
            assertEquals("Job " + id + " is already cancelled", body.path("message").asText());
            assertError(api.post("/api/jobs/" + id + "/cancel", token, null), 409, "conflict");
            assertError(api.post("/api/jobs/" + id + "/progress", worker, "{\"progress\":6}"), 409, "conflict");
            assertError(api.post("/api/jobs/" + id + "/fail", worker, "{\"error\":\"late\"}"), 409, "conflict");
            JsonNode job = api.get("/api/jobs/" + id, token).json();
            assertEquals("cancelled", job.path("status").asText(), "refused commands change nothing");
            assertEquals(4, job.path("seq").asLong());
        }

        @Test
        void completingAQueuedJobIsAConflict() {
            String token = api.userToken("owner");
            long id = createJob(token, "{\"type\":\"crawl\"}").path("id").asLong();
            JsonNode body = assertError(api.post("/api/jobs/" + id + "/complete", api.workerToken(), "{}"),
                    409, "conflict");
            assertEquals("Job " + id + " was never started", body.path("message").asText());
        }

        @Test
        void listingIsNewestFirstAndFiltersByStatus() {
            String token = api.userToken("lister");
            long a = createJob(token, "{\"type\":\"a\"}").path("id").asLong();
            long b = createJob(token, "{\"type\":\"b\"}").path("id").asLong();
            long c = createJob(token, "{\"type\":\"c\"}").path("id").asLong();
            assertEquals(200, api.post("/api/jobs/" + b + "/cancel", token, null).status());

            JsonNode all = eventually(READ_SIDE, "the listing to show 3 jobs, one cancelled",
                    () -> api.get("/api/jobs", token).json(),
                    page -> ids(page).size() == 3 && statusOf(page, b).equals("cancelled"));
            assertEquals(List.of(c, b, a), ids(all));
            assertTrue(all.path("next_cursor").isNull(), all::toString);
            assertEquals(List.of(b), ids(api.get("/api/jobs?status=cancelled", token).json()));
            assertEquals(List.of(c, a), ids(api.get("/api/jobs?status=queued", token).json()));
            assertEquals(List.of(), ids(api.get("/api/jobs?status=completed", token).json()));
            JsonNode one = api.get("/api/jobs?limit=1", token).json();
            assertEquals(List.of(c), ids(one));
            assertEquals(Long.toString(c), one.path("next_cursor").asText());
        }

        @Test
        void paginationVisitsEveryJobOnceNewestFirst() {
            String token = api.userToken("pager");
            List<Long> created = new ArrayList<>();
            for (int i = 0; i < 25; i++) {
                created.add(createJob(token, "{\"type\":\"page\",\"input\":" + i + "}").path("id").asLong());
            }
            List<Long> expected = new ArrayList<>(created);
            expected.sort((x, y) -> Long.compare(y, x));
            eventually(READ_SIDE, "the listing to show 25 jobs", () -> api.get("/api/jobs?limit=100", token).json(),
                    page -> ids(page).size() == 25);

            List<Long> visited = new ArrayList<>();
            List<Integer> sizes = new ArrayList<>();
            String cursor = null;
            do {
                JsonNode page = api.get("/api/jobs?limit=10" + (cursor == null ? "" : "&cursor=" + cursor), token)
                        .json();
                sizes.add(ids(page).size());
                visited.addAll(ids(page));
                cursor = page.path("next_cursor").isNull() ? null : page.path("next_cursor").asText();
            } while (cursor != null && sizes.size() < 10);
            assertEquals(List.of(10, 10, 5), sizes);
            assertEquals(expected, visited, "every job once, newest first, no gap");
            assertEquals(25, new HashSet<>(visited).size());
            assertEquals(20, ids(api.get("/api/jobs", token).json()).size(), "the default page holds 20");
        }

        @Test
        void theListingCatchesUpWithAnUpdate() {
            String token = api.userToken("reader");
            long id = createJob(token, "{\"type\":\"watch\"}").path("id").asLong();
            Reply reported = api.post("/api/jobs/" + id + "/progress", api.workerToken(),
                    "{\"progress\":42,\"message\":\"Almost\",\"stage\":\"s\"}");
            assertEquals(200, reported.status(), reported::toString);

            JsonNode page = eventually(READ_SIDE, "the listing to show progress 42",
                    () -> api.get("/api/jobs", token).json(),
                    p -> p.path("jobs").size() == 1 && p.path("jobs").get(0).path("progress").asInt() == 42);
            // The read side is rebuilt from the same events: it shows the job exactly as GET does.
            assertEquals(api.get("/api/jobs/" + id, token).json(), page.path("jobs").get(0));
        }

        @Test
        void badRequestsAreRefusedWithAReason() {
            String token = api.userToken("careless");
            String worker = api.workerToken();
            assertBadRequest(api.post("/api/jobs", token, "{}"), "type");
            assertBadRequest(api.post("/api/jobs", token, "{\"type\":42}"), "type");
            assertBadRequest(api.post("/api/jobs", token, "{\"type\":\" \"}"), "type");
            assertBadRequest(api.post("/api/jobs", token, "{\"type\":\"" + "x".repeat(101) + "\"}"), "type");
            assertBadRequest(api.post("/api/jobs", token, "{\"type\":\"a\",\"runner\":\"cron\"}"), "runner");
            assertBadRequest(api.post("/api/jobs", token, "{\"type\":\"a\",\"runner\":1}"), "runner");

            long id = createJob(token, "{\"type\":\"strict\"}").path("id").asLong();
            String progress = "/api/jobs/" + id + "/progress";
            assertBadRequest(api.post(progress, worker, "{}"), "progress");
            assertBadRequest(api.post(progress, worker, "{\"progress\":101}"), "progress");
            assertBadRequest(api.post(progress, worker, "{\"progress\":-1}"), "progress");
            assertBadRequest(api.post(progress, worker, "{\"progress\":50.5}"), "progress");
            assertBadRequest(api.post(progress, worker, "{\"progress\":\"50\"}"), "progress");
            assertBadRequest(api.post(progress, worker, "{\"progress\":1e2}"), "progress");
            assertBadRequest(api.post(progress, worker, "{\"progress\":99999999999999999999}"), "progress");
            assertBadRequest(api.post(progress, worker, "{\"progress\":5,\"message\":7}"), "message");
            assertBadRequest(api.post(progress, worker, "{\"progress\":5,\"stage\":[]}"), "stage");
            assertBadRequest(api.post(progress, worker, "{\"progress\":5,\"message\":\"" + "m".repeat(2001) + "\"}"),
                    "message");
            assertBadRequest(api.post("/api/jobs/" + id + "/fail", worker, "{}"), "error");
            assertBadRequest(api.post("/api/jobs/" + id + "/fail", worker, "{\"error\":\"\"}"), "error");
            assertBadRequest(api.post("/api/jobs/" + id + "/fail", worker, "{\"error\":false}"), "error");
            assertEquals("queued", api.get("/api/jobs/" + id, token).json().path("status").asText(),
                    "refused reports change nothing");

            for (String query : List.of("status=done", "status=", "limit=0", "limit=101", "limit=ten",
                    "cursor=abc", "cursor=0", "cursor=-5", "cursor=99999999999999999999")) {
                assertBadRequest(api.get("/api/jobs?" + query, token), query.substring(0, query.indexOf('=')));
            }
            for (String query : List.of("since=-1", "since=x", "limit=0", "limit=1001")) {
                assertBadRequest(api.get("/api/jobs/" + id + "/events?" + query, token),
                        query.substring(0, query.indexOf('=')));
            }
            assertEquals(200, api.get("/api/jobs?limit=100", token).status());
            assertEquals(200, api.get("/api/jobs/" + id + "/events?limit=1000", token).status());
        }

        @Test
        void missingJobsAreNotFound() {
            String token = api.userToken("seeker");
            long missing = 9_007_199_254_740_991L; // the largest id there is: never handed out in a test
            String expected = "{\"error\":\"not_found\",\"message\":\"Job " + missing + " not found or access denied\"}";
            assertEquals(expected, api.get("/api/jobs/" + missing, token).body());
            assertEquals(expected, api.get("/api/jobs/" + missing + "/events", token).body());
            assertEquals(expected, api.post("/api/jobs/" + missing + "/cancel", token, null).body());
            String worker = api.workerToken();
            Reply progress = api.post("/api/jobs/" + missing + "/progress", worker, "{\"progress\":1}");
            assertEquals(404, progress.status());
            assertEquals(expected, progress.body());
            assertEquals(expected, api.post("/api/jobs/" + missing + "/complete", worker, "{}").body());
            assertEquals(expected, api.post("/api/jobs/" + missing + "/fail", worker, "{\"error\":\"x\"}").body());
        }

        private static void assertBadRequest(Reply reply, String mentions) {
            JsonNode body = assertError(reply, 400, "bad_request");
            assertTrue(body.path("message").asText().contains(mentions),
                    () -> "the message names " + mentions + ": " + reply);
        }

        private static void assertConsecutiveFromOne(ArrayNode events) {
            for (int i = 0; i < events.size(); i++) {
                assertEquals(i + 1, events.get(i).path("seq").asLong(), "seq 1..N without gap: " + events);
                assertNotNull(Instant.parse(events.get(i).path("timestamp").asText()));
            }
        }

        private static List<String> summaries(JsonNode events) {
            List<String> out = new ArrayList<>();
            for (JsonNode e : events) {
                out.add(e.path("seq").asLong() + " " + e.path("type").asText() + " " + e.path("payload"));
            }
            return out;
        }

        private static List<Long> seqs(Reply reply) {
            assertEquals(200, reply.status(), reply::toString);
            List<Long> out = new ArrayList<>();
            reply.json().path("events").forEach(e -> out.add(e.path("seq").asLong()));
            return out;
        }

        static List<Long> ids(JsonNode page) {
            List<Long> out = new ArrayList<>();
            page.path("jobs").forEach(j -> out.add(j.path("id").asLong()));
            return out;
        }

        private static String statusOf(JsonNode page, long id) {
            for (JsonNode j : page.path("jobs")) {
                if (j.path("id").asLong() == id) {
                    return j.path("status").asText();
                }
            }
            return "";
        }

        private static JsonNode json(String text) {
            try {
                return ApiServer.JSON.readTree(text);
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }
    }
}
