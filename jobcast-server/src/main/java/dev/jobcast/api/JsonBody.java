package dev.jobcast.api;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jobcast.jobs.ingest.NulText;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.apache.pekko.http.javadsl.model.HttpEntity;
import org.apache.pekko.http.javadsl.model.RequestEntity;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.util.ByteString;

/**
 * Reads a request body as one JSON object (or array), refusing more than the configured
 * number of bytes (413) before buffering it, and anything else (400).
 */
final class JsonBody extends AllDirectives {
    // A client that has not sent its (at most maxBytes) body by then is stalling.
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(20);

    private final long maxBytes;

    JsonBody(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    Route object(Function<ObjectNode, Route> inner) {
        return body(JsonBody::parse, inner);
    }

    Route array(Function<ArrayNode, Route> inner) {
        return body(JsonBody::parseArray, inner);
    }

    private <T> Route body(Function<ByteString, T> parser, Function<T, Route> inner) {
        return extractRequestEntity(entity -> {
            if (entity instanceof HttpEntity.Strict strict) {
                // The usual case (a body that came whole, with its Content-Length): no stream to run.
                if (strict.getData().size() > maxBytes) {
                    throw new ApiException(ApiError.payloadTooLarge(maxBytes));
                }
                return inner.apply(parser.apply(strict.getData()));
            }
            return streamed(entity, parser, inner);
        });
    }

    private <T> Route streamed(RequestEntity entity, Function<ByteString, T> parser, Function<T, Route> inner) {
        return extractMaterializer(mat -> {
            // The limit goes on the entity, not into toStrict: only then is crossing it an
            // EntityStreamSizeException, whether the body came with a Content-Length or chunked.
            // handleAsync with a same-thread executor, not handle: toStrict's stage comes from a
            // Scala Future, whose handle() is handleAsync() on the common pool, and on a machine
            // of two cores that "pool" is a new thread per call (one thread per request).
            CompletionStage<T> parsed = entity.withSizeLimit(maxBytes)
                    .toStrict(READ_TIMEOUT.toMillis(), Long.MAX_VALUE, mat)
                    .handleAsync((strict, failure) -> {
                        if (failure != null) {
                            throw new ApiException(readFailure(failure));
                        }
                        return parser.apply(strict.getData());
                    }, Runnable::run);
            return onSuccess(parsed, inner);
        });
    }

    private ApiError readFailure(Throwable failure) {
        if (Failures.tooLarge(failure)) {
            return ApiError.payloadTooLarge(maxBytes);
        }
        if (Failures.unwrap(failure) instanceof TimeoutException) {
            return new ApiError(StatusCodes.REQUEST_TIMEOUT, "request_timeout", "the request body did not arrive in time");
        }
        return ApiError.badRequest("the request body could not be read");
    }

    static ObjectNode parse(ByteString data) {
        JsonNode node = tree(data, "a JSON object");
        if (!node.isObject()) {
            throw ApiException.badRequest("the request body must be a JSON object, got " + kind(node));
        }
        // An array (a batch) is checked item by item instead, so that one item cannot sink the others.
        String nul = NulText.mayHold(data.toArrayUnsafe()) ? NulText.find(node) : null;
        if (nul != null) {
            throw ApiException.badRequest(NulText.problem(nul));
        }
        return (ObjectNode) node;
    }

    static ArrayNode parseArray(ByteString data) {
        JsonNode node = tree(data, "a JSON array");
        if (!node.isArray()) {
            throw ApiException.badRequest("the request body must be a JSON array, got " + kind(node));
        }
        return (ArrayNode) node;
    }

    private static String kind(JsonNode node) {
        return node.isMissingNode() ? "nothing" : node.getNodeType().name().toLowerCase();
    }

    private static JsonNode tree(ByteString data, String expected) {
        if (data.isEmpty()) {
            throw ApiException.badRequest("the request body must be " + expected + "; it is empty");
        }
        JsonNode node;
        try {
            node = ApiJson.MAPPER.readTree(data.toArrayUnsafe());
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            throw ApiException.badRequest("malformed JSON" + where + ": " + e.getOriginalMessage());
        } catch (IOException e) {
            throw ApiException.badRequest("malformed JSON");
        }
        if (node == null) {
            throw ApiException.badRequest("the request body must be " + expected + ", got nothing");
        }
        return node;
    }
}
