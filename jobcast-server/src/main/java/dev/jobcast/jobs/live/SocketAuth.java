package dev.jobcast.jobs.live;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.jobcast.auth.AuthException;
import dev.jobcast.auth.Authenticator;
import dev.jobcast.auth.Principal;
import dev.jobcast.auth.Role;
import dev.jobcast.socketio.AttributeKey;
import dev.jobcast.socketio.ConnectDecision;
import dev.jobcast.socketio.ConnectMiddleware;
import dev.jobcast.socketio.ConnectRequest;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

/**
 * The CONNECT check of the contract: auth {token} must be a valid JWT of an existing,
 * enabled user (of the namespace's role, where it has one); a refusal says why
 * (CONNECT_ERROR message, and data.code for programs).
 */
public final class SocketAuth implements ConnectMiddleware {
    private final Authenticator authenticator;
    private final Role required;

    /** Any role may connect. */
    public SocketAuth(Authenticator authenticator) {
        this(authenticator, null);
    }

    /** Only tokens of role {@code required} may connect; others are refused with code forbidden. */
    /** Who the socket's token says it is: on every socket this middleware let in. */
    public static final AttributeKey<Principal> PRINCIPAL = AttributeKey.of("principal", Principal.class);

    public SocketAuth(Authenticator authenticator, Role required) {
        this.authenticator = authenticator;
        this.required = required;
    }

    @Override
    public CompletionStage<ConnectDecision> check(ConnectRequest request) {
        var token = request.auth().path("token");
        String value = token.isTextual() ? token.textValue() : null;
        return authenticator.authenticate(value)
                .<ConnectDecision>thenApply(principal -> required == null || principal.role() == required
                        ? ConnectDecision.accept(PRINCIPAL, principal)
                        : new ConnectDecision.Refuse("this namespace is for " + required.wire() + "s (role "
                                + required.wire() + "); the token's role is " + principal.role().wire(),
                                JsonNodeFactory.instance.objectNode().put("code", "forbidden")))
                .exceptionallyCompose(error -> {
                    Throwable cause = error instanceof CompletionException && error.getCause() != null
                            ? error.getCause() : error;
                    if (cause instanceof AuthException auth) {
                        return CompletableFuture.completedFuture(new ConnectDecision.Refuse(
                                "Authentication failed: " + auth.getMessage(),
                                JsonNodeFactory.instance.objectNode()
                                        .put("code", auth.reason().name().toLowerCase(Locale.ROOT))));
                    }
                    return CompletableFuture.failedFuture(cause);
                });
    }
}
