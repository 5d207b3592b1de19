package dev.jobcast.api;

import dev.jobcast.engineio.adapter.HttpErrorCodes;
import java.util.List;
import org.apache.pekko.http.javadsl.model.HttpHeader;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.StatusCode;
import org.apache.pekko.http.javadsl.model.StatusCodes;

/**
 * An error the API answers with: a status, a short machine-readable code and a message for
 * people. It becomes the JSON body {@code {"error": code, "message": message}}; nothing
 * else (no exception class, no stack trace) ever reaches the client.
 */
public record ApiError(StatusCode status, String code, String message, List<HttpHeader> headers) {

    /** The JSON body of every error response. */
    public record Body(String error, String message) {
    }

    public ApiError {
        headers = List.copyOf(headers);
    }

    public ApiError(StatusCode status, String code, String message) {
        this(status, code, message, List.of());
    }

    public static ApiError badRequest(String message) {
        return new ApiError(StatusCodes.BAD_REQUEST, "bad_request", message);
    }

    public static ApiError forbidden(String message) {
        return new ApiError(StatusCodes.FORBIDDEN, "forbidden", message);
    }

    public static ApiError notFound(String message) {
        return new ApiError(StatusCodes.NOT_FOUND, "not_found", message);
    }

    public static ApiError conflict(String message) {
        return new ApiError(StatusCodes.CONFLICT, "conflict", message);
    }

    public static ApiError payloadTooLarge(long maxBytes) {
        return new ApiError(StatusCodes.PAYLOAD_TOO_LARGE, "payload_too_large",
                "request body larger than " + maxBytes + " bytes");
    }

    public static ApiError unavailable(String message) {
        return new ApiError(StatusCodes.SERVICE_UNAVAILABLE, "unavailable", message);
    }

    public static ApiError internal() {
        return new ApiError(StatusCodes.INTERNAL_SERVER_ERROR, "internal", "internal error");
    }

    /** The code for a status that Pekko chose (its default rejection and parsing responses). */
    public static String codeFor(StatusCode status) {
        return HttpErrorCodes.errorCode(status.intValue());
    }

    public HttpResponse toResponse() {
        return ApiJson.response(status, new Body(code, message)).addHeaders(headers);
    }
}
