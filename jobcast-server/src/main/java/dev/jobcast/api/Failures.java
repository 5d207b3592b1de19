package dev.jobcast.api;

import dev.jobcast.jobs.JobRejection;
import dev.jobcast.store.Database;
import java.sql.SQLException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.apache.pekko.http.scaladsl.model.EntityStreamSizeException;
import org.apache.pekko.http.scaladsl.model.IllegalRequestException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Maps whatever a request ended with to the error the client sees. Expected outcomes
 * (rejections, timeouts) keep their message; anything else is logged here with its stack
 * trace and answered with a bare "internal error".
 */
public final class Failures {
    private static final Logger LOG = LoggerFactory.getLogger(Failures.class);

    private Failures() {
    }

    public static ApiError toApiError(Throwable failure) {
        Throwable t = unwrap(failure);
        if (t instanceof ApiException api) {
            return api.error();
        }
        if (t instanceof JobRejection rejection) {
            switch (rejection.kind()) {
                case NOT_FOUND: return ApiError.notFound(rejection.getMessage());
                case CONFLICT: return ApiError.conflict(rejection.getMessage());
                case INVALID: return ApiError.badRequest(rejection.getMessage());
                case UNAVAILABLE: return ApiError.unavailable(rejection.getMessage());
                default: break;
            }
        }
        // Pekko's AskTimeoutException is a TimeoutException: the job's entity did not answer.
        if (t instanceof TimeoutException) {
            LOG.warn("request timed out: {}", t.toString());
            return ApiError.unavailable("the job service did not answer in time; retry later");
        }
        if (t instanceof Database.DatabaseException || t instanceof SQLException) {
            LOG.warn("database failure: {}", t.toString());
            return ApiError.unavailable("the database is unavailable; retry later");
        }
        if (t instanceof EntityStreamSizeException size) {
            return ApiError.payloadTooLarge(size.limit());
        }
        if (t instanceof IllegalRequestException bad) {
            // Pekko's own refusal of a request (bad header, ...): its summary names no internals.
            return new ApiError(bad.status(), ApiError.codeFor(bad.status()), bad.info().summary());
        }
        LOG.error("unexpected failure while serving a request", t);
        return ApiError.internal();
    }

    /** The cause a CompletionStage or ask wrapped. */
    public static Throwable unwrap(Throwable t) {
        Throwable cur = t;
        while ((cur instanceof CompletionException || cur instanceof ExecutionException) && cur.getCause() != null) {
            cur = cur.getCause();
        }
        return cur;
    }

    /** True when a body read failed because the body was larger than allowed. */
    static boolean tooLarge(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof EntityStreamSizeException) {
                return true;
            }
        }
        return false;
    }
}
