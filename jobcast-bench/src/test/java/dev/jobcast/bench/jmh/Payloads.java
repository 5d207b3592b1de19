package dev.jobcast.bench.jmh;

import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.jobcast.bench.UpdatePayload;
import dev.jobcast.socketio.codec.Json;
import dev.jobcast.socketio.codec.SioEncoder;
import dev.jobcast.socketio.codec.SioPacket;

/** The job_update-sized event every benchmark here works on (~150 bytes on the wire). */
final class Payloads {
    private Payloads() {
    }

    /** ["update", {job_id, seq, status, progress, message, ts}] */
    static ArrayNode updateArgs() {
        return Json.MAPPER.createArrayNode().add(UpdatePayload.EVENT)
                .add(UpdatePayload.of(42, 1234, 1_712_345_678_901_234L));
    }

    /** The Socket.IO text of that event: 2["update",{...}] */
    static String updateEvent() {
        return SioEncoder.encode(SioPacket.event("/", updateArgs(), null)).text();
    }
}
