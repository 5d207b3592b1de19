package dev.jobcast.jobs.live;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.jobcast.jobs.JobIds;

/**
 * The payload of join_job / leave_job, checked: {job_id: positive integer below 2^53,
 * since?: non-negative integer}. Anything else is a bad request with a reason.
 */
public record JoinRequest(long jobId, Long since) {

    /** Thrown with a message for the client's `error` event. */
    public static final class Invalid extends Exception {
        public Invalid(String message) {
            super(message, null, false, false);
        }
    }

    public static JoinRequest parse(ArrayNode args) throws Invalid {
        JsonNode body = args.size() == 0 ? null : args.get(0);
        if (body == null || !body.isObject()) {
            throw new Invalid("expected an object like {\"job_id\": 123}");
        }
        JsonNode id = body.get("job_id");
        if (id == null || id.isNull()) {
            throw new Invalid("job_id is required");
        }
        if (!id.isIntegralNumber() || !id.canConvertToLong() || id.asLong() <= 0 || id.asLong() > JobIds.MAX_ID) {
            throw new Invalid("job_id must be a positive integer below 2^53");
        }
        JsonNode since = body.get("since");
        Long sinceSeq = null;
        if (since != null && !since.isNull()) {
            if (!since.isIntegralNumber() || !since.canConvertToLong() || since.asLong() < 0) {
                throw new Invalid("since must be a non-negative integer (the last seq you have)");
            }
            sinceSeq = since.asLong();
        }
        return new JoinRequest(id.asLong(), sinceSeq);
    }
}
