package dev.jobcast.api;

import org.apache.pekko.event.LoggingAdapter;
import org.apache.pekko.http.ParsingErrorHandler;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.scaladsl.model.ErrorInfo;
import org.apache.pekko.http.scaladsl.model.StatusCode;
import org.apache.pekko.http.scaladsl.settings.ServerSettings;

/**
 * The answer to a request too broken to reach any route (an unparsable request target such
 * as {@code /api/jobs?limit=%zz}, an oversized header, ...): the same JSON {error, message}
 * as every other error, instead of Pekko's plain text. Pekko instantiates it by name from
 * {@code pekko.http.server.parsing.error-handler = "dev.jobcast.api.JsonParsingErrorHandler"}.
 */
public final class JsonParsingErrorHandler extends ParsingErrorHandler {

    @Override
    public HttpResponse handle(StatusCode status, ErrorInfo info, LoggingAdapter log, ServerSettings settings) {
        // summary and detail describe the request's syntax (what the parser expected where), never the server.
        return new ApiError(status, ApiError.codeFor(status), info.formatPretty()).toResponse();
    }
}
