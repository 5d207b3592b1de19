package dev.jobcast.jobs.ingest;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jobcast.jobs.JobState;

/**
 * The answer to one report: accepted (it is in the journal), with where the job now stands,
 * or refused, with the error code and message the REST API would give.
 * Accepted: {@code {"job_id", "ok": true, "seq", "status", "progress"}};
 * refused: {@code {"job_id", "ok": false, "error", "message"}}.
 */
public record Outcome(Long jobId, JobState state, String code, String message) {
    public static final String RATE_LIMITED = "rate_limited";

    public static Outcome accepted(JobState state) {
        return new Outcome(state.id(), state, null, null);
    }

    public static Outcome refused(Long jobId, String code, String message) {
        return new Outcome(jobId, null, code, message);
    }

    public boolean ok() {
        return state != null;
    }

    public ObjectNode toJson() {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        if (jobId == null) {
            o.putNull("job_id");
        } else {
            o.put("job_id", jobId);
        }
        o.put("ok", ok());
        if (ok()) {
            o.put("seq", state.seq());
            o.put("status", state.status().wire());
            o.put("progress", state.progress());
        } else {
            o.put("error", code);
            o.put("message", message);
        }
        return o;
    }
}
