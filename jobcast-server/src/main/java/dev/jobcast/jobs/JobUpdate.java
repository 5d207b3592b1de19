package dev.jobcast.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * One persisted job event as subscribers see it (the seed's job_update, plus seq and the
 * event type). Published only after the event is in the journal.
 */
public record JobUpdate(long jobId, long ownerId, long seq, String event, JobStatus status, int progress,
                        String message, String stage, JsonNode result, String error, Instant timestamp) {

    public static JobUpdate of(JobState state, JobEvent event) {
        return new JobUpdate(state.id(), state.ownerId(), state.seq(), event.type(), state.status(), state.progress(),
                state.message(), state.stage(), state.result(), state.error(), event.at());
    }
}
