package dev.jobcast.jobs;

/** Why a job command was refused; nothing was persisted. */
public final class JobRejection extends RuntimeException {

    public enum Kind {
        /** No such job, or not the caller's: the same answer for both, so ids cannot be probed. */
        NOT_FOUND("not_found"),
        /** The job's state forbids it (a terminal job, completing a job never started, ...). */
        CONFLICT("conflict"),
        /** The request itself is wrong (progress outside 0..100, ...). */
        INVALID("bad_request"),
        /** The service cannot take more right now. */
        UNAVAILABLE("unavailable");

        private final String code;

        Kind(String code) {
            this.code = code;
        }

        /** The error code clients see (REST bodies, Socket.IO error events, per-item results). */
        public String code() {
            return code;
        }
    }

    private final Kind kind;

    public JobRejection(Kind kind, String message) {
        super(message, null, false, false);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }

    public static JobRejection notFound(long jobId) {
        return new JobRejection(Kind.NOT_FOUND, "Job " + jobId + " not found or access denied");
    }
}
