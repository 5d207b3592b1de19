package dev.jobcast.bench.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** A report's message says which report it is and when it was due, and reads back. */
class ReportMessageTest {

    @Test
    void readsBackTheNumberAndTheDueTime() {
        String m = ReportMessage.of(17, 1_733_600_000_123_456L);
        assertEquals("bench 17 t=1733600000123456", m);
        assertEquals(17, ReportMessage.index(m));
        assertEquals(1_733_600_000_123_456L, ReportMessage.dueMicros(m));
    }

    @Test
    void otherMessagesAreNotReports() {
        for (String m : new String[] {null, "", "Job started", "Job queued", "bench x t=1", "bench 1 t=", "bench 1 t=12a",
                "bench  t=5", "bench 1", "benchmark 1 t=2"}) {
            assertEquals(-1, ReportMessage.index(m), String.valueOf(m));
            assertEquals(-1, ReportMessage.dueMicros(m), String.valueOf(m));
        }
    }

    @Test
    void progressCyclesAndNeverRepeatsTheReportBefore() {
        for (long k = 0; k < 500; k++) {
            int p = ReportMessage.progress(k);
            assertTrue(p >= 1 && p <= 99, "progress " + p);
            assertNotEquals(p, ReportMessage.progress(k + 1));
        }
    }
}
