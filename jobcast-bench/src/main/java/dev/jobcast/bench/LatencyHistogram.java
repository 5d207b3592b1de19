package dev.jobcast.bench;

import java.util.Arrays;

/**
 * A fixed-size log-linear histogram of non-negative longs (latencies in microseconds, say).
 * Values below 128 are counted exactly; above, each power of two is split into 64 equal
 * buckets, so a reported value is at most 1/64 (about 1.6%) above the true one. The bucket
 * array never grows: values past {@link #MAX_TRACKABLE} share the last bucket (the exact
 * maximum is still kept). Not thread-safe: give each thread its own and {@link #add} them.
 */
public final class LatencyHistogram {

    // 64 sub-buckets per power of two: 6 bits of precision below the leading one bit.
    private static final int SUB_BITS = 6;
    private static final int SUB_COUNT = 1 << SUB_BITS;
    // Largest leading-bit position tracked: 2^40 us is about 12.7 days, longer than any run.
    private static final int MAX_MSB = 40;

    /** The largest value with a bucket of its own; larger ones are clamped into the last. */
    public static final long MAX_TRACKABLE = (1L << (MAX_MSB + 1)) - 1;

    private static final int BUCKETS = index(MAX_TRACKABLE) + 1;

    private final long[] counts = new long[BUCKETS];
    private long total;
    private long min = Long.MAX_VALUE;
    private long max = Long.MIN_VALUE;
    private double sum;

    /** @throws IllegalArgumentException for a negative value: the caller decides what that means */
    public void record(long value) {
        if (value < 0) {
            throw new IllegalArgumentException("negative value: " + value);
        }
        counts[index(Math.min(value, MAX_TRACKABLE))]++;
        total++;
        sum += value;
        min = Math.min(min, value);
        max = Math.max(max, value);
    }

    /** Adds every count of {@code other} to this one. */
    public void add(LatencyHistogram other) {
        for (int i = 0; i < BUCKETS; i++) {
            counts[i] += other.counts[i];
        }
        total += other.total;
        sum += other.sum;
        min = Math.min(min, other.min);
        max = Math.max(max, other.max);
    }

    public long count() {
        return total;
    }

    /** The smallest value recorded, or 0 when empty. */
    public long min() {
        return total == 0 ? 0 : min;
    }

    /** The largest value recorded (exact, even past {@link #MAX_TRACKABLE}), or 0 when empty. */
    public long max() {
        return total == 0 ? 0 : max;
    }

    public double mean() {
        return total == 0 ? 0 : sum / total;
    }

    /**
     * The value below or at which {@code percent} of the recorded values lie, rounded up to
     * the top of its bucket (never above the maximum); 0 when empty.
     */
    public long percentile(double percent) {
        if (percent < 0 || percent > 100 || Double.isNaN(percent)) {
            throw new IllegalArgumentException("percent out of 0..100: " + percent);
        }
        if (total == 0) {
            return 0;
        }
        // The rank of the wanted value, 1-based; at least 1 so that p0 is the minimum's bucket.
        long rank = Math.max(1, (long) Math.ceil(percent / 100.0 * total));
        long seen = 0;
        for (int i = 0; i < BUCKETS; i++) {
            seen += counts[i];
            if (seen >= rank) {
                return Math.max(min, Math.min(max, highestInBucket(i)));
            }
        }
        return max;
    }

    public void reset() {
        Arrays.fill(counts, 0);
        total = 0;
        sum = 0;
        min = Long.MAX_VALUE;
        max = Long.MIN_VALUE;
    }

    /** The bucket of a value in 0..MAX_TRACKABLE. */
    static int index(long value) {
        if (value < 2 * SUB_COUNT) {
            return (int) value;
        }
        // Keep the leading bit and the SUB_BITS below it; the shift says which power of two.
        int shift = 63 - Long.numberOfLeadingZeros(value) - SUB_BITS;
        return SUB_COUNT * shift + (int) (value >>> shift);
    }

    /** The largest value that falls in bucket {@code index}. */
    static long highestInBucket(int index) {
        if (index < 2 * SUB_COUNT) {
            return index;
        }
        int shift = index / SUB_COUNT - 1;
        long mantissa = index % SUB_COUNT + SUB_COUNT;
        return ((mantissa + 1) << shift) - 1;
    }

    /** How many buckets every histogram holds: the bound on its memory. */
    static int bucketCount() {
        return BUCKETS;
    }
}
