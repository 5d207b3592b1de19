package dev.jobcast.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jobcast.jobs.JobState;

/** The request bodies of the jobs API, each read and type-checked from a JSON object. */
final class JobRequests {
    private JobRequests() {
    }

    /** POST /api/jobs. {@code runner} defaults to "demo" for type "demo", else "external". */
    record CreateJob(String type, String runner, JsonNode input) {
        static CreateJob from(ObjectNode body) {
            String type = Fields.requiredString(body, "type");
            String runner = Fields.optionalString(body, "runner");
            if (runner == null) {
                runner = JobState.DEMO.equals(type) ? JobState.DEMO : JobState.EXTERNAL;
            } else if (!JobState.DEMO.equals(runner) && !JobState.EXTERNAL.equals(runner)) {
                throw ApiException.badRequest("runner must be \"demo\" or \"external\"");
            }
            return new CreateJob(type, runner, Fields.optionalJson(body, "input"));
        }
    }

    /** POST /api/jobs/{id}/progress. */
    record ReportProgress(int progress, String message, String stage) {
        static ReportProgress from(ObjectNode body) {
            return new ReportProgress(Fields.requiredInt(body, "progress", 0, 100),
                    Fields.optionalString(body, "message"), Fields.optionalString(body, "stage"));
        }
    }

    /** POST /api/jobs/{id}/complete: the result is any JSON (null when absent). */
    record CompleteJob(JsonNode result) {
        static CompleteJob from(ObjectNode body) {
            return new CompleteJob(Fields.optionalJson(body, "result"));
        }
    }

    /** POST /api/jobs/{id}/fail. */
    record FailJob(String error) {
        static FailJob from(ObjectNode body) {
            String error = Fields.requiredString(body, "error");
            if (error.isBlank()) {
                throw ApiException.badRequest("error must be a non-empty string");
            }
            return new FailJob(error);
        }
    }
}
