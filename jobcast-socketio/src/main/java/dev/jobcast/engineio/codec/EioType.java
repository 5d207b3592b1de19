// Engine.IO v4 packet types and their one-character wire codes
// (Engine.IO protocol v4, "Protocol": packet type table).
package dev.jobcast.engineio.codec;

public enum EioType {
    OPEN, CLOSE, PING, PONG, MESSAGE, UPGRADE, NOOP;

    private static final EioType[] BY_CODE = values();

    /** The digit that starts the packet on the wire: the ordinal, by the spec's numbering. */
    public char code() {
        return (char) ('0' + ordinal());
    }

    /** @return the type for a wire code, or null so callers decide how to report the error */
    public static EioType fromCode(char c) {
        int i = c - '0';
        return i >= 0 && i < BY_CODE.length ? BY_CODE[i] : null;
    }
}
