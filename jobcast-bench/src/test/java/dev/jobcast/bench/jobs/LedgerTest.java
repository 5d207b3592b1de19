package dev.jobcast.bench.jobs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Outcomes per report, counts with reasons, the window's answers and its reports' latency. */
class LedgerTest {

    @Test
    void recordsOutcomesCountsAndMeasuredFigures() {
        ReportSchedule s = new ReportSchedule(2, 1, 1, 2); // 3 reports per job, one a second
        Ledger l = new Ledger(s, 1_000);
        Due.Item warm = s.item(0);             // due at 0: warmup
        Due.Item measured = s.item(2);         // job 0's second, due at 1 s
        Due.Item refused = s.item(3);
        Due.Item lost = s.item(5);
        l.sending(warm);
        l.accepted(warm, 1_000 + 1_500_000_000L);         // answered in the window
        l.sending(measured);
        l.accepted(measured, 1_000 + 1_000_000_000 + 7_000_000);
        l.sending(refused);
        l.refused(refused, "conflict");
        l.sending(lost);
        l.failed(lost, "io: SocketTimeoutException");
        l.sending(s.item(4));
        Due.Item done = Due.completions(2, 0).item(1);
        l.accepted(done, 0);
        l.refused(Due.completions(2, 0).item(0), "conflict");

        assertEquals(2, l.accepted(), "progress reports only");
        assertEquals(2, l.acceptedMeasured(), "answers in the window, whenever due");
        assertEquals(1, l.refused());
        assertEquals(1, l.failed());
        assertEquals(6, l.answered(), "completions too");
        assertEquals(Map.of("conflict", 1L, "complete: conflict", 1L, "io: SocketTimeoutException", 1L), l.reasons());
        assertEquals(1, l.latency().getTotalCount(), "latency of the reports due in the window");
        assertTrue(l.latency().valuesAreEquivalent(7_000, l.latency().getMaxValue()),
                "from the due time, in us (to the histogram's 3 significant digits): " + l.latency().getMaxValue());
        assertArrayEquals(new byte[] {Ledger.ACCEPTED, Ledger.ACCEPTED, Ledger.UNANSWERED}, l.progressOutcomes(0));
        assertArrayEquals(new byte[] {Ledger.NOT_SENT, Ledger.REFUSED, Ledger.UNANSWERED}, l.progressOutcomes(1));
        assertEquals(Ledger.REFUSED, l.completeOutcome(0));
        assertEquals(Ledger.ACCEPTED, l.completeOutcome(1));
    }
}
