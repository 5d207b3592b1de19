package dev.jobcast.bench.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The open-loop schedule: which report is due when, and which ones are measured. */
class ReportScheduleTest {

    @Test
    void jobsArePhaseShiftedEvenlyAndEachReportsAtItsRate() {
        ReportSchedule s = new ReportSchedule(4, 10, 1, 2);
        assertEquals(30, s.perJob());
        assertEquals(120, s.total());
        // 40 reports a second in all: one every 25 ms, job after job.
        assertEquals(new Due.Item(0, 0, 0), s.item(0));
        assertEquals(new Due.Item(1, 0, 25_000_000), s.item(1));
        assertEquals(new Due.Item(3, 0, 75_000_000), s.item(3));
        assertEquals(new Due.Item(0, 1, 100_000_000), s.item(4));
        assertEquals(new Due.Item(3, 29, 2_975_000_000L), s.item(119));
        for (int n = 0; n + 4 < s.total(); n++) {
            assertEquals(100_000_000, s.item(n + 4).dueNanos() - s.item(n).dueNanos(), "job " + n % 4 + " at 10/s");
        }
    }

    @Test
    void dueByCountsExactlyTheReportsDueSoFar() {
        for (ReportSchedule s : new ReportSchedule[] {
                new ReportSchedule(4, 10, 1, 2), new ReportSchedule(3, 7.3, 0, 5), new ReportSchedule(997, 3.1, 0.5, 2)}) {
            assertEquals(0, s.dueBy(-1));
            assertEquals(1, s.dueBy(0), "the first is due at the start");
            assertEquals(s.total(), s.dueBy(Long.MAX_VALUE / 2));
            for (long n = 0; n < s.total(); n++) {
                long due = s.dueNanos(n);
                assertEquals(n + 1, s.dueBy(due), "report " + n + " is due at " + due);
                if (due > 0) {
                    assertEquals(n, s.dueBy(due - 1), "report " + n + " is not due before " + due);
                }
            }
        }
    }

    @Test
    void theWarmupIsNotMeasuredAndTheRestIs() {
        ReportSchedule s = new ReportSchedule(2, 10, 1, 2);
        assertFalse(s.measured(0));
        assertFalse(s.measured(999_999_999));
        assertTrue(s.measured(1_000_000_000));
        assertTrue(s.measured(2_999_999_999L));
        assertFalse(s.measured(3_000_000_000L));
        assertEquals(2.0, s.measuredSeconds());
    }

    @Test
    void refusesNonsense() {
        assertThrows(IllegalArgumentException.class, () -> new ReportSchedule(0, 10, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> new ReportSchedule(1, 0, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> new ReportSchedule(1, 10, -1, 1));
        assertThrows(IllegalArgumentException.class, () -> new ReportSchedule(1, 10, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new ReportSchedule(1, 0.01, 0, 1), "not one report");
        assertThrows(IndexOutOfBoundsException.class, () -> new ReportSchedule(1, 10, 0, 1).item(10));
    }

    @Test
    void completionsAreAllDueAtOnce() {
        Due c = Due.completions(3, 5_000);
        assertEquals(3, c.total());
        assertEquals(0, c.dueBy(4_999));
        assertEquals(3, c.dueBy(5_000));
        assertEquals(new Due.Item(2, Due.Item.COMPLETE, 5_000), c.item(2));
        assertTrue(c.item(2).complete());
    }
}
