package dev.jobcast.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.nio.charset.StandardCharsets;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.StatusCode;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The API's one Jackson configuration. Views are records whose camelCase components are
 * written snake_case (the seed's field names); JSON relayed from clients (input, result)
 * is a tree and keeps its keys as sent. Null fields are written as null, never omitted,
 * so every job has the same keys.
 */
public final class ApiJson {
    private static final Logger LOG = LoggerFactory.getLogger(ApiJson.class);

    /**
     * Reading: trailing content and duplicate keys are errors (two "progress" keys have no
     * right answer); decimals stay BigDecimal so relayed numbers keep their digits.
     */
    public static final ObjectMapper MAPPER = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(JsonNodeFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .build();

    // Written by hand so an error response can never fail to serialize.
    private static final byte[] INTERNAL = "{\"error\":\"internal\",\"message\":\"internal error\"}"
            .getBytes(StandardCharsets.UTF_8);

    private ApiJson() {
    }

    public static HttpResponse response(StatusCode status, Object body) {
        byte[] bytes;
        try {
            bytes = MAPPER.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            LOG.error("cannot serialize a {} response", body.getClass().getSimpleName(), e);
            return HttpResponse.create().withStatus(StatusCodes.INTERNAL_SERVER_ERROR)
                    .withEntity(HttpEntities.create(ContentTypes.APPLICATION_JSON, INTERNAL));
        }
        return HttpResponse.create().withStatus(status).withEntity(HttpEntities.create(ContentTypes.APPLICATION_JSON, bytes));
    }

    public static HttpResponse ok(Object body) {
        return response(StatusCodes.OK, body);
    }
}
