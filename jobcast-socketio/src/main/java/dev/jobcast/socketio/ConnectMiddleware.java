package dev.jobcast.socketio;

import java.util.concurrent.CompletionStage;

/**
 * Checks a CONNECT before the socket exists (authentication, say). It may complete on any
 * thread; the decision is applied on the connection's actor.
 */
@FunctionalInterface
public interface ConnectMiddleware {
    CompletionStage<ConnectDecision> check(ConnectRequest request);
}
