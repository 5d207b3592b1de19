// ReportParser: every rule of a report item, each with the message a worker reads, the job id
// kept whenever it could be read; and the exact JSON of an item's answer and of a batch's.
package dev.jobcast.jobs.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jobcast.api.ApiJson;
import dev.jobcast.jobs.JobEntity;
import dev.jobcast.jobs.JobIds;
import dev.jobcast.jobs.JobState;
import dev.jobcast.jobs.JobStatus;
import java.time.Instant;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ReportParserTest {

    private static final String NOT_AN_OBJECT = "each report must be an object like {\"job_id\": 7, \"progress\": 40}";
    private static final String BAD_JOB_ID = "job_id must be a positive integer below 2^53";

    /** Parsed as the REST API parses a body: decimals keep their digits. */
    private static JsonNode json(String text) {
        try {
            return ApiJson.MAPPER.readTree(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(text, e);
        }
    }

    private static ReportParser.Item parse(String text) {
        return ReportParser.parse(json(text));
    }

    private static void assertValid(Report expected, String text) {
        ReportParser.Item item = parse(text);
        assertNull(item.problem(), text);
        assertEquals(expected, item.report(), text);
        assertEquals(expected.jobId(), item.jobId(), text);
    }

    private static void assertInvalid(Long jobId, String problem, String text) {
        ReportParser.Item item = parse(text);
        assertNull(item.report(), text);
        assertEquals(new ReportParser.Item(jobId, null, problem), item, text);
    }

    private static String repeat(char c, int n) {
        return String.valueOf(c).repeat(n);
    }

    // ---- the item itself

    @ParameterizedTest
    @ValueSource(strings = {"null", "[]", "[{\"job_id\": 7, \"progress\": 1}]", "7", "\"7\"", "true"})
    void anItemMustBeAnObject(String text) {
        assertInvalid(null, NOT_AN_OBJECT, text);
    }

    @Test
    void aMissingItemIsNotAnObject() {
        assertEquals(new ReportParser.Item(null, null, NOT_AN_OBJECT), ReportParser.parse(null));
    }

    // ---- job_id

    @ParameterizedTest
    @ValueSource(strings = {"{\"progress\": 5}", "{\"job_id\": null, \"progress\": 5}", "{}"})
    void jobIdIsRequired(String text) {
        assertInvalid(null, "job_id is required (a positive integer)", text);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-1", "-9007199254740991", "1.5", "7.0", "1e3", "\"7\"", "true", "[7]", "{\"id\": 7}",
        "9007199254740992", "9223372036854775807", "9223372036854775808", "100000000000000000000000000000"})
    void jobIdMustBeAPositiveIntegerBelow2To53(String jobId) {
        assertInvalid(null, BAD_JOB_ID, "{\"job_id\": " + jobId + ", \"progress\": 5}");
    }

    @Test
    void jobIdUpTo2To53MinusOneIsAccepted() {
        assertEquals(9_007_199_254_740_991L, JobIds.MAX_ID);
        assertValid(Report.progress(JobIds.MAX_ID, 5, null, null), "{\"job_id\": 9007199254740991, \"progress\": 5}");
        assertValid(Report.progress(1, 5, null, null), "{\"job_id\": 1, \"progress\": 5}");
    }

    @Test
    void theJobIdIsKeptWhenOnlyAnotherFieldIsWrong() {
        assertInvalid(7L, "progress must be between 0 and 100, got 101", "{\"job_id\": 7, \"progress\": 101}");
        assertInvalid(7L, "type must be \"progress\", \"complete\" or \"fail\"", "{\"job_id\": 7, \"type\": \"done\"}");
        assertInvalid(7L, "a failure needs error (a non-empty string)", "{\"job_id\": 7, \"type\": \"fail\"}");
    }

    // ---- type

    @Test
    void withoutATypeAnItemIsProgress() {
        assertValid(Report.progress(7, 40, null, null), "{\"job_id\": 7, \"progress\": 40}");
        assertValid(Report.progress(7, 40, null, null), "{\"job_id\": 7, \"type\": null, \"progress\": 40}");
        assertValid(Report.progress(7, 40, null, null), "{\"job_id\": 7, \"type\": \"progress\", \"progress\": 40}");
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"done\"", "\"Progress\"", "\"COMPLETE\"", "\"\"", "\" fail\"", "\"cancel\""})
    void anUnknownTypeIsRefused(String type) {
        assertInvalid(7L, "type must be \"progress\", \"complete\" or \"fail\"",
                "{\"job_id\": 7, \"type\": " + type + ", \"progress\": 5, \"error\": \"x\"}");
    }

    @Test
    void aTypeThatIsNotAStringIsRefusedByItsType() {
        assertInvalid(7L, "type must be a string, got an integer", "{\"job_id\": 7, \"type\": 1}");
        assertInvalid(7L, "type must be a string, got an object", "{\"job_id\": 7, \"type\": {}}");
    }

    // ---- progress

    @Test
    void progressMayBeZeroToAHundred() {
        assertValid(Report.progress(7, 0, null, null), "{\"job_id\": 7, \"progress\": 0}");
        assertValid(Report.progress(7, 100, null, null), "{\"job_id\": 7, \"progress\": 100}");
    }

    @Test
    void progressOutsideZeroToAHundredIsRefused() {
        assertInvalid(7L, "progress must be between 0 and 100, got -1", "{\"job_id\": 7, \"progress\": -1}");
        assertInvalid(7L, "progress must be between 0 and 100, got 101", "{\"job_id\": 7, \"progress\": 101}");
        assertInvalid(7L, "progress must be between 0 and 100, got 4294967346",
                "{\"job_id\": 7, \"progress\": 4294967346}"); // 2^32 + 50: not read as 50
        assertInvalid(7L, "progress must be between 0 and 100, got 100000000000000000000",
                "{\"job_id\": 7, \"progress\": 100000000000000000000}");
    }

    @Test
    void progressMustBeAnInteger() {
        assertInvalid(7L, "progress must be an integer 0..100, got a decimal number 50.5",
                "{\"job_id\": 7, \"progress\": 50.5}");
        assertInvalid(7L, "progress must be an integer 0..100, got a decimal number 50.0",
                "{\"job_id\": 7, \"progress\": 50.0}");
        assertInvalid(7L, "progress must be an integer 0..100, got a string", "{\"job_id\": 7, \"progress\": \"50\"}");
        assertInvalid(7L, "progress must be an integer 0..100, got a boolean", "{\"job_id\": 7, \"progress\": true}");
        assertInvalid(7L, "progress must be an integer 0..100, got an array", "{\"job_id\": 7, \"progress\": [50]}");
    }

    @Test
    void aProgressReportNeedsProgressMessageOrStage() {
        String needs = "a progress report needs progress, message or stage";
        assertInvalid(7L, needs, "{\"job_id\": 7}");
        assertInvalid(7L, needs, "{\"job_id\": 7, \"type\": \"progress\"}");
        assertInvalid(7L, needs, "{\"job_id\": 7, \"progress\": null, \"message\": null, \"stage\": null}");
        assertInvalid(7L, needs, "{\"job_id\": 7, \"result\": 1, \"error\": \"x\"}"); // not fields of progress
    }

    @Test
    void aMessageOrAStageAloneIsAProgressReport() {
        assertValid(Report.progress(7, null, "fetching", null), "{\"job_id\": 7, \"message\": \"fetching\"}");
        assertValid(Report.progress(7, null, null, "download"), "{\"job_id\": 7, \"stage\": \"download\"}");
        assertValid(Report.progress(7, 30, "fetching", "download"),
                "{\"job_id\": 7, \"progress\": 30, \"message\": \"fetching\", \"stage\": \"download\"}");
    }

    @Test
    void messageHoldsUpTo2000Characters() {
        assertEquals(2000, JobEntity.MAX_MESSAGE);
        String longest = repeat('m', 2000);
        assertValid(Report.progress(7, null, longest, null), "{\"job_id\": 7, \"message\": \"" + longest + "\"}");
        assertInvalid(7L, "message longer than 2000 characters",
                "{\"job_id\": 7, \"progress\": 1, \"message\": \"" + longest + "m\"}");
    }

    @Test
    void stageHoldsUpTo200Characters() {
        assertEquals(200, JobEntity.MAX_STAGE);
        String longest = repeat('s', 200);
        assertValid(Report.progress(7, null, null, longest), "{\"job_id\": 7, \"stage\": \"" + longest + "\"}");
        assertInvalid(7L, "stage longer than 200 characters",
                "{\"job_id\": 7, \"progress\": 1, \"stage\": \"" + longest + "s\"}");
    }

    @Test
    void theLengthsAreThoseTheJobEntityChecks() {
        // Counted as the entity counts them (UTF-16 units), so what the parser lets through the
        // entity never refuses: 1000 emoji are 2000 units, 1001 are too many.
        String emoji = "\uD83D\uDE80".repeat(1000);
        assertValid(Report.progress(7, null, emoji, null), "{\"job_id\": 7, \"message\": \"" + emoji + "\"}");
        assertInvalid(7L, "message longer than 2000 characters",
                "{\"job_id\": 7, \"message\": \"" + emoji + "\uD83D\uDE80\"}");
    }

    @Test
    void messageAndStageMustBeStrings() {
        assertInvalid(7L, "message must be a string, got an integer", "{\"job_id\": 7, \"message\": 5}");
        assertInvalid(7L, "stage must be a string, got a boolean", "{\"job_id\": 7, \"stage\": false}");
        assertInvalid(7L, "message must be a string, got an object", "{\"job_id\": 7, \"progress\": 1, \"message\": {}}");
    }

    // ---- fail

    @Test
    void aFailureCarriesItsError() {
        assertValid(Report.fail(7, "disk full"), "{\"job_id\": 7, \"type\": \"fail\", \"error\": \"disk full\"}");
        // Nothing else is read for a failure.
        assertValid(Report.fail(7, "x"), "{\"job_id\": 7, \"type\": \"fail\", \"error\": \"x\", \"progress\": 5}");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ", \"error\": null", ", \"error\": \"\"", ", \"error\": \"   \"", ", \"error\": \"\\n\\t\""})
    void aFailureNeedsANonBlankError(String error) {
        assertInvalid(7L, "a failure needs error (a non-empty string)", "{\"job_id\": 7, \"type\": \"fail\"" + error + "}");
    }

    @Test
    void aFailureErrorMustBeAString() {
        assertInvalid(7L, "error must be a string, got an integer", "{\"job_id\": 7, \"type\": \"fail\", \"error\": 500}");
    }

    // ---- complete

    @Test
    void aCompletionTakesAnyJsonAsItsResult() {
        for (String result : List.of("{\"words\": 3, \"tags\": [\"a\", null]}", "[1, 2, 3]", "\"done\"", "42",
                "1.50", "0.1000000000000000055511151231257827", "true", "false", "{}", "[]")) {
            ReportParser.Item item = parse("{\"job_id\": 7, \"type\": \"complete\", \"result\": " + result + "}");
            assertNull(item.problem(), result);
            assertEquals(Report.complete(7, json(result)), item.report(), result);
            assertEquals(json(result).toString(), item.report().result().toString(), "digits kept: " + result);
        }
        assertEquals("1.50", parse("{\"job_id\": 7, \"type\": \"complete\", \"result\": 1.50}").report().result()
                .toString());
    }

    @Test
    void aCompletionWithoutResultOrWithNullHasNone() {
        assertValid(Report.complete(7, null), "{\"job_id\": 7, \"type\": \"complete\"}");
        assertValid(Report.complete(7, null), "{\"job_id\": 7, \"type\": \"complete\", \"result\": null}");
    }

    // ---- answers

    private static JobState state(long id, JobStatus status, int progress, long seq) {
        Instant t = Instant.parse("2026-01-01T00:00:00Z");
        return new JobState(id, 1, "essay", JobState.EXTERNAL, status, progress, "m", null, null, null, null, t, t,
                seq);
    }

    @Test
    void anAcceptedOutcomeSaysWhereTheJobNowStands() {
        Outcome o = Outcome.accepted(state(7, JobStatus.RUNNING, 40, 3));
        assertTrue(o.ok());
        assertEquals("{\"job_id\":7,\"ok\":true,\"seq\":3,\"status\":\"running\",\"progress\":40}", o.toJson().toString());
        assertEquals("{\"job_id\":9007199254740991,\"ok\":true,\"seq\":12,\"status\":\"completed\",\"progress\":100}",
                Outcome.accepted(state(JobIds.MAX_ID, JobStatus.COMPLETED, 100, 12)).toJson().toString());
    }

    @Test
    void aRefusedOutcomeSaysWhy() {
        Outcome o = Outcome.refused(7L, "conflict", "Job 7 is completed");
        assertEquals(false, o.ok());
        assertEquals("{\"job_id\":7,\"ok\":false,\"error\":\"conflict\",\"message\":\"Job 7 is completed\"}",
                o.toJson().toString());
        assertEquals("{\"job_id\":null,\"ok\":false,\"error\":\"bad_request\",\"message\":\"" + BAD_JOB_ID + "\"}",
                Outcome.refused(null, "bad_request", BAD_JOB_ID).toJson().toString());
    }

    @Test
    void aBadItemIsAnsweredAsABadRequestAboutItsJob() {
        Ingest ingest = new Ingest(null); // an invalid item never reaches the job service
        Outcome o = ingest.submit(parse("{\"job_id\": 7, \"progress\": 101}")).toCompletableFuture().join();
        assertEquals("{\"job_id\":7,\"ok\":false,\"error\":\"bad_request\","
                + "\"message\":\"progress must be between 0 and 100, got 101\"}", o.toJson().toString());
        Outcome unreadable = ingest.submit(parse("[1]")).toCompletableFuture().join();
        assertEquals("{\"job_id\":null,\"ok\":false,\"error\":\"bad_request\",\"message\":\""
                + NOT_AN_OBJECT.replace("\"", "\\\"") + "\"}", unreadable.toJson().toString());
    }

    @Test
    void aBatchAnswerListsEachItemInOrderAndCountsThem() {
        List<Outcome> outcomes = List.of(
                Outcome.accepted(state(7, JobStatus.RUNNING, 40, 3)),
                Outcome.refused(8L, "not_found", "Job 8 not found or access denied"),
                Outcome.refused(null, "bad_request", BAD_JOB_ID),
                Outcome.accepted(state(9, JobStatus.FAILED, 10, 5)),
                Outcome.refused(10L, Outcome.RATE_LIMITED, "slow down"));
        assertEquals("{\"results\":["
                + "{\"job_id\":7,\"ok\":true,\"seq\":3,\"status\":\"running\",\"progress\":40},"
                + "{\"job_id\":8,\"ok\":false,\"error\":\"not_found\",\"message\":\"Job 8 not found or access denied\"},"
                + "{\"job_id\":null,\"ok\":false,\"error\":\"bad_request\",\"message\":\"" + BAD_JOB_ID + "\"},"
                + "{\"job_id\":9,\"ok\":true,\"seq\":5,\"status\":\"failed\",\"progress\":10},"
                + "{\"job_id\":10,\"ok\":false,\"error\":\"rate_limited\",\"message\":\"slow down\"}"
                + "],\"accepted\":2,\"rejected\":3}", Ingest.batchAnswer(outcomes).toString());
    }

    @Test
    void anEmptyBatchAnswer() {
        assertEquals("{\"results\":[],\"accepted\":0,\"rejected\":0}", Ingest.batchAnswer(List.of()).toString());
    }

    // ---- properties

    @Provide
    Arbitrary<JsonNode> values() {
        JsonNodeFactory f = JsonNodeFactory.instance;
        return Arbitraries.oneOf(
                Arbitraries.just(f.nullNode()),
                Arbitraries.longs().map(f::numberNode),
                Arbitraries.integers().between(-3, 103).map(f::numberNode),
                Arbitraries.bigDecimals().ofScale(2).map(f::numberNode),
                Arbitraries.bigIntegers().between(java.math.BigInteger.ZERO,
                        java.math.BigInteger.TWO.pow(70)).map(f::numberNode),
                Arbitraries.of("progress", "complete", "fail", "", " ", "x").map(f::textNode),
                Arbitraries.strings().ofMaxLength(2100).map(f::textNode),
                Arbitraries.of(true, false).map(f::booleanNode),
                Arbitraries.just(f.arrayNode().add(1)),
                Arbitraries.just(f.objectNode().put("a", 1)));
    }

    /** A field's value: mostly one that field takes, else any; absent 30% of the time (null here). */
    private Arbitrary<JsonNode> field(Arbitrary<JsonNode> fitting) {
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(8, fitting), net.jqwik.api.Tuple.of(1, values()))
                .injectNull(0.3);
    }

    @Provide
    Arbitrary<JsonNode> items() {
        JsonNodeFactory f = JsonNodeFactory.instance;
        Arbitrary<JsonNode> text = Arbitraries.strings().ofMaxLength(40).map(f::textNode);
        List<Arbitrary<JsonNode>> fields = List.of(
                field(Arbitraries.longs().between(1, JobIds.MAX_ID).map(f::numberNode)),
                field(Arbitraries.of("progress", "complete", "fail").map(f::textNode)),
                field(Arbitraries.integers().between(0, 100).map(f::numberNode)),
                field(Arbitraries.oneOf(text, Arbitraries.strings().ofLength(2000).map(f::textNode),
                        Arbitraries.strings().ofLength(2001).map(f::textNode))),
                field(Arbitraries.oneOf(text, Arbitraries.strings().ofLength(200).map(f::textNode),
                        Arbitraries.strings().ofLength(201).map(f::textNode))),
                values().injectNull(0.3),
                field(Arbitraries.oneOf(text, Arbitraries.of("", " ", "\t").map(f::textNode))),
                values().injectNull(0.7));
        List<String> names = List.of("job_id", "type", "progress", "message", "stage", "result", "error", "other");
        Arbitrary<JsonNode> objects = Combinators.combine(fields).as(vs -> {
            ObjectNode o = f.objectNode();
            for (int i = 0; i < names.size(); i++) {
                if (vs.get(i) != null) {
                    o.set(names.get(i), vs.get(i));
                }
            }
            return o;
        });
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(19, objects), net.jqwik.api.Tuple.of(1, values()));
    }

    @Property(tries = 3000)
    void parseNeverThrowsAndEveryReportItLetsThroughKeepsTheRules(@ForAll("items") JsonNode item) {
        ReportParser.Item parsed = ReportParser.parse(item);
        net.jqwik.api.statistics.Statistics.collect(parsed.report() == null ? "refused" : parsed.report().kind());
        assertTrue((parsed.report() == null) != (parsed.problem() == null), "exactly one of report and problem");
        JsonNode id = item.path("job_id");
        boolean idReadable = id.isIntegralNumber() && id.canConvertToLong() && id.longValue() >= 1
                && id.longValue() <= JobIds.MAX_ID;
        if (idReadable) {
            assertEquals(id.longValue(), parsed.jobId(), "the job id is kept whenever it is readable");
        } else {
            assertNull(parsed.jobId());
            assertNotNull(parsed.problem());
        }
        Report r = parsed.report();
        if (r == null) {
            return;
        }
        assertEquals(parsed.jobId(), r.jobId());
        switch (r.kind()) {
            case PROGRESS -> {
                assertTrue(r.progress() != null || r.message() != null || r.stage() != null);
                assertTrue(r.progress() == null || (r.progress() >= 0 && r.progress() <= 100));
                assertTrue(r.message() == null || r.message().length() <= JobEntity.MAX_MESSAGE);
                assertTrue(r.stage() == null || r.stage().length() <= JobEntity.MAX_STAGE);
                if (r.progress() != null) {
                    assertEquals(item.get("progress").longValue(), (long) r.progress());
                }
            }
            case COMPLETE -> assertEquals(item.get("result") == null || item.get("result").isNull() ? null
                    : item.get("result"), r.result());
            case FAIL -> assertTrue(r.error() != null && !r.error().isBlank());
            default -> throw new AssertionError(r.kind());
        }
    }

    @Test
    void textWithNulIsRefusedWithWhereItIs() {
        assertInvalid(7L, "text must not contain the NUL character (U+0000), found at /message",
                "{\"job_id\": 7, \"message\": \"a\\u0000b\"}");
        assertInvalid(7L, "text must not contain the NUL character (U+0000), found at /result/list/0",
                "{\"job_id\": 7, \"type\": \"complete\", \"result\": {\"list\": [\"\\u0000\"]}}");
    }
}
