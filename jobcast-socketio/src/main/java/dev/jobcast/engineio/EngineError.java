package dev.jobcast.engineio;

/**
 * The HTTP errors of the Engine.IO protocol: a status and a JSON body
 * {@code {"code":N,"message":"..."}}, with the codes the reference server uses.
 */
public enum EngineError {
    UNKNOWN_TRANSPORT(0, "Transport unknown", 400),
    UNKNOWN_SID(1, "Session ID unknown", 400),
    BAD_HANDSHAKE_METHOD(2, "Bad handshake method", 400),
    BAD_REQUEST(3, "Bad request", 400),
    FORBIDDEN(4, "Forbidden", 403),
    UNSUPPORTED_PROTOCOL_VERSION(5, "Unsupported protocol version", 400),
    PAYLOAD_TOO_LARGE(3, "Payload too large", 413);

    private final int code;
    private final String message;
    private final int status;

    EngineError(int code, String message, int status) {
        this.code = code;
        this.message = message;
        this.status = status;
    }

    public int code() {
        return code;
    }

    public String message() {
        return message;
    }

    public int status() {
        return status;
    }

    public String json() {
        return "{\"code\":" + code + ",\"message\":\"" + message + "\"}";
    }
}
