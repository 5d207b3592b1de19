package dev.jobcast.bench;

/**
 * How many updates per room are due after a given time of a publish run: {@code rate} per
 * second, spread evenly, the first one 1/rate after the start, none after {@code total}.
 * Asking again after a stall gives everything that fell due meanwhile, so the caller
 * catches up instead of drifting.
 */
public final class Pacer {
    private final double rate;
    private final long total;

    /** @param rate updates per second and room, > 0; @param seconds how long, > 0 */
    public Pacer(double rate, double seconds) {
        if (!(rate > 0) || !(seconds > 0) || Double.isInfinite(rate) || Double.isInfinite(seconds)) {
            throw new IllegalArgumentException("rate and duration must be positive and finite");
        }
        this.rate = rate;
        this.total = Math.round(rate * seconds);
    }

    /** The number of updates each room gets over the whole run. */
    public long total() {
        return total;
    }

    /** Updates per room that are due {@code elapsedNanos} after the start (0..total). */
    public long due(long elapsedNanos) {
        if (elapsedNanos <= 0) {
            return 0;
        }
        // Doubles hold the product exactly enough for any run length a benchmark uses, and
        // never overflow as elapsed * rate in longs could.
        long due = (long) Math.floor(elapsedNanos / 1e9 * rate + 1e-9);
        return Math.min(total, due);
    }
}
