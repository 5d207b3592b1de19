package dev.jobcast.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.jobcast.api.ApiServer.Backend;
import dev.jobcast.api.ApiServer.Reply;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import java.util.TreeSet;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * POST /api/reports, the workers' batch, on H2 and on PostgreSQL: each item answered on its
 * own and in order, a bad item never sinking the others, every accepted item in the journal
 * by the time the answer arrives (the journal is read right after it, never polled), and the
 * whole-batch refusals.
 */
class ReportsApiTest {

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
        /** The largest id there is: never handed out in a test. */
        private static final long MISSING = 9_007_199_254_740_991L;

        Cases(Backend backend) {
            super(backend);
        }

        @Test
        void eachItemIsAnsweredInOrderAndABadOneSinksNoOther() {
            String owner = api.userToken("batcher");
            String worker = api.workerToken();
            long a = externalJob(owner);
            long done = externalJob(owner);
            assertEquals(200, api.post("/api/jobs/" + done + "/progress", worker, "{\"progress\":1}").status());
            assertEquals(200, api.post("/api/jobs/" + done + "/complete", worker, "{}").status());

            JsonNode answer = batch(worker, "["
                    + "{\"job_id\":" + a + ",\"progress\":10,\"message\":\"first\"},"
                    + "{\"job_id\":" + MISSING + ",\"progress\":5},"
                    + "{\"job_id\":" + done + ",\"progress\":50},"
                    + "42,"
                    + "{\"progress\":5},"
                    + "{\"job_id\":\"x\",\"progress\":5},"
                    + "{\"job_id\":" + a + ",\"progress\":101},"
                    + "{\"job_id\":" + a + ",\"type\":\"bogus\",\"progress\":5},"
                    + "{\"job_id\":" + a + ",\"type\":\"fail\"},"
                    + "{\"job_id\":" + a + "},"
                    + "{\"job_id\":" + a + ",\"progress\":20,\"message\":\"second\"}"
                    + "]");

            JsonNode results = answer.path("results");
            assertEquals(11, results.size(), answer::toString);
            assertEquals(json("{\"job_id\":" + a + ",\"ok\":true,\"seq\":3,\"status\":\"running\",\"progress\":10}"),
                    results.get(0), "accepted: where the job now stands (created, started, progress)");
            assertEquals(json("{\"job_id\":" + MISSING + ",\"ok\":false,\"error\":\"not_found\",\"message\":\"Job "
                    + MISSING + " not found or access denied\"}"), results.get(1));
            assertEquals(json("{\"job_id\":" + done + ",\"ok\":false,\"error\":\"conflict\",\"message\":\"Job " + done
                    + " is already completed\"}"), results.get(2));
            assertBadItem(results.get(3), null, "object");
            assertBadItem(results.get(4), null, "job_id");
            assertBadItem(results.get(5), null, "job_id");
            assertBadItem(results.get(6), a, "progress");
            assertBadItem(results.get(7), a, "type");
            assertBadItem(results.get(8), a, "error");
            assertBadItem(results.get(9), a, "progress");
            assertEquals(json("{\"job_id\":" + a + ",\"ok\":true,\"seq\":4,\"status\":\"running\",\"progress\":20}"),
                    results.get(10), "the item after nine refusals is applied all the same");
            assertEquals(2, answer.path("accepted").asInt(), answer::toString);
            assertEquals(9, answer.path("rejected").asInt(), answer::toString);
            assertEquals(Set.of("results", "accepted", "rejected"), keys(answer));

            assertEquals(List.of("1 created", "2 started", "3 progress 10 first", "4 progress 20 second"),
                    summaries(events(owner, a)), "only the accepted items were written, in the batch's order");
            assertEquals(List.of("1 created", "2 started", "3 progress 1 null", "4 completed"),
                    summaries(events(owner, done)), "a refused item writes nothing");
        }

        @Test
        void everyAcceptedItemIsInTheJournalWhenTheAnswerArrives() {
            String owner = api.userToken("journal");
            String worker = api.workerToken();
            List<Long> jobs = new ArrayList<>();
            for (int j = 0; j < 12; j++) {
                jobs.add(externalJob(owner));
            }
            // Round robin over the jobs, four rounds, then a completion for every other job:
            // the items of one job are spread over the batch, as a busy worker sends them.
            ArrayNode items = ApiServer.JSON.createArrayNode();
            Map<String, Long> jobOfTag = new HashMap<>();
            for (int round = 0; round < 4; round++) {
                for (int j = 0; j < jobs.size(); j++) {
                    String tag = "r" + round + "-j" + j;
                    items.addObject().put("job_id", jobs.get(j)).put("progress", round * 20 + j)
                            .put("message", tag).put("stage", "round " + round);
                    jobOfTag.put(tag, jobs.get(j));
                }
            }
            for (int j = 0; j < jobs.size(); j += 2) {
                String tag = "done-j" + j;
                items.addObject().put("job_id", jobs.get(j)).put("type", "complete").putObject("result").put("tag", tag);
                jobOfTag.put(tag, jobs.get(j));
            }

            JsonNode answer = batch(worker, items.toString());
            assertEquals(items.size(), answer.path("accepted").asInt(), answer::toString);
            assertEquals(0, answer.path("rejected").asInt(), answer::toString);

            // Read at once: the answer promises every accepted item is already in the journal.
            Map<Long, List<JsonNode>> journals = new HashMap<>();
            for (long id : jobs) {
                journals.put(id, events(owner, id));
            }
            for (int i = 0; i < items.size(); i++) {
                JsonNode item = items.get(i);
                JsonNode result = answer.path("results").get(i);
                long id = item.path("job_id").asLong();
                assertEquals(id, result.path("job_id").asLong(), result::toString);
                assertTrue(result.path("ok").asBoolean(), result::toString);
                long seq = result.path("seq").asLong();
                List<JsonNode> journal = journals.get(id);
                assertTrue(seq >= 1 && seq <= journal.size(),
                        "item " + i + " answered with seq " + seq + " but job " + id + "'s journal has " + journal.size()
                                + " events right after the answer");
                JsonNode event = journal.get((int) seq - 1);
                String tag = tagOf(item);
                assertEquals(tag, tagOf(event), "the event at the answered seq is the item's: " + event);
                assertEquals(id, jobOfTag.get(tag));
                assertEquals(result.path("status").asText(), "complete".equals(item.path("type").asText())
                        ? "completed" : "running", result::toString);
            }
            for (int j = 0; j < jobs.size(); j++) {
                List<JsonNode> journal = journals.get(jobs.get(j));
                List<String> expected = new ArrayList<>(List.of("1 created", "2 started"));
                for (int round = 0; round < 4; round++) {
                    expected.add((3 + round) + " progress " + (round * 20 + j) + " r" + round + "-j" + j);
                }
                if (j % 2 == 0) {
                    expected.add("7 completed");
                }
                assertEquals(expected, summaries(journal), "job " + j + ": its items, once each, in the batch's order");
            }
        }

        @Test
        void aQueuedJobsFirstReportStartsItAndOneJobsItemsKeepTheBatchOrder() {
            String owner = api.userToken("order");
            String worker = api.workerToken();
            long id = externalJob(owner);
            long other = externalJob(owner);

            JsonNode answer = batch(worker, "["
                    + "{\"job_id\":" + id + ",\"progress\":30,\"message\":\"one\",\"stage\":\"s1\"},"
                    + "{\"job_id\":" + other + ",\"message\":\"only a message\"},"
                    + "{\"job_id\":" + id + ",\"progress\":10,\"message\":\"two\"},"
                    + "{\"job_id\":" + id + ",\"stage\":\"s2\"},"
                    + "{\"job_id\":" + id + ",\"progress\":10},"
                    + "{\"job_id\":" + id + ",\"type\":\"fail\",\"error\":\"gave up\"},"
                    + "{\"job_id\":" + id + ",\"progress\":99}"
                    + "]");
            assertEquals(List.of(3L, 3L, 4L, 5L, 5L, 6L), seqs(answer.path("results"), 6),
                    "seqs follow the batch's order; a report changing nothing is acknowledged at the same seq");
            assertEquals(json("{\"job_id\":" + other + ",\"ok\":true,\"seq\":3,\"status\":\"running\",\"progress\":0}"),
                    answer.path("results").get(1), "a report without progress keeps it (0) and starts the job");
            assertEquals(json("{\"job_id\":" + id + ",\"ok\":false,\"error\":\"conflict\",\"message\":\"Job " + id
                    + " is already failed\"}"), answer.path("results").get(6), "the failure came first: it is terminal");
            assertEquals(6, answer.path("accepted").asInt());
            assertEquals(1, answer.path("rejected").asInt());

            List<JsonNode> journal = events(owner, id);
            assertEquals(List.of("1 created", "2 started", "3 progress 30 one", "4 progress 10 two",
                    "5 progress 10 null", "6 failed"), summaries(journal));
            assertEquals("s1", journal.get(2).path("payload").path("stage").asText());
            assertEquals("s2", journal.get(4).path("payload").path("stage").asText());
            assertEquals("gave up", journal.get(5).path("payload").path("error").asText());
            assertEquals(List.of("1 created", "2 started", "3 progress 0 only a message"),
                    summaries(events(owner, other)), "started and its progress, written together");
        }

        @Test
        void aCompletionKeepsTheDigitsOfADecimalResult() {
            String owner = api.userToken("digits");
            String worker = api.workerToken();
            long id = externalJob(owner);
            String result = "{\"score\":1.10,\"pi\":3.14159265358979323846264338327950288419716939937510,"
                    + "\"big\":123456789012345678901234567890.5}";
            JsonNode answer = batch(worker, "[{\"job_id\":" + id + ",\"progress\":50},"
                    + "{\"job_id\":" + id + ",\"type\":\"complete\",\"result\":" + result + "}]");
            assertEquals(2, answer.path("accepted").asInt(), answer::toString);
            assertEquals("completed", answer.path("results").get(1).path("status").asText());
            assertEquals(100, answer.path("results").get(1).path("progress").asInt());

            // Compared as text: a double would turn 1.10 into 1.1 and lose most of pi.
            Reply job = api.get("/api/jobs/" + id, owner);
            assertEquals(200, job.status(), job::toString);
            assertTrue(job.body().contains("\"result\":" + result), "the job's result as sent: " + job.body());
            Reply events = api.get("/api/jobs/" + id + "/events?since=3", owner);
            assertEquals(200, events.status(), events::toString);
            assertTrue(events.body().contains("\"payload\":{\"result\":" + result + "}"),
                    "the completed event's result as sent: " + events.body());
        }

        @Test
        void wholeBatchRefusals() {
            String owner = api.userToken("refused");
            String worker = api.workerToken();
            long id = externalJob(owner);
            String item = "{\"job_id\":" + id + ",\"progress\":1}";

            assertBadBatch(api.post("/api/reports", worker, item), "array");
            assertBadBatch(api.post("/api/reports", worker, "{\"reports\":[" + item + "]}"), "array");
            assertBadBatch(api.post("/api/reports", worker, "[]"), "1 to 1000");
            StringJoiner tooMany = new StringJoiner(",", "[", "]");
            for (int i = 0; i < 1001; i++) {
                tooMany.add(item);
            }
            assertBadBatch(api.post("/api/reports", worker, tooMany.toString()), "1001");
            assertBadBatch(api.post("/api/reports", worker, "[" + item + ","), "malformed");

            assertError(api.post("/api/reports", owner, "[" + item + "]"), 403, "forbidden");
            assertError(api.post("/api/reports", null, "[" + item + "]"), 401, "unauthorized");

            // Over the body limit (1 MiB by default), even though each item is fine.
            StringJoiner big = new StringJoiner(",", "[", "]");
            String message = "m".repeat(1900);
            for (int i = 0; i < 600; i++) {
                big.add("{\"job_id\":" + id + ",\"progress\":1,\"message\":\"" + message + i + "\"}");
            }
            assertTrue(big.length() > 1_048_576);
            assertError(api.post("/api/reports", worker, big.toString()), 413, "payload_too_large");

            assertEquals(List.of("1 created"), summaries(events(owner, id)), "no refused batch wrote anything");

            // A batch of exactly 1000 is the most there may be, and it is taken (spread over
            // jobs, as a worker's would be: one job's thousand reports are one long queue).
            List<Long> jobs = new ArrayList<>(List.of(id));
            for (int j = 1; j < 10; j++) {
                jobs.add(externalJob(owner));
            }
            StringJoiner most = new StringJoiner(",", "[", "]");
            for (int i = 0; i < 1000; i++) {
                most.add("{\"job_id\":" + jobs.get(i % 10) + ",\"progress\":" + (i / 10) + "}");
            }
            JsonNode answer = batch(worker, most.toString());
            assertEquals(1000, answer.path("accepted").asInt(), answer::toString);
            assertEquals(1000, answer.path("results").size());
            for (long job : jobs) {
                assertEquals(102, events(owner, job).size(), "created, started, then one progress per item");
            }
        }

        // ---- helpers ----------------------------------------------------------------------------

        private long externalJob(String owner) {
            JsonNode job = createJob(owner, "{\"type\":\"batch\",\"runner\":\"external\"}");
            assertEquals("queued", job.path("status").asText());
            return job.path("id").asLong();
        }

        private JsonNode batch(String worker, String body) {
            Reply r = api.post("/api/reports", worker, body);
            assertEquals(200, r.status(), r::toString);
            assertEquals("application/json", r.header("Content-Type"), r::toString);
            return r.json();
        }

        /** The job's whole journal (no job here has more than 1000 events + 2). */
        private List<JsonNode> events(String owner, long id) {
            Reply r = api.get("/api/jobs/" + id + "/events?since=0&limit=1000", owner);
            assertEquals(200, r.status(), r::toString);
            List<JsonNode> out = new ArrayList<>();
            r.json().path("events").forEach(out::add);
            if (out.size() == 1000) {
                Reply more = api.get("/api/jobs/" + id + "/events?since=1000&limit=1000", owner);
                assertEquals(200, more.status(), more::toString);
                more.json().path("events").forEach(out::add);
            }
            for (int i = 0; i < out.size(); i++) {
                assertEquals(i + 1, out.get(i).path("seq").asLong(), "seq 1..N without a gap");
            }
            return out;
        }

        private static void assertBadItem(JsonNode result, Long jobId, String mentions) {
            assertEquals(Set.of("job_id", "ok", "error", "message"), keys(result), result::toString);
            if (jobId == null) {
                assertTrue(result.path("job_id").isNull(), () -> "no usable job_id, so null: " + result);
            } else {
                assertEquals(jobId.longValue(), result.path("job_id").asLong(), result::toString);
            }
            assertEquals(false, result.path("ok").booleanValue(), result::toString);
            assertEquals("bad_request", result.path("error").asText(), result::toString);
            assertTrue(result.path("message").asText().contains(mentions),
                    () -> "the message names " + mentions + ": " + result);
        }

        private static void assertBadBatch(Reply reply, String mentions) {
            JsonNode body = assertError(reply, 400, "bad_request");
            assertTrue(body.path("message").asText().contains(mentions),
                    () -> "the message says " + mentions + ": " + reply);
        }

        /** "seq type", and for progress "progress message" too. */
        private static List<String> summaries(List<JsonNode> events) {
            List<String> out = new ArrayList<>();
            for (JsonNode e : events) {
                String type = e.path("type").asText();
                String s = e.path("seq").asLong() + " " + type;
                if ("progress".equals(type)) {
                    JsonNode p = e.path("payload");
                    s += " " + p.path("progress").asInt() + " " + (p.path("message").isNull() ? "null"
                            : p.path("message").asText());
                }
                out.add(s);
            }
            return out;
        }

        /** An item's or an event's identifying text: a progress message, or a completion's result tag. */
        private static String tagOf(JsonNode itemOrEvent) {
            JsonNode from = itemOrEvent.has("payload") ? itemOrEvent.path("payload") : itemOrEvent;
            return from.has("result") ? from.path("result").path("tag").asText() : from.path("message").asText();
        }

        private static List<Long> seqs(JsonNode results, int first) {
            List<Long> out = new ArrayList<>();
            for (int i = 0; i < first; i++) {
                assertTrue(results.get(i).path("ok").asBoolean(), results.get(i)::toString);
                out.add(results.get(i).path("seq").asLong());
            }
            return out;
        }

        private static Set<String> keys(JsonNode object) {
            Set<String> out = new TreeSet<>();
            object.fieldNames().forEachRemaining(out::add);
            return out;
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
