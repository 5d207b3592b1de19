package dev.jobcast.jobs.live;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jobcast.jobs.JobState;
import dev.jobcast.jobs.JobUpdate;

/** The JSON of the contract's events: job_update (seed fields plus seq) and job_status. */
public final class JobUpdatePayload {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private JobUpdatePayload() {
    }

    public static ObjectNode jobUpdate(JobUpdate u) {
        ObjectNode o = F.objectNode()
                .put("job_id", u.jobId())
                .put("seq", u.seq())
                .put("event", u.event())
                .put("status", u.status().wire())
                .put("progress", u.progress());
        if (u.message() != null) {
            o.put("message", u.message());
        }
        if (u.stage() != null) {
            o.put("stage", u.stage());
        }
        if (u.result() != null) {
            o.set("result", u.result());
        }
        if (u.error() != null) {
            o.put("error", u.error());
        }
        o.put("timestamp", u.timestamp().toString());
        return o;
    }

    public static ObjectNode jobStatus(JobState s) {
        ObjectNode o = F.objectNode()
                .put("job_id", s.id())
                .put("status", s.status().wire())
                .put("progress", s.progress())
                .put("message", s.message())
                .put("seq", s.seq());
        if (s.stage() != null) {
            o.put("stage", s.stage());
        }
        return o;
    }

    public static ObjectNode error(String code, String message) {
        return F.objectNode().put("message", message).put("code", code);
    }
}
