package dev.jobcast.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jobcast.jobs.JobRejection;
import dev.jobcast.store.Database;
import java.sql.SQLException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.apache.pekko.pattern.AskTimeoutException;
import org.junit.jupiter.api.Test;

/** How request failures become answers; the cases integration tests cannot provoke on demand. */
class FailuresTest {

    @Test
    void jobRejectionsMapToTheirStatus() {
        assertMapped(new JobRejection(JobRejection.Kind.NOT_FOUND, "Job 7 not found or access denied"), 404,
                "not_found", "Job 7 not found or access denied");
        assertMapped(new JobRejection(JobRejection.Kind.CONFLICT, "Job 7 is already failed"), 409, "conflict",
                "Job 7 is already failed");
        assertMapped(new JobRejection(JobRejection.Kind.INVALID, "progress must be between 0 and 100, got 101"), 400,
                "bad_request", "progress must be between 0 and 100, got 101");
        assertMapped(new JobRejection(JobRejection.Kind.UNAVAILABLE, "too many demo jobs queued"), 503, "unavailable",
                "too many demo jobs queued");
    }

    @Test
    void anEntityThatDoesNotAnswerIsUnavailable() {
        assertMapped(new AskTimeoutException("Ask timed out on [Actor[pekko://jobcast/system/jobs#1]] after [5000 ms]"),
                503, "unavailable", "the job service did not answer in time; retry later");
        assertMapped(new CompletionException(new TimeoutException("x")), 503, "unavailable",
                "the job service did not answer in time; retry later");
    }

    @Test
    void aDatabaseFailureIsUnavailableAndKeepsItsDetailInside() {
        assertMapped(new CompletionException(new Database.DatabaseException(
                        new SQLException("Connection to 10.0.0.5:5432 refused"))), 503, "unavailable",
                "the database is unavailable; retry later");
    }

    @Test
    void anythingElseIsAnInternalErrorWithoutDetail() {
        assertMapped(new ExecutionException(new IllegalStateException("secret detail at dev.jobcast.X")), 500,
                "internal", "internal error");
        assertMapped(new NullPointerException(), 500, "internal", "internal error");
    }

    @Test
    void wrappedApiExceptionsKeepTheirError() {
        assertMapped(new CompletionException(ApiException.badRequest("limit must be an integer between 1 and 100")),
                400, "bad_request", "limit must be an integer between 1 and 100");
    }

    private static void assertMapped(Throwable t, int status, String code, String message) {
        ApiError e = Failures.toApiError(t);
        assertEquals(status, e.status().intValue(), t::toString);
        assertEquals(code, e.code(), t::toString);
        assertEquals(message, e.message(), t::toString);
    }
}
