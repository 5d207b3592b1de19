package dev.jobcast.engineio.adapter.lean.ws;

/**
 * The status codes of a close frame (RFC 6455 section 7.4): the ones this code names, and
 * which codes may appear in a frame at all.
 */
public final class WsCloseCodes {
    public static final int NORMAL = 1000;
    public static final int GOING_AWAY = 1001;
    public static final int PROTOCOL_ERROR = 1002;
    public static final int UNSUPPORTED_DATA = 1003;
    /** Reported for a close frame without a code; never sent in one (7.4.1). */
    public static final int NO_STATUS = 1005;
    /** The connection ended without a close frame; never sent in one (7.4.1). */
    public static final int ABNORMAL = 1006;
    /** Data not of the message's type, such as text that is not UTF-8. */
    public static final int INVALID_DATA = 1007;
    public static final int POLICY_VIOLATION = 1008;
    public static final int TOO_BIG = 1009;
    public static final int INTERNAL_ERROR = 1011;

    private WsCloseCodes() {
    }

    /**
     * Whether {@code code} may be carried by a close frame: the codes section 7.4.1 defines
     * for the wire, and those of 7.4.2 left to libraries (3000-3999) and applications
     * (4000-4999). Every other code is refused, as the peer cannot know what it means.
     */
    public static boolean isValid(int code) {
        return (code >= 1000 && code <= 1003)
                || (code >= 1007 && code <= 1011)
                || (code >= 3000 && code <= 4999);
    }
}
