package dev.jobcast.bench;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;

/**
 * The `update` event of the fan-out contract: {job_id, seq, status, progress, message, ts},
 * about the size of a real job_update (~150 bytes on the wire).
 */
public final class UpdatePayload {
    public static final String EVENT = "update";

    private UpdatePayload() {
    }

    /**
     * @param jobId    the room's index (a job id in jobcast proper)
     * @param tsMicros wall-clock send time; written in milliseconds with three decimals, as a
     *                 plain JSON number (a BigDecimal, so never in exponent notation)
     */
    public static ObjectNode of(long jobId, long seq, long tsMicros) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("job_id", jobId);
        o.put("seq", seq);
        o.put("status", "running");
        o.put("progress", (int) (seq % 100));
        o.put("message", "Processing batch " + seq + " of the nightly import");
        o.put("ts", BigDecimal.valueOf(tsMicros, 3));
        return o;
    }
}
