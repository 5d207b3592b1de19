// Socket.IO v5 packet types and their numeric wire codes
// (Socket.IO protocol v5, "Exchange protocol": packet type table).
package dev.jobcast.socketio.codec;

public enum SioType {
    CONNECT, DISCONNECT, EVENT, ACK, CONNECT_ERROR, BINARY_EVENT, BINARY_ACK;

    private static final SioType[] BY_CODE = values();

    /** The spec numbers the types in declaration order. */
    public int code() {
        return ordinal();
    }

    /** @return the type for a code, or null so callers decide how to report the error */
    public static SioType fromCode(int code) {
        return code >= 0 && code < BY_CODE.length ? BY_CODE[code] : null;
    }

    boolean isBinary() {
        return this == BINARY_EVENT || this == BINARY_ACK;
    }
}
