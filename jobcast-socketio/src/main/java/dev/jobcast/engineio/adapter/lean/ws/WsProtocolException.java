package dev.jobcast.engineio.adapter.lean.ws;

/**
 * The peer broke RFC 6455 (or a bound of this endpoint); the connection is to be failed
 * (section 7.1.7) with {@link #closeCode()}, one of {@link WsCloseCodes}.
 */
public final class WsProtocolException extends Exception {
    private final int closeCode;

    public WsProtocolException(int closeCode, String message) {
        // No stack trace: a peer can make these at will, and where they come from is the message.
        super(message, null, false, false);
        this.closeCode = closeCode;
    }

    /** The status code to close with: 1002, 1007 or 1009 from the codec. */
    public int closeCode() {
        return closeCode;
    }
}
