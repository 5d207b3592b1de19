// A bounded map whose entries expire: what the authenticator keeps so that a busy caller
// costs neither a JWT check nor a user query on every request.
package dev.jobcast.auth;

import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Thread-safe; reads take no lock. Each entry carries its own deadline (a {@code nanos()}
 * instant). Never holds more than {@code maxEntries}: when an insert finds it full, expired
 * entries go first, then arbitrary ones until a tenth of the room is free, so a flood of
 * distinct keys costs memory only up to the bound and an eviction pass only once per tenth
 * of it.
 */
final class ExpiringCache<K, V> {
    private record Entry<V>(V value, long deadlineNanos) {
    }

    private final Map<K, Entry<V>> entries = new ConcurrentHashMap<>();
    private final int maxEntries;
    private final LongSupplier nanos;

    ExpiringCache(int maxEntries, LongSupplier nanos) {
        if (maxEntries < 0) {
            throw new IllegalArgumentException("maxEntries must be >= 0");
        }
        this.maxEntries = maxEntries;
        this.nanos = nanos;
    }

    /** The value, or null when absent or past its deadline (an expired entry is dropped). */
    V get(K key) {
        Entry<V> e = entries.get(key);
        if (e == null) {
            return null;
        }
        if (nanos.getAsLong() - e.deadlineNanos() >= 0) {
            entries.remove(key, e);
            return null;
        }
        return e.value();
    }

    /**
     * Keeps {@code value} for {@code ttlNanos} from now; a non-positive ttl keeps nothing.
     * Inserts take turns: two that both found one place left would otherwise both take it.
     * Only misses insert, so the lock is taken once per token check or user query at most.
     */
    synchronized void put(K key, V value, long ttlNanos) {
        if (ttlNanos <= 0 || maxEntries == 0) {
            return;
        }
        long now = nanos.getAsLong();
        if (entries.size() >= maxEntries && !entries.containsKey(key)) {
            evict(now);
        }
        entries.put(key, new Entry<>(value, now + ttlNanos));
    }

    void remove(K key) {
        entries.remove(key);
    }

    int size() {
        return entries.size();
    }

    private void evict(long now) {
        entries.values().removeIf(e -> now - e.deadlineNanos() >= 0);
        int target = maxEntries - Math.max(1, maxEntries / 10);
        Iterator<K> keys = entries.keySet().iterator();
        while (entries.size() > target && keys.hasNext()) {
            keys.next();
            keys.remove();
        }
    }
}
