package dev.jobcast.api;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.apache.pekko.http.javadsl.model.HttpEntity;
import org.apache.pekko.http.javadsl.model.HttpHeader;
import org.apache.pekko.http.javadsl.model.HttpMethod;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.model.headers.Allow;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.ExceptionHandler;
import org.apache.pekko.http.javadsl.server.MalformedQueryParamRejection;
import org.apache.pekko.http.javadsl.server.MethodRejection;
import org.apache.pekko.http.javadsl.server.RejectionHandler;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * Seals the API's routes: every rejection and every exception becomes a JSON
 * {@code {error, message}} response, so nothing falls through to Pekko's plain-text
 * defaults and no stack trace leaves the server.
 */
final class ErrorHandling extends AllDirectives {
    private static final int MAX_ECHOED_PATH = 200;

    private final RejectionHandler rejections;
    private final ExceptionHandler exceptions;

    ErrorHandling() {
        this.exceptions = ExceptionHandler.newBuilder()
                .matchAny(t -> complete(Failures.toApiError(t).toResponse()))
                .build();
        this.rejections = RejectionHandler.newBuilder()
                .handleAll(MethodRejection.class, this::methodNotAllowed)
                .handle(MalformedQueryParamRejection.class, r -> complete(ApiError.badRequest(
                        "query parameter " + r.parameterName() + ": " + r.errorMsg()).toResponse()))
                .handleNotFound(extractRequest(req -> complete(ApiError.notFound(
                        "no such endpoint: " + req.method().name() + " " + echo(req)).toResponse())))
                .build()
                // Whatever else Pekko rejects with keeps its status and text, as JSON.
                .withFallback(RejectionHandler.defaultHandler().mapRejectionResponse(ErrorHandling::asJson))
                .seal();
    }

    /** {@code inner} with every outcome turned into a complete JSON response. */
    Route seal(Supplier<Route> inner) {
        return withRequestTimeoutResponse(ErrorHandling::timedOut,
                () -> handleExceptions(exceptions, () -> handleRejections(rejections, inner)));
    }

    private Route methodNotAllowed(List<MethodRejection> rejected) {
        List<HttpMethod> allowed = rejected.stream().map(MethodRejection::supported).distinct().toList();
        String names = allowed.stream().map(HttpMethod::name).collect(Collectors.joining(", "));
        return extractRequest(req -> complete(new ApiError(StatusCodes.METHOD_NOT_ALLOWED, "method_not_allowed",
                "method " + req.method().name() + " is not allowed on " + echo(req) + "; allowed: " + names,
                List.of(Allow.create(allowed.toArray(HttpMethod[]::new)))).toResponse()));
    }

    // The request's own path, cut short: an error message should not become an echo service.
    private static String echo(HttpRequest req) {
        String path = req.getUri().path();
        return path.length() <= MAX_ECHOED_PATH ? path : path.substring(0, MAX_ECHOED_PATH) + "...";
    }

    private static HttpResponse timedOut(HttpRequest req) {
        return ApiError.unavailable("the server could not answer in time; retry later").toResponse();
    }

    // Pekko's default rejection responses are short strict texts; keep the words, the status
    // and the headers (WWW-Authenticate, Allow, ...), change the shape.
    static HttpResponse asJson(HttpResponse response) {
        String text = response.status().reason();
        if (response.entity() instanceof HttpEntity.Strict strict && !strict.getData().isEmpty()) {
            text = strict.getData().decodeString(StandardCharsets.UTF_8);
        }
        List<HttpHeader> headers = new ArrayList<>();
        response.getHeaders().forEach(headers::add);
        return new ApiError(response.status(), ApiError.codeFor(response.status()), text, headers).toResponse();
    }
}
