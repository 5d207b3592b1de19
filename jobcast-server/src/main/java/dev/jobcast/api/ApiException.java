package dev.jobcast.api;

/**
 * Thrown by request validation; the exception handler answers with its {@link ApiError}.
 * No stack trace is filled in: a bad request is an ordinary outcome, not a bug to debug.
 */
public final class ApiException extends RuntimeException {
    private final ApiError error;

    public ApiException(ApiError error) {
        super(error.message(), null, false, false);
        this.error = error;
    }

    public static ApiException badRequest(String message) {
        return new ApiException(ApiError.badRequest(message));
    }

    public ApiError error() {
        return error;
    }
}
