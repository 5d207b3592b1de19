// Reading the server's answers to reports: a batch's results, a worker ack, a REST error.
package dev.jobcast.bench.jobs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.jobcast.socketio.codec.Json;
import java.util.ArrayList;
import java.util.List;

/**
 * The answers of the ingest contract, item by item. A batch ({@code POST /api/reports}) and
 * a worker's {@code report} of an array are answered {@code {"results": [...], "accepted",
 * "rejected"}}, one result per item in the items' order: {@code {"job_id", "ok": true, "seq",
 * ...}} or {@code {"job_id", "ok": false, "error": code, "message"}}. A REST error is a
 * status with {@code {"error": code, "message"}}. An answer that does not fit (not JSON, a
 * result missing or about another job) is {@link BadAnswer}: its items' fate is unknown.
 * Pure.
 */
final class ItemResults {

    /** One item's outcome: accepted, or refused with the server's error code. */
    record Result(boolean ok, String error) {
        static final Result ACCEPTED = new Result(true, null);
    }

    /** An answer that says nothing reliable about the items it answers. */
    static final class BadAnswer extends Exception {
        BadAnswer(String message) {
            super(message);
        }
    }

    private ItemResults() {
    }

    /** The results of a batch's 200 body, one per item; {@code jobIds} are the items' jobs in order. */
    static List<Result> ofBatchBody(String body, long[] jobIds) throws BadAnswer {
        try {
            return ofResults(Json.read(body), jobIds);
        } catch (JsonProcessingException e) {
            throw new BadAnswer("not JSON: " + e.getOriginalMessage());
        }
    }

    /**
     * The results of a worker's acknowledgement of a {@code report} of an array (its first
     * argument). An acknowledgement that refuses the event as a whole, a single result with
     * {@code ok: false} (an event the server could not take as a batch at all), refuses
     * every item with its error.
     */
    static List<Result> ofAck(JsonNode ackArgs, long[] jobIds) throws BadAnswer {
        JsonNode answer = ackArgs == null ? null : ackArgs.path(0);
        if (answer != null && answer.isObject() && !answer.has("results") && answer.path("ok").isBoolean()
                && !answer.path("ok").booleanValue()) {
            Result refused = new Result(false, code(answer.path("error")));
            List<Result> all = new ArrayList<>(jobIds.length);
            for (int i = 0; i < jobIds.length; i++) {
                all.add(refused);
            }
            return all;
        }
        return ofResults(answer, jobIds);
    }

    private static List<Result> ofResults(JsonNode answer, long[] jobIds) throws BadAnswer {
        JsonNode results = answer == null ? null : answer.path("results");
        if (results == null || !results.isArray()) {
            throw new BadAnswer("no results array");
        }
        if (results.size() != jobIds.length) {
            throw new BadAnswer(results.size() + " results for " + jobIds.length + " items");
        }
        List<Result> out = new ArrayList<>(jobIds.length);
        for (int i = 0; i < jobIds.length; i++) {
            JsonNode r = results.get(i);
            JsonNode ok = r.path("ok");
            if (!ok.isBoolean()) {
                throw new BadAnswer("result " + i + " has no boolean ok");
            }
            JsonNode jobId = r.path("job_id");
            // A refused item may have no usable job_id (null); an accepted one names its job.
            if ((ok.booleanValue() || jobId.isIntegralNumber()) && jobId.asLong(-1) != jobIds[i]) {
                throw new BadAnswer("result " + i + " is about job " + jobId + ", the item about job " + jobIds[i]);
            }
            out.add(ok.booleanValue() ? Result.ACCEPTED : new Result(false, code(r.path("error"))));
        }
        return out;
    }

    /** Why a REST call was refused: the body's error code, or the status. */
    static String restError(int status, String body) {
        try {
            JsonNode error = Json.read(body).path("error");
            if (error.isTextual() && !error.textValue().isEmpty()) {
                return error.textValue();
            }
        } catch (JsonProcessingException | RuntimeException e) {
            // Not the contract's error body: the status says it.
        }
        return "HTTP " + status;
    }

    private static String code(JsonNode error) {
        return error.isTextual() && !error.textValue().isEmpty() ? error.textValue() : "refused without a code";
    }
}
