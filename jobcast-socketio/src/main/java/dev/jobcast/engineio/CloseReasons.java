package dev.jobcast.engineio;

/** The reasons a session ends, as the Engine.IO reference server names them (plus ours). */
public final class CloseReasons {
    public static final String TRANSPORT_CLOSE = "transport close";
    public static final String TRANSPORT_ERROR = "transport error";
    public static final String PING_TIMEOUT = "ping timeout";
    public static final String PARSE_ERROR = "parse error";
    public static final String FORCED_CLOSE = "forced close";
    /** Ours: the layer above failed on this session (a bug, logged). */
    public static final String SERVER_ERROR = "server error";
    public static final String SERVER_SHUTDOWN = "server shutting down";
    /** Ours: the client did not read fast enough and its outbound queue hit its bound. */
    public static final String SLOW_CLIENT = "slow client";

    private CloseReasons() {
    }
}
