// ExpiringCache: entries live until their own deadline and not a nanosecond longer, a
// non-positive ttl keeps nothing, and the number of entries never passes the bound, whatever
// the keys, ttls and times, and whichever threads insert.
package dev.jobcast.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class ExpiringCacheTest {

    /** Time that moves only when the test moves it. */
    private final AtomicLong now = new AtomicLong(1_000);

    private <V> ExpiringCache<String, V> cache(int max) {
        return new ExpiringCache<>(max, now::get);
    }

    @Test
    void aValueIsThereUntilItsTtlHasPassedAndThenGone() {
        ExpiringCache<String, String> c = cache(10);
        c.put("a", "A", 100);
        now.addAndGet(99);
        assertEquals("A", c.get("a"), "one nanosecond before the deadline");
        now.addAndGet(1);
        assertNull(c.get("a"), "at the deadline");
        assertEquals(0, c.size(), "an expired entry that was asked for is dropped");
    }

    @Test
    void eachEntryHasItsOwnDeadline() {
        ExpiringCache<String, String> c = cache(10);
        c.put("short", "S", 10);
        c.put("long", "L", 1_000);
        now.addAndGet(500);
        assertNull(c.get("short"));
        assertEquals("L", c.get("long"));
    }

    @Test
    void putAgainReplacesTheValueAndRestartsItsTtl() {
        ExpiringCache<String, String> c = cache(10);
        c.put("a", "old", 100);
        now.addAndGet(90);
        c.put("a", "new", 100);
        now.addAndGet(90);
        assertEquals("new", c.get("a"));
        assertEquals(1, c.size());
    }

    @Test
    void aNonPositiveTtlKeepsNothing() {
        ExpiringCache<String, String> c = cache(10);
        c.put("zero", "Z", 0);
        c.put("negative", "N", -1);
        c.put("most negative", "M", Long.MIN_VALUE);
        assertNull(c.get("zero"));
        assertNull(c.get("negative"));
        assertNull(c.get("most negative"));
        assertEquals(0, c.size());
    }

    @Test
    void aNonPositiveTtlDoesNotDropWhatWasThere() {
        ExpiringCache<String, String> c = cache(10);
        c.put("a", "A", 100);
        c.put("a", "ignored", 0);
        assertEquals("A", c.get("a"));
    }

    @Test
    void aCacheOfNoRoomKeepsNothing() {
        ExpiringCache<String, String> c = cache(0);
        c.put("a", "A", 1_000);
        assertNull(c.get("a"));
        assertEquals(0, c.size());
    }

    @Test
    void aNegativeBoundIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> cache(-1));
    }

    @Test
    void removeForgetsAKey() {
        ExpiringCache<String, String> c = cache(10);
        c.put("a", "A", 100);
        c.remove("a");
        c.remove("never there");
        assertNull(c.get("a"));
        assertEquals(0, c.size());
    }

    @Test
    void aTtlSoLongItsDeadlineOverflowsStillLives() {
        now.set(Long.MAX_VALUE - 10);
        ExpiringCache<String, String> c = cache(10);
        c.put("a", "A", Long.MAX_VALUE / 2); // the deadline wraps round past Long.MAX_VALUE
        now.addAndGet(1_000);
        assertEquals("A", c.get("a"), "deadlines are compared by difference, as nanoTime must be");
    }

    @Test
    void tenTimesTheBoundInDistinctKeysNeverHoldsMoreThanTheBound() {
        int max = 100;
        ExpiringCache<String, Integer> c = cache(max);
        for (int i = 0; i < 10 * max; i++) {
            c.put("key " + i, i, 1_000_000);
            assertTrue(c.size() <= max, "size " + c.size() + " after " + (i + 1) + " inserts");
            assertEquals(i, c.get("key " + i), "the entry just put is kept");
        }
    }

    @Test
    void expiredEntriesAreEvictedFirst() {
        ExpiringCache<String, String> c = cache(10);
        for (int i = 0; i < 5; i++) {
            c.put("old " + i, "o", 10);
            c.put("live " + i, "l", 10_000);
        }
        assertEquals(10, c.size());
        now.addAndGet(10);
        c.put("new", "n", 10_000);
        // Five expired made room enough (a tenth): no live entry had to go.
        for (int i = 0; i < 5; i++) {
            assertEquals("l", c.get("live " + i), "live " + i + " was evicted while expired entries were there");
        }
        assertEquals("n", c.get("new"));
        assertEquals(6, c.size());
    }

    @Test
    void whenNothingHasExpiredATenthOfTheRoomIsFreedAtOnce() {
        ExpiringCache<String, Integer> c = cache(100);
        for (int i = 0; i < 100; i++) {
            c.put("k" + i, i, 1_000);
        }
        c.put("one more", -1, 1_000);
        assertEquals(91, c.size(), "ten evicted, then the new one");
        assertEquals(-1, c.get("one more"));
        // The next nine inserts find room without evicting.
        for (int i = 0; i < 9; i++) {
            c.put("more " + i, i, 1_000);
        }
        assertEquals(100, c.size());
    }

    @Test
    void aSmallCacheEvictsOneAtATime() {
        ExpiringCache<String, Integer> c = cache(3);
        for (int i = 0; i < 30; i++) {
            c.put("k" + i, i, 1_000);
            assertTrue(c.size() <= 3);
        }
        assertEquals(3, c.size());
        assertEquals(29, c.get("k29"));
    }

    @Test
    void replacingAKeyOfAFullCacheEvictsNothing() {
        ExpiringCache<String, Integer> c = cache(5);
        for (int i = 0; i < 5; i++) {
            c.put("k" + i, i, 1_000);
        }
        c.put("k2", 22, 1_000);
        assertEquals(5, c.size());
        for (int i = 0; i < 5; i++) {
            assertEquals(i == 2 ? 22 : i, c.get("k" + i));
        }
    }

    /**
     * Two inserts that both find one place left must not both take it. The keys' hashCode
     * (which the map calls on insert, after the cache's room check) holds each thread until
     * the other has got there too, so the two checks and the two inserts interleave.
     */
    @Test
    void twoInsertsRacingForTheLastPlaceStayWithinTheBound() throws Exception {
        int max = 10;
        ExpiringCache<Object, String> c = new ExpiringCache<>(max, now::get);
        for (int i = 0; i < max - 1; i++) {
            c.put("k" + i, "v", 1_000);
        }
        CyclicBarrier bothThere = new CyclicBarrier(2);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            List<Future<?>> puts = List.of(
                    threads.submit(() -> c.put(new MeetingKey("x", bothThere), "x", 1_000)),
                    threads.submit(() -> c.put(new MeetingKey("y", bothThere), "y", 1_000)));
            for (Future<?> put : puts) {
                put.get(30, TimeUnit.SECONDS);
            }
        } finally {
            threads.shutdownNow();
        }
        assertTrue(c.size() <= max, "size " + c.size() + " with a bound of " + max);
    }

    @Test
    void manyThreadsInsertingDistinctKeysStayWithinTheBound() throws Exception {
        int max = 64;
        ExpiringCache<String, Integer> c = cache(max);
        int threads = 4;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CyclicBarrier start = new CyclicBarrier(threads);
        try {
            List<Future<Object>> runs = new java.util.ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                runs.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < 20_000; i++) {
                        c.put(thread + ":" + i, i, 1_000);
                    }
                    return null;
                }));
            }
            for (Future<Object> run : runs) {
                run.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertTrue(c.size() <= max, "size " + c.size() + " with a bound of " + max);
    }

    // ---- properties

    /** Something done to a cache: put a key (of a small set, so keys repeat) or let time pass. */
    record Step(boolean put, int key, long ttl, long advance) {
    }

    @Provide
    Arbitrary<List<Step>> steps() {
        Arbitrary<Step> put = Combinators.combine(Arbitraries.integers().between(0, 300),
                Arbitraries.longs().between(-5, 200)).as((k, ttl) -> new Step(true, k, ttl, 0));
        Arbitrary<Step> wait = Arbitraries.longs().between(0, 100).map(d -> new Step(false, 0, 0, d));
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(8, put), net.jqwik.api.Tuple.of(2, wait))
                .list().ofMaxSize(600);
    }

    @Property(tries = 300)
    void theBoundHoldsAndNothingIsServedPastItsDeadline(@ForAll @IntRange(min = 0, max = 40) int max,
                                                         @ForAll("steps") List<Step> steps) {
        AtomicLong clock = new AtomicLong();
        ExpiringCache<Integer, Long> c = new ExpiringCache<>(max, clock::get);
        java.util.Map<Integer, Long> deadlines = new java.util.HashMap<>();
        for (Step s : steps) {
            if (s.put()) {
                long deadline = clock.get() + s.ttl();
                c.put(s.key(), deadline, s.ttl());
                if (s.ttl() > 0 && max > 0) {
                    deadlines.put(s.key(), deadline);
                }
            } else {
                clock.addAndGet(s.advance());
            }
            assertTrue(c.size() <= max, "size " + c.size() + " with a bound of " + max);
            // Whatever is served is the latest value put, and it is still before its deadline.
            for (int k = 0; k <= 300; k += 37) {
                Long served = c.get(k);
                if (served != null) {
                    assertEquals(deadlines.get(k), served, "key " + k);
                    assertTrue(clock.get() < served, "key " + k + " served at " + clock.get() + ", deadline " + served);
                }
            }
        }
    }

    /** A key whose first hashCode waits for another thread's to be called too. */
    private static final class MeetingKey {
        private final String name;
        private final CyclicBarrier barrier;
        private boolean met;

        MeetingKey(String name, CyclicBarrier barrier) {
            this.name = name;
            this.barrier = barrier;
        }

        @Override
        public synchronized int hashCode() {
            if (!met) {
                met = true;
                try {
                    barrier.await(2, TimeUnit.SECONDS);
                } catch (Exception e) {
                    // The other thread is not coming (inserts do not interleave): go on alone.
                }
            }
            return name.hashCode();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof MeetingKey k && k.name.equals(name);
        }
    }
}
