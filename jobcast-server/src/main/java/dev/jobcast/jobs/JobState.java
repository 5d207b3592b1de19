package dev.jobcast.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * A job as its events made it. Immutable: the event handler returns a new state. {@code seq}
 * is the sequence number of the last event applied, which travels with every update.
 */
public record JobState(long id, long ownerId, String type, String runner, JobStatus status, int progress,
                       String message, String stage, JsonNode input, JsonNode result, String error,
                       Instant createdAt, Instant updatedAt, long seq) implements JournalSerializable {

    public static final String DEMO = "demo";
    public static final String EXTERNAL = "external";

    public static final JobState EMPTY = new JobState(0, 0, null, null, null, 0, null, null, null, null, null,
            null, null, 0);

    public JobState {
        input = absentIfNull(input);
        result = absentIfNull(result);
    }

    /**
     * Jackson reads a JSON null into a JsonNode as NullNode, so a state or event back from the
     * journal would otherwise differ from the one persisted ("no result" must stay null).
     */
    static JsonNode absentIfNull(JsonNode node) {
        return node == null || node.isNull() ? null : node;
    }

    public boolean exists() {
        return status != null;
    }

    public JobState apply(JobEvent event) {
        long next = seq + 1;
        Instant at = event.at();
        if (event instanceof JobEvent.Created c) {
            return new JobState(c.jobId(), c.ownerId(), c.jobType(), c.runner(), JobStatus.QUEUED, 0, "Job queued",
                    null, c.input(), null, null, at, at, next);
        }
        if (event instanceof JobEvent.Started) {
            return with(JobStatus.RUNNING, progress, "Job started", stage, result, error, at, next);
        }
        if (event instanceof JobEvent.ProgressReported p) {
            return with(JobStatus.RUNNING, p.progress(), p.message() != null ? p.message() : message,
                    p.stage() != null ? p.stage() : stage, result, error, at, next);
        }
        if (event instanceof JobEvent.Completed c) {
            return with(JobStatus.COMPLETED, 100, "Job completed successfully", stage, c.result(), error, at, next);
        }
        if (event instanceof JobEvent.Failed f) {
            // The error alone may use all MAX_MESSAGE characters; the message must still fit its column.
            String failed = "Job failed: " + f.error();
            if (failed.length() > JobEntity.MAX_MESSAGE) {
                failed = failed.substring(0, JobEntity.MAX_MESSAGE);
            }
            return with(JobStatus.FAILED, progress, failed, stage, result, f.error(), at, next);
        }
        if (event instanceof JobEvent.Cancelled) {
            return with(JobStatus.CANCELLED, progress, "Job was cancelled", stage, result, error, at, next);
        }
        throw new IllegalArgumentException("unknown event " + event);
    }

    private JobState with(JobStatus newStatus, int newProgress, String newMessage, String newStage, JsonNode newResult,
                          String newError, Instant at, long newSeq) {
        return new JobState(id, ownerId, type, runner, newStatus, newProgress, newMessage, newStage, input, newResult,
                newError, createdAt, at, newSeq);
    }
}
