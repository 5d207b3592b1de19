package dev.jobcast.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jobcast.engineio.codec.EioCodec;
import dev.jobcast.engineio.codec.EioPacket;
import dev.jobcast.socketio.codec.Json;
import dev.jobcast.socketio.codec.SioEncoder;
import dev.jobcast.socketio.codec.SioPacket;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;

/**
 * What the generator's clients say and hear. The fan-out contract: CONNECT without auth,
 * `join` {room}, `update` events timed by their `ts` (ms, a number). jobcast's own: CONNECT
 * with auth {token}, `join_job` {job_id} (the job of the room), `job_update` events timed by
 * their `timestamp` (ISO-8601: when the report was accepted), the join's acknowledgement
 * (job_status) saying where the job's seq stands. One instance serves every client.
 */
record Contract(String name, String connectFrame, String joinEvent, String updateEvent, Map<String, Long> jobIds) {

    static final Contract PLAIN = new Contract("plain", frame(SioPacket.connect("/", null)), "join", "update", null);

    /** jobcast's contract, with a user's token and the job of each room. */
    static Contract jobcast(String token, Map<String, Long> jobIds) {
        ObjectNode auth = Json.MAPPER.createObjectNode().put("token", token);
        return new Contract("jobcast", frame(SioPacket.connect("/", auth)), "join_job", "job_update", Map.copyOf(jobIds));
    }

    Contract {
        jobIds = jobIds == null ? null : Map.copyOf(jobIds);
    }

    /** The join event's payload for {@code room}. */
    JsonNode joinPayload(String room) {
        if (jobIds == null) {
            return Json.MAPPER.createObjectNode().put("room", room);
        }
        Long id = jobIds.get(room);
        if (id == null) {
            throw new IllegalArgumentException("no job for room " + room);
        }
        return Json.MAPPER.createObjectNode().put("job_id", id);
    }

    /** When the update was sent, in epoch microseconds, or -1 when it does not say. */
    long sentMicros(JsonNode update) {
        JsonNode ts = update.path("ts");
        if (ts.isNumber()) {
            // A double holds an epoch time in ms to well under a microsecond.
            return Math.round(ts.asDouble() * 1000);
        }
        JsonNode timestamp = update.path("timestamp");
        if (timestamp.isTextual()) {
            try {
                Instant t = Instant.parse(timestamp.textValue());
                return t.getEpochSecond() * 1_000_000 + t.getNano() / 1_000;
            } catch (DateTimeParseException e) {
                return -1;
            }
        }
        return -1;
    }

    /** A Socket.IO packet as the text of one Engine.IO MESSAGE frame. */
    static String frame(SioPacket p) {
        return EioCodec.encodeText(EioPacket.message(SioEncoder.encode(p).text()));
    }
}
