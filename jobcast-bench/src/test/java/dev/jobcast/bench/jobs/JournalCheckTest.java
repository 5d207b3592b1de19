package dev.jobcast.bench.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A job's journal against the ledger: lost, extra, out of sequence. */
class JournalCheckTest {
    private static final byte A = Ledger.ACCEPTED;
    private static final byte R = Ledger.REFUSED;
    private static final byte U = Ledger.UNANSWERED;
    private static final byte N = Ledger.NOT_SENT;

    /** A journal of the given kinds ("created", "started", a report number, "completed"), seq 1, 2, ... */
    private static List<JournalCheck.Event> journal(Object... entries) {
        List<JournalCheck.Event> out = new ArrayList<>();
        for (Object e : entries) {
            long seq = out.size() + 1;
            out.add(e instanceof Integer k ? new JournalCheck.Event(seq, "progress", ReportMessage.of(k, 1000 + k))
                    : new JournalCheck.Event(seq, (String) e, null));
        }
        return out;
    }

    @Test
    void aCompleteJournal() {
        var t = JournalCheck.check(new byte[] {A, A, A}, A, journal("created", "started", 0, 2, 1, "completed"));
        assertEquals(new JournalCheck.Tally(6, 6, 0, 0, 0), t);
    }

    @Test
    void anAcceptedReportMissingIsLost() {
        var t = JournalCheck.check(new byte[] {A, A, A}, A, journal("created", "started", 0, 2));
        assertEquals(new JournalCheck.Tally(4, 6, 2, 0, 0), t, "report 1 and the completion");
        assertEquals(1, JournalCheck.check(new byte[] {A}, N, journal("created", 0)).lost(), "no started");
    }

    @Test
    void aReportTwiceOrARefusedOneThereIsExtra() {
        assertEquals(1, JournalCheck.check(new byte[] {A, A}, A, journal("created", "started", 0, 1, 1, "completed")).extra());
        assertEquals(1, JournalCheck.check(new byte[] {A, R}, R, journal("created", "started", 0, 1)).extra());
        assertEquals(1, JournalCheck.check(new byte[] {A, N}, N, journal("created", "started", 0, 1)).extra());
        assertEquals(1, JournalCheck.check(new byte[] {A}, R, journal("created", "started", 0, "completed")).extra());
        assertEquals(2, JournalCheck.check(new byte[] {A}, A,
                journal("created", "started", 0, "completed", "failed", "created")).extra());
        var foreign = new ArrayList<>(journal("created"));
        foreign.add(new JournalCheck.Event(2, "progress", "not ours"));
        assertEquals(1, JournalCheck.check(new byte[] {N}, N, foreign).extra());
    }

    @Test
    void anUnansweredReportMayBeThereOrNot() {
        assertEquals(new JournalCheck.Tally(4, 3, 0, 0, 0),
                JournalCheck.check(new byte[] {A, U}, U, journal("created", "started", 0, 1)));
        assertEquals(new JournalCheck.Tally(1, 1, 0, 0, 0), JournalCheck.check(new byte[] {U}, U, journal("created")));
        assertEquals(new JournalCheck.Tally(4, 1, 0, 0, 0),
                JournalCheck.check(new byte[] {U}, U, journal("created", "started", 0, "completed")));
    }

    @Test
    void seqMustRunOneTwoThree() {
        List<JournalCheck.Event> j = new ArrayList<>(journal("created", "started", 0));
        j.set(2, new JournalCheck.Event(4, "progress", ReportMessage.of(0, 1)));
        assertEquals(1, JournalCheck.check(new byte[] {A}, N, j).seqErrors());
    }

    @Test
    void talliesAddUp() {
        var a = new JournalCheck.Tally(1, 2, 3, 4, 5);
        assertEquals(new JournalCheck.Tally(2, 4, 6, 8, 10), a.plus(a));
        assertEquals(a, JournalCheck.Tally.EMPTY.plus(a));
    }
}
