package dev.jobcast.jobs.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jobcast.jobs.JobEntity;
import dev.jobcast.jobs.JobIds;

/**
 * Reads one report item of a batch or of the worker channel:
 * {@code {job_id, type?: "progress"|"complete"|"fail", progress?, message?, stage?, result?, error?}}.
 * Pure, and never throws: a bad item becomes an {@link Item} with the problem, and the job
 * id when it could be read, so its answer can say which job it was about.
 */
public final class ReportParser {
    private ReportParser() {
    }

    /** A parsed item: exactly one of {@code report} and {@code problem} is set. */
    public record Item(Long jobId, Report report, String problem) {
        static Item valid(Report r) {
            return new Item(r.jobId(), r, null);
        }

        static Item invalid(Long jobId, String problem) {
            return new Item(jobId, null, problem);
        }
    }

    public static Item parse(JsonNode item) {
        if (item == null || !item.isObject()) {
            return Item.invalid(null, "each report must be an object like {\"job_id\": 7, \"progress\": 40}");
        }
        Long jobId;
        try {
            jobId = JsonFields.optionalLong(item, "job_id", 1, JobIds.MAX_ID);
        } catch (JsonFields.Invalid e) {
            return Item.invalid(null, "job_id must be a positive integer below 2^53");
        }
        if (jobId == null) {
            return Item.invalid(null, "job_id is required (a positive integer)");
        }
        String nul = NulText.find(item);
        if (nul != null) {
            return Item.invalid(jobId, NulText.problem(nul));
        }
        try {
            return Item.valid(report(jobId, item));
        } catch (JsonFields.Invalid e) {
            return Item.invalid(jobId, e.getMessage());
        }
    }

    private static Report report(long jobId, JsonNode item) {
        String type = JsonFields.optionalString(item, "type");
        if (type == null || type.equals(Report.Kind.PROGRESS.wire())) {
            Integer progress = JsonFields.optionalInt(item, "progress", 0, 100);
            String message = bounded(item, "message", JobEntity.MAX_MESSAGE);
            String stage = bounded(item, "stage", JobEntity.MAX_STAGE);
            if (progress == null && message == null && stage == null) {
                throw new JsonFields.Invalid("a progress report needs progress, message or stage");
            }
            return Report.progress(jobId, progress, message, stage);
        }
        if (type.equals(Report.Kind.COMPLETE.wire())) {
            return Report.complete(jobId, JsonFields.optionalJson(item, "result"));
        }
        if (type.equals(Report.Kind.FAIL.wire())) {
            String error = JsonFields.optionalString(item, "error");
            if (error == null || error.isBlank()) {
                throw new JsonFields.Invalid("a failure needs error (a non-empty string)");
            }
            return Report.fail(jobId, error);
        }
        throw new JsonFields.Invalid("type must be \"progress\", \"complete\" or \"fail\"");
    }

    private static String bounded(JsonNode item, String name, int max) {
        String value = JsonFields.optionalString(item, name);
        if (value != null && value.length() > max) {
            throw new JsonFields.Invalid(name + " longer than " + max + " characters");
        }
        return value;
    }
}
