// Journal completeness: a job's journal held against what the server said it accepted.
package dev.jobcast.bench.jobs;

import java.util.List;

/**
 * One job's journal ({@code GET /api/jobs/{id}/events}) against the generator's ledger. A
 * complete journal is: created; started once a progress report was accepted; every
 * accepted progress report exactly once (known by the number in its message); completed
 * when the complete report was accepted; seq 1, 2, 3, ... Lost: an accepted report (or the
 * created/started event) not there. Extra: an event no report accounts for: a report the
 * server refused, one never sent, a report twice, an event of another kind. A report whose
 * answer never came may or may not be there: neither. Pure.
 */
final class JournalCheck {

    /** One journal entry: its seq, type and (for progress) message. */
    record Event(long seq, String type, String message) {
    }

    /** What the journals of one or more jobs hold, against what they should. */
    record Tally(long events, long expected, long lost, long extra, long seqErrors) {
        static final Tally EMPTY = new Tally(0, 0, 0, 0, 0);

        Tally plus(Tally o) {
            return new Tally(events + o.events, expected + o.expected, lost + o.lost, extra + o.extra,
                    seqErrors + o.seqErrors);
        }
    }

    private JournalCheck() {
    }

    /**
     * @param progress the outcome of each of the job's progress reports ({@link Ledger} codes)
     * @param complete the outcome of its complete report
     * @param events   its journal, in the order read
     */
    static Tally check(byte[] progress, byte complete, List<Event> events) {
        int[] seen = new int[progress.length];
        long created = 0;
        long started = 0;
        long completed = 0;
        long extra = 0;
        long seqErrors = 0;
        long progressEvents = 0;
        for (int n = 0; n < events.size(); n++) {
            Event e = events.get(n);
            if (e.seq() != n + 1) {
                seqErrors++;
            }
            switch (String.valueOf(e.type())) {
                case "created" -> created++;
                case "started" -> started++;
                case "completed" -> completed++;
                case "progress" -> {
                    progressEvents++;
                    long k = ReportMessage.index(e.message());
                    if (k >= 0 && k < progress.length) {
                        seen[(int) k]++;
                    } else {
                        extra++;
                    }
                }
                default -> extra++;
            }
        }
        long accepted = 0;
        long lost = 0;
        for (int k = 0; k < progress.length; k++) {
            byte outcome = progress[k];
            if (outcome == Ledger.ACCEPTED) {
                accepted++;
                if (seen[k] == 0) {
                    lost++;
                }
            }
            extra += extraOf(outcome, seen[k]);
        }
        boolean startExpected = accepted > 0 || progressEvents > 0;
        lost += missing(1, created) + missing(startExpected ? 1 : 0, started);
        extra += Math.max(0, created - 1) + Math.max(0, started - (startExpected ? 1 : 0));
        if (complete == Ledger.ACCEPTED) {
            lost += missing(1, completed);
        }
        extra += extraOf(complete, (int) Math.min(Integer.MAX_VALUE, completed));
        long expected = 1 + (accepted > 0 ? 1 : 0) + accepted + (complete == Ledger.ACCEPTED ? 1 : 0);
        return new Tally(events.size(), expected, lost, extra, seqErrors);
    }

    /** Events of one report beyond what its outcome allows: one if accepted or unanswered, none otherwise. */
    private static long extraOf(byte outcome, int seen) {
        boolean mayBeThere = outcome == Ledger.ACCEPTED || outcome == Ledger.UNANSWERED;
        return Math.max(0, seen - (mayBeThere ? 1 : 0));
    }

    private static long missing(long wanted, long found) {
        return found < wanted ? wanted - found : 0;
    }
}
