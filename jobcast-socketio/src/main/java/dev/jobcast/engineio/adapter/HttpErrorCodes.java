package dev.jobcast.engineio.adapter;

/**
 * The error codes of an HTTP port that serves Socket.IO: the JSON bodies {@code {"error": code,
 * "message": ...}} that both adapters answer with, and that an application sharing the port
 * (jobcast's API) uses too, so that one port speaks one error vocabulary.
 */
public final class HttpErrorCodes {
    private HttpErrorCodes() {
    }

    /** The short machine-readable code of an error status. */
    public static String errorCode(int status) {
        return switch (status) {
            case 400 -> "bad_request";
            case 401 -> "unauthorized";
            case 403 -> "forbidden";
            case 404 -> "not_found";
            case 405 -> "method_not_allowed";
            case 406 -> "not_acceptable";
            case 408 -> "request_timeout";
            case 409 -> "conflict";
            case 413 -> "payload_too_large";
            case 414 -> "uri_too_long";
            case 415 -> "unsupported_media_type";
            case 431 -> "headers_too_large";
            case 501 -> "not_implemented";
            case 503 -> "unavailable";
            case 505 -> "http_version_not_supported";
            default -> status >= 500 ? "internal" : "bad_request";
        };
    }
}
