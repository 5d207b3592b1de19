package dev.jobcast.jobs.runners;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jobcast.jobs.JobRejection;
import dev.jobcast.jobs.JobService;
import dev.jobcast.jobs.JobState;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

/**
 * The part of {@link JobService} that runners drive. An interface of its own so that tests
 * can put faults (a lost reply, a timeout) between a runner and the real service.
 */
public interface JobControl {

    CompletionStage<JobState> get(long jobId);

    CompletionStage<JobState> start(long jobId);

    CompletionStage<JobState> progress(long jobId, int progress, String message, String stage);

    CompletionStage<JobState> complete(long jobId, JsonNode result);

    CompletionStage<JobState> fail(long jobId, String error);

    static JobControl of(JobService service) {
        return new JobControl() {
            @Override
            public CompletionStage<JobState> get(long jobId) {
                return service.get(jobId);
            }

            @Override
            public CompletionStage<JobState> start(long jobId) {
                return service.start(jobId);
            }

            @Override
            public CompletionStage<JobState> progress(long jobId, int progress, String message, String stage) {
                return service.progress(jobId, progress, message, stage);
            }

            @Override
            public CompletionStage<JobState> complete(long jobId, JsonNode result) {
                return service.complete(jobId, result);
            }

            @Override
            public CompletionStage<JobState> fail(long jobId, String error) {
                return service.fail(jobId, error);
            }
        };
    }

    /** The cause a dependent CompletionStage wrapped, for telling rejections from faults. */
    static Throwable unwrap(Throwable t) {
        Throwable c = t;
        while (c instanceof CompletionException && c.getCause() != null) {
            c = c.getCause();
        }
        return c;
    }

    /** True when the job refused the command because of its state (or is gone): not worth retrying. */
    static boolean refusedByJob(Throwable t) {
        return unwrap(t) instanceof JobRejection r
                && (r.kind() == JobRejection.Kind.CONFLICT || r.kind() == JobRejection.Kind.NOT_FOUND);
    }
}
