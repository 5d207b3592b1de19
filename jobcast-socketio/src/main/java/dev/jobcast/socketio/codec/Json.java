// The single Jackson configuration for Socket.IO payloads (Socket.IO protocol v5, "Format":
// JSON-stringified payload), shared so every packet is parsed and written the same way.
package dev.jobcast.socketio.codec;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

public final class Json {

    /**
     * Compact output; ObjectNode keeps insertion order. Trailing tokens are rejected so that
     * "2[1] junk" is not silently truncated to a valid packet. Floats in trees are read as
     * BigDecimal with trailing zeros kept: relayed numbers come out with the digits they came
     * in with ("1.10" stays "1.10"), for about the cost of a double parse. Consequence: decoded
     * decimals are DecimalNode, not DoubleNode (asDouble() still works). Jackson's default
     * stream limits (nesting depth 1000, number length 1000) stay in force against hostile input.
     */
    public static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(JsonNodeFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .build();

    private Json() {
    }

    /** @throws IllegalArgumentException if the tree cannot be written (e.g. a failing POJONode) */
    public static String write(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot serialize JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** @throws JsonProcessingException also for blank input, which Jackson maps to a MissingNode */
    public static JsonNode read(String text) throws JsonProcessingException {
        JsonNode node = MAPPER.readTree(text);
        if (node == null || node.isMissingNode()) {
            throw JsonMappingException.from((JsonParser) null, "no JSON value");
        }
        return node;
    }
}
