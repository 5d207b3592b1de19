// The message and progress of a bench report: its number and its due time, readable back.
package dev.jobcast.bench.jobs;

/**
 * Report k of a job says "bench k t=DUE", DUE its due time in epoch microseconds: a watcher
 * times the update by it, and the journal check knows which report an event is. Its
 * progress cycles through 1..99, so no report repeats the one before it (the message alone
 * already differs), and every report writes an event.
 */
final class ReportMessage {
    private static final String PREFIX = "bench ";
    private static final String TIME = " t=";

    private ReportMessage() {
    }

    static String of(long k, long dueMicros) {
        return PREFIX + k + TIME + dueMicros;
    }

    static int progress(long k) {
        return (int) (1 + k % 99);
    }

    /** The report's number, or -1 when the message is not a bench report's. */
    static long index(String message) {
        int t = timeAt(message);
        return t < 0 ? -1 : digits(message, PREFIX.length(), t);
    }

    /** The report's due time (epoch us), or -1 when the message is not a bench report's. */
    static long dueMicros(String message) {
        int t = timeAt(message);
        return t < 0 ? -1 : digits(message, t + TIME.length(), message.length());
    }

    /** Where " t=" is in a well-formed report message, or -1. */
    private static int timeAt(String message) {
        if (message == null || !message.startsWith(PREFIX)) {
            return -1;
        }
        int t = message.indexOf(TIME, PREFIX.length());
        if (t < 0 || digits(message, PREFIX.length(), t) < 0 || digits(message, t + TIME.length(), message.length()) < 0) {
            return -1;
        }
        return t;
    }

    /** The non-negative decimal number in s[from, to), or -1. */
    private static long digits(String s, int from, int to) {
        if (from >= to || to - from > 18) {
            return -1;
        }
        long v = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }
}
