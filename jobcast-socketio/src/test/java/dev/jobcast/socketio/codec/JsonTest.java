// The shared Jackson configuration for Socket.IO payloads ("Format": JSON-stringified payload):
// strict parsing, insertion order, digits of decimals kept.
package dev.jobcast.socketio.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonTest {

    @ParameterizedTest
    @ValueSource(strings = {"[1.10,100.0,1E+2,-2.50,1.5E-7]", "12345678901234567890123",
            "{\"b\":1,\"a\":2,\"c\":[true,false,null]}", "\"\\u001E\\u0000\""})
    void writesBackWhatItRead(String json) throws Exception {
        assertEquals(json, Json.write(Json.read(json)));
    }

    @Test
    void decimalsKeepAllDigits() throws Exception {
        JsonNode n = Json.read("0.10000000000000000000000001");
        assertTrue(n.isBigDecimal());
        assertEquals("0.10000000000000000000000001", n.decimalValue().toPlainString());
        assertEquals(0.1, n.asDouble());
    }

    @Test
    void negativeZeroBecomesZeroAsInJavaScript() throws Exception {
        // BigDecimal has no -0; JSON.stringify(-0) gives "0" too, so no peer can tell.
        assertEquals("0.0", Json.write(Json.read("-0.0")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "[1] 2", "[1]x", "{}{}", "[1,]", "{'a':1}", "NaN", "[1"})
    void rejectsAnythingButOneJsonValue(String text) {
        assertThrows(JsonProcessingException.class, () -> Json.read(text));
    }

    @Test
    void rejectsHostileNesting() {
        assertThrows(JsonProcessingException.class, () -> Json.read("[".repeat(100_000)));
    }
}
