package dev.jobcast.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/** What happened to a job, as the journal keeps it. Each event carries its time. */
public sealed interface JobEvent extends JournalSerializable {
    Instant at();

    /** The event's name in the audit trail and in job_update. */
    String type();

    record Created(long jobId, long ownerId, String jobType, String runner, JsonNode input, Instant at)
            implements JobEvent {
        public Created {
            input = JobState.absentIfNull(input);
        }

        public String type() {
            return "created";
        }
    }

    record Started(Instant at) implements JobEvent {
        public String type() {
            return "started";
        }
    }

    record ProgressReported(int progress, String message, String stage, Instant at) implements JobEvent {
        public String type() {
            return "progress";
        }
    }

    record Completed(JsonNode result, Instant at) implements JobEvent {
        public Completed {
            result = JobState.absentIfNull(result);
        }

        public String type() {
            return "completed";
        }
    }

    record Failed(String error, Instant at) implements JobEvent {
        public String type() {
            return "failed";
        }
    }

    record Cancelled(Instant at) implements JobEvent {
        public String type() {
            return "cancelled";
        }
    }
}
