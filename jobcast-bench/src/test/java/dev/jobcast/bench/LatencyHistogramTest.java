package dev.jobcast.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LatencyHistogramTest {

    @Test
    void emptyHistogramReportsZeros() {
        LatencyHistogram h = new LatencyHistogram();
        assertEquals(0, h.count());
        assertEquals(0, h.percentile(99));
        assertEquals(0, h.max());
        assertEquals(0, h.min());
        assertEquals(0.0, h.mean());
    }

    @Test
    void smallValuesAreExact() {
        LatencyHistogram h = new LatencyHistogram();
        for (int v = 0; v < 100; v++) {
            h.record(v);
        }
        assertEquals(49, h.percentile(50));
        assertEquals(98, h.percentile(99));
        assertEquals(99, h.percentile(100));
        assertEquals(0, h.percentile(0));
        assertEquals(49.5, h.mean(), 1e-9);
    }

    @Test
    void everyBucketBoundIsConsistentWithItsIndex() {
        for (int i = 0; i < LatencyHistogram.bucketCount(); i++) {
            long top = LatencyHistogram.highestInBucket(i);
            assertEquals(i, LatencyHistogram.index(top), "top of bucket " + i);
            assertEquals(i + 1 < LatencyHistogram.bucketCount() ? i + 1 : i,
                    LatencyHistogram.index(Math.min(top + 1, LatencyHistogram.MAX_TRACKABLE)), "after bucket " + i);
        }
    }

    @Test
    void percentilesAreWithinTheStatedRelativeError() {
        Random random = new Random(42);
        long[] values = new long[20_000];
        LatencyHistogram h = new LatencyHistogram();
        for (int i = 0; i < values.length; i++) {
            // Spread over six orders of magnitude, as latencies in us are.
            values[i] = (long) Math.pow(10, random.nextDouble() * 6);
            h.record(values[i]);
        }
        Arrays.sort(values);
        for (double p : new double[] {1, 10, 50, 90, 99, 99.9, 100}) {
            long exact = values[(int) Math.max(0, Math.ceil(p / 100 * values.length) - 1)];
            long reported = h.percentile(p);
            assertTrue(reported >= exact && reported <= exact + exact / 64 + 1,
                    "p" + p + ": exact " + exact + ", reported " + reported);
        }
        assertEquals(values[values.length - 1], h.max());
        assertEquals(values[0], h.min());
    }

    @Test
    void percentilesNeverDecrease() {
        Random random = new Random(7);
        LatencyHistogram h = new LatencyHistogram();
        for (int i = 0; i < 5_000; i++) {
            h.record(random.nextInt(1_000_000));
        }
        long previous = -1;
        for (double p = 0; p <= 100; p += 0.5) {
            long v = h.percentile(p);
            assertTrue(v >= previous, "p" + p);
            previous = v;
        }
    }

    @Test
    void addingHistogramsEqualsRecordingIntoOne() {
        LatencyHistogram a = new LatencyHistogram();
        LatencyHistogram b = new LatencyHistogram();
        LatencyHistogram both = new LatencyHistogram();
        for (long v = 1; v < 100_000; v *= 3) {
            a.record(v);
            both.record(v);
            b.record(v * 2);
            both.record(v * 2);
        }
        a.add(b);
        assertEquals(both.count(), a.count());
        assertEquals(both.max(), a.max());
        assertEquals(both.min(), a.min());
        for (double p : new double[] {10, 50, 99}) {
            assertEquals(both.percentile(p), a.percentile(p));
        }
    }

    @Test
    void hugeValuesShareTheLastBucketButKeepTheExactMax() {
        LatencyHistogram h = new LatencyHistogram();
        h.record(Long.MAX_VALUE);
        h.record(LatencyHistogram.MAX_TRACKABLE + 1);
        assertEquals(Long.MAX_VALUE, h.max());
        assertEquals(2, h.count());
        assertTrue(h.percentile(50) >= LatencyHistogram.MAX_TRACKABLE);
    }

    @Test
    void refusesNegativeValuesAndPercentsOutOfRange() {
        LatencyHistogram h = new LatencyHistogram();
        assertThrows(IllegalArgumentException.class, () -> h.record(-1));
        assertThrows(IllegalArgumentException.class, () -> h.percentile(100.1));
        assertThrows(IllegalArgumentException.class, () -> h.percentile(Double.NaN));
    }

    @Test
    void resetEmptiesIt() {
        LatencyHistogram h = new LatencyHistogram();
        h.record(5);
        h.reset();
        assertEquals(0, h.count());
        assertEquals(0, h.max());
    }
}
