package dev.jobcast.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jobcast.socketio.codec.Json;
import org.junit.jupiter.api.Test;

class UpdatePayloadTest {

    @Test
    void tsIsAPlainNumberOfMillisecondsWithMicrosecondDigits() {
        assertEquals("{\"job_id\":3,\"seq\":7,\"status\":\"running\",\"progress\":7,"
                        + "\"message\":\"Processing batch 7 of the nightly import\",\"ts\":1712345678901.234}",
                Json.write(UpdatePayload.of(3, 7, 1_712_345_678_901_234L)));
    }

    @Test
    void wholeMillisecondsKeepTheirDecimals() {
        assertEquals("1712345678901.000", Json.write(UpdatePayload.of(0, 1, 1_712_345_678_901_000L).get("ts")));
    }
}
