package dev.jobcast.api;

import dev.jobcast.auth.AuthException;
import dev.jobcast.auth.Authenticator;
import dev.jobcast.auth.Principal;
import dev.jobcast.auth.Role;
import dev.jobcast.auth.TokenParsing;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import org.apache.pekko.http.javadsl.model.HttpHeader;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.model.headers.HttpChallenge;
import org.apache.pekko.http.javadsl.model.headers.WWWAuthenticate;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * The bearer-token check in front of every non-public endpoint: 401 with the reason when
 * the token is missing or refused (RFC 6750 challenge included), 403 when the token is
 * good but its role may not call the endpoint. The user lookup runs on the database's
 * blocking executor, never on this thread.
 */
final class AuthDirective extends AllDirectives {
    private static final String REALM = "jobcast";

    private final Authenticator authenticator;

    AuthDirective(Authenticator authenticator) {
        this.authenticator = authenticator;
    }

    /** Runs {@code inner} with the caller when {@code access} lets them in. */
    Route require(Access access, Function<Principal, Route> inner) {
        return extractRequest(req -> {
            String header = req.getHeader("Authorization").map(HttpHeader::value).orElse(null);
            return onComplete(authenticate(header), result -> {
                if (result.isFailure()) {
                    return refuse(result.failed().get(), header != null);
                }
                Principal caller = result.get();
                if (access == Access.WORKER && caller.role() != Role.WORKER) {
                    return complete(ApiError.forbidden("this endpoint is for workers (role worker); the token's role is "
                            + caller.role().wire()).toResponse());
                }
                if (access == Access.ADMIN && caller.role() != Role.ADMIN) {
                    return complete(ApiError.forbidden("this endpoint is for administrators (role admin); the token's role is "
                            + caller.role().wire()).toResponse());
                }
                return inner.apply(caller);
            });
        });
    }

    private CompletionStage<Principal> authenticate(String header) {
        if (header == null) {
            return authenticator.authenticate(null);
        }
        return TokenParsing.bearer(header).map(authenticator::authenticate).orElseGet(() ->
                CompletableFuture.failedFuture(new AuthException(AuthException.Reason.MALFORMED,
                        "the Authorization header is not \"Bearer <token>\"")));
    }

    private Route refuse(Throwable failure, boolean tokenSent) {
        Throwable t = Failures.unwrap(failure);
        if (!(t instanceof AuthException refused)) {
            // The token may be fine and the user table unreachable: not the client's fault.
            return complete(Failures.toApiError(t).toResponse());
        }
        String reason = refused.reason().name().toLowerCase(Locale.ROOT);
        // RFC 6750 3.1: a request without credentials gets the bare challenge, a bad token "invalid_token".
        HttpChallenge challenge = tokenSent
                ? HttpChallenge.create("Bearer", REALM, Map.of("error", "invalid_token"))
                : HttpChallenge.create("Bearer", REALM);
        return complete(new ApiError(StatusCodes.UNAUTHORIZED, "unauthorized", reason + ": " + refused.getMessage(),
                List.of(WWWAuthenticate.create(challenge))).toResponse());
    }
}
