package dev.jobcast.bench.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jobcast.socketio.codec.Json;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Reports as the contract has them: REST paths and bodies, batch items. */
class ReportEncodingTest {
    private final ReportEncoding enc = new ReportEncoding(new long[] {41, 42}, "/base/", 1_000_000_000_000L);

    @Test
    void singleRestReports() throws Exception {
        Due.Item report = new Due.Item(1, 5, 2_500_000);
        assertEquals("/base/api/jobs/42/progress", enc.restPath(report));
        JsonNode body = Json.read(enc.restBody(report));
        assertEquals(6, body.path("progress").asInt());
        assertEquals("bench 5 t=1000000002500", body.path("message").asText());
        assertEquals(2, body.size());

        Due.Item done = new Due.Item(0, Due.Item.COMPLETE, 0);
        assertEquals("/base/api/jobs/41/complete", enc.restPath(done));
        assertEquals("{}", enc.restBody(done));
        assertEquals("/api/reports", new ReportEncoding(new long[] {1}, "", 0).batchPath());
    }

    @Test
    void batchItems() throws Exception {
        JsonNode items = Json.read(enc.items(List.of(new Due.Item(0, 0, 0), new Due.Item(1, Due.Item.COMPLETE, 9))));
        assertEquals(2, items.size());
        assertEquals(41, items.get(0).path("job_id").asLong());
        assertEquals(1, items.get(0).path("progress").asInt());
        assertEquals("bench 0 t=1000000000000", items.get(0).path("message").asText());
        assertEquals(42, items.get(1).path("job_id").asLong());
        assertEquals("complete", items.get(1).path("type").asText());
        assertEquals(2, items.get(1).size());
        assertEquals("[]", enc.items(List.of()));
    }
}
