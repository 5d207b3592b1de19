package dev.jobcast.bench;

/** The server broke RFC 6455 (or a bound of this client): the connection is failed with {@link #closeCode()}. */
final class WsProtocolException extends Exception {
    /** Close code for a protocol error. */
    static final int PROTOCOL_ERROR = 1002;
    /** Close code for a message too big to process. */
    static final int TOO_BIG = 1009;
    /** Close code for text that is not UTF-8. */
    static final int NOT_UTF8 = 1007;

    private final int closeCode;

    WsProtocolException(int closeCode, String message) {
        super(message, null, false, false);
        this.closeCode = closeCode;
    }

    int closeCode() {
        return closeCode;
    }
}
