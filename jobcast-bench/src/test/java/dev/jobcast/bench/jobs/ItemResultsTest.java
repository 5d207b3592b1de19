package dev.jobcast.bench.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jobcast.socketio.codec.Json;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The server's answers read item by item, and answers that do not fit refused as such. */
class ItemResultsTest {
    private static final String MIXED = "{\"results\":["
            + "{\"job_id\":7,\"ok\":true,\"seq\":12,\"status\":\"running\",\"progress\":40},"
            + "{\"job_id\":8,\"ok\":false,\"error\":\"not_found\",\"message\":\"Job 8 not found or access denied\"},"
            + "{\"job_id\":null,\"ok\":false,\"error\":\"bad_request\",\"message\":\"job_id\"},"
            + "{\"job_id\":9,\"ok\":false,\"message\":\"no code\"}"
            + "],\"accepted\":1,\"rejected\":3}";

    @Test
    void aBatchAnswerItemByItem() throws Exception {
        List<ItemResults.Result> r = ItemResults.ofBatchBody(MIXED, new long[] {7, 8, 0, 9});
        assertEquals(List.of(ItemResults.Result.ACCEPTED, new ItemResults.Result(false, "not_found"),
                new ItemResults.Result(false, "bad_request"), new ItemResults.Result(false, "refused without a code")), r);
    }

    @Test
    void answersThatDoNotFitAreBad() {
        assertThrows(ItemResults.BadAnswer.class, () -> ItemResults.ofBatchBody("<html>", new long[] {7}));
        assertThrows(ItemResults.BadAnswer.class, () -> ItemResults.ofBatchBody("{\"accepted\":1}", new long[] {7}));
        assertThrows(ItemResults.BadAnswer.class, () -> ItemResults.ofBatchBody(MIXED, new long[] {7, 8, 0}), "3 items, 4 results");
        assertThrows(ItemResults.BadAnswer.class, () -> ItemResults.ofBatchBody(MIXED, new long[] {6, 8, 0, 9}), "another job");
        assertThrows(ItemResults.BadAnswer.class,
                () -> ItemResults.ofBatchBody("{\"results\":[{\"job_id\":7}]}", new long[] {7}), "no ok");
    }

    @Test
    void aWorkerAckOfAnArray() throws Exception {
        var args = Json.MAPPER.createArrayNode().add(Json.read(MIXED));
        assertEquals(4, ItemResults.ofAck(args, new long[] {7, 8, 0, 9}).size());
        assertEquals(ItemResults.Result.ACCEPTED, ItemResults.ofAck(args, new long[] {7, 8, 0, 9}).get(0));
    }

    @Test
    void aWorkerAckRefusingTheWholeReportRefusesEveryItem() throws Exception {
        var args = Json.MAPPER.createArrayNode().add(Json.read(
                "{\"job_id\":null,\"ok\":false,\"error\":\"bad_request\",\"message\":\"1..1000 items\"}"));
        assertEquals(List.of(new ItemResults.Result(false, "bad_request"), new ItemResults.Result(false, "bad_request")),
                ItemResults.ofAck(args, new long[] {7, 8}));
        assertThrows(ItemResults.BadAnswer.class, () -> ItemResults.ofAck(Json.MAPPER.createArrayNode(), new long[] {7}));
    }

    @Test
    void restErrorsByCodeOrStatus() {
        assertEquals("conflict", ItemResults.restError(409, "{\"error\":\"conflict\",\"message\":\"Job 3 is completed\"}"));
        assertEquals("HTTP 502", ItemResults.restError(502, "Bad Gateway"));
        assertEquals("HTTP 500", ItemResults.restError(500, "{\"error\":42}"));
    }
}
