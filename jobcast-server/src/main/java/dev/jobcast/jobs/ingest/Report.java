package dev.jobcast.jobs.ingest;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One thing a worker tells about a job: progress (any of progress, message and stage; what
 * is not given stays as it was), its completion with a result, or its failure with an error.
 */
public record Report(long jobId, Kind kind, Integer progress, String message, String stage, JsonNode result,
                     String error) {

    /** The kinds of report, by the name an item's "type" gives them. */
    public enum Kind {
        PROGRESS("progress"),
        COMPLETE("complete"),
        FAIL("fail");

        private final String wire;

        Kind(String wire) {
            this.wire = wire;
        }

        public String wire() {
            return wire;
        }
    }

    public static Report progress(long jobId, Integer progress, String message, String stage) {
        return new Report(jobId, Kind.PROGRESS, progress, message, stage, null, null);
    }

    public static Report complete(long jobId, JsonNode result) {
        return new Report(jobId, Kind.COMPLETE, null, null, null, result, null);
    }

    public static Report fail(long jobId, String error) {
        return new Report(jobId, Kind.FAIL, null, null, null, null, error);
    }
}
