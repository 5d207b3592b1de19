package dev.jobcast.bench;

/**
 * The schedule of a publish run: {@code rate} updates per second to each of {@code rooms}
 * rooms for {@code seconds}, {@link #total()} updates per room in all. Room k's update n
 * (k from 0, n from 1) is due (n-1)/rate + k/(rooms*rate) seconds after the start: each
 * room has its own phase, so the broadcasts are spread evenly over every interval instead
 * of all rooms getting update n in one burst.
 *
 * <p>In order of due time the broadcasts are then simply numbered: broadcast i (from 0)
 * is update i/rooms + 1 to room i%rooms, due at i/(rooms*rate). Every room gets update n
 * before any room gets n+1, and each room its updates in order of seq. The schedule is
 * pure arithmetic on the time passed in: asking again after a stall gives everything that
 * fell due meanwhile, so the caller catches up instead of drifting.
 */
public final class Pacer {
    private final int rooms;
    private final long total;
    private final long broadcasts;
    // Broadcasts per second over all rooms.
    private final double perSecond;

    /** @param rooms >= 1; @param rate updates per second and room, > 0; @param seconds how long, > 0 */
    public Pacer(int rooms, double rate, double seconds) {
        if (rooms < 1) {
            throw new IllegalArgumentException("rooms must be >= 1");
        }
        if (!(rate > 0) || !(seconds > 0) || Double.isInfinite(rate) || Double.isInfinite(seconds)) {
            throw new IllegalArgumentException("rate and duration must be positive and finite");
        }
        this.rooms = rooms;
        this.total = Math.round(rate * seconds);
        this.broadcasts = Math.multiplyExact(total, (long) rooms);
        this.perSecond = rooms * rate;
    }

    /** The number of updates each room gets over the whole run. */
    public long total() {
        return total;
    }

    public int rooms() {
        return rooms;
    }

    /** The number of broadcasts over the whole run: rooms x total. */
    public long broadcasts() {
        return broadcasts;
    }

    /** The room (0-based) of broadcast {@code i}. */
    public int room(long i) {
        return (int) (i % rooms);
    }

    /** The seq (1-based) of broadcast {@code i}: the update of its room it is. */
    public long seq(long i) {
        return i / rooms + 1;
    }

    /** When broadcast {@code i} (0..broadcasts-1) is due, in nanoseconds after the start. */
    public long dueNanos(long i) {
        // Non-decreasing in i, as a product and a quotient rounded to nearest are; exact for
        // the round figures a test uses, and within a nanosecond of i/perSecond otherwise.
        return Math.round(i * 1e9 / perSecond);
    }

    /** Broadcasts due {@code elapsedNanos} after the start (0..broadcasts): those with dueNanos <= elapsed. */
    public long due(long elapsedNanos) {
        if (elapsedNanos < 0) {
            return 0;
        }
        // A first guess from the rate, then made to agree exactly with dueNanos.
        long n = (long) Math.min((double) broadcasts, Math.floor(elapsedNanos / 1e9 * perSecond) + 1);
        while (n > 0 && dueNanos(n - 1) > elapsedNanos) {
            n--;
        }
        while (n < broadcasts && dueNanos(n) <= elapsedNanos) {
            n++;
        }
        return n;
    }
}
