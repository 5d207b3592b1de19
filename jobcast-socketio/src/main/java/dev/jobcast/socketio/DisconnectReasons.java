package dev.jobcast.socketio;

import dev.jobcast.engineio.CloseReasons;
import java.util.Set;

/** Why a socket left its namespace, with the names the reference server uses. */
public final class DisconnectReasons {
    public static final String CLIENT_NAMESPACE_DISCONNECT = "client namespace disconnect";
    public static final String SERVER_NAMESPACE_DISCONNECT = "server namespace disconnect";
    /** Ours: the client sent events faster than its allowance. */
    public static final String RATE_LIMITED = "rate limited";
    /** Ours: the client did not read fast enough, and its outbound queue hit its bound. */
    public static final String SLOW_CLIENT = CloseReasons.SLOW_CLIENT;

    /** Reasons after which the client may come back and recover its state. */
    private static final Set<String> RECOVERABLE = Set.of(CloseReasons.TRANSPORT_CLOSE, CloseReasons.TRANSPORT_ERROR,
            CloseReasons.PING_TIMEOUT, CloseReasons.SLOW_CLIENT);

    private DisconnectReasons() {
    }

    public static boolean recoverable(String reason) {
        return RECOVERABLE.contains(reason);
    }
}
