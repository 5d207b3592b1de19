package dev.jobcast.engineio;

import dev.jobcast.engineio.codec.EioPacket;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A session's bounded queue of packets waiting for the transport. Bounded in packets and
 * in bytes; items with a conflation key replace a queued item with the same key, which is
 * moved to the tail so that per-key order (and so per-job seq order) is kept.
 * Not thread-safe: it lives inside one session actor.
 */
public final class OutboundQueue {

    /** What happened to an offered item. */
    public enum Offer { QUEUED, CONFLATED, OVERFLOW }

    private static final class Item {
        final List<EioPacket> packets;
        final String key;
        final long bytes;
        boolean dead;

        Item(List<EioPacket> packets, String key) {
            this.packets = packets;
            this.key = key;
            long b = 0;
            for (EioPacket p : packets) {
                b += weight(p);
            }
            this.bytes = b;
        }
    }

    private final int maxPackets;
    private final long maxBytes;
    private final ArrayDeque<Item> items = new ArrayDeque<>(4);
    /** Null until a packet with a conflation key comes: most idle sessions never see one. */
    private Map<String, Item> byKey;
    private int livePackets;
    private long liveBytes;
    private int deadItems;
    private int highWaterPackets;

    public OutboundQueue(int maxPackets, long maxBytes) {
        this.maxPackets = maxPackets;
        this.maxBytes = maxBytes;
    }

    /** Rough memory weight of a packet: what it will take on the wire. */
    public static long weight(EioPacket p) {
        return p.isBinary() ? p.binary().length : p.text().length() + 1;
    }

    public Offer offer(List<EioPacket> packets, String conflationKey) {
        Item item = new Item(List.copyOf(packets), conflationKey);
        Item previous = conflationKey == null || byKey == null ? null : byKey.get(conflationKey);
        int packetsAfter = livePackets + item.packets.size() - (previous == null ? 0 : previous.packets.size());
        long bytesAfter = liveBytes + item.bytes - (previous == null ? 0 : previous.bytes);
        if (packetsAfter > maxPackets || bytesAfter > maxBytes) {
            return Offer.OVERFLOW;
        }
        if (previous != null) {
            kill(previous);
        }
        items.addLast(item);
        if (conflationKey != null) {
            if (byKey == null) {
                byKey = new HashMap<>(4);
            }
            byKey.put(conflationKey, item);
        }
        livePackets += item.packets.size();
        liveBytes += item.bytes;
        highWaterPackets = Math.max(highWaterPackets, livePackets);
        compactIfNeeded();
        return previous == null ? Offer.QUEUED : Offer.CONFLATED;
    }

    /**
     * Takes whole items from the head, at least one if any is queued, then more while they
     * fit in {@code maxPacketsOut} and {@code maxBytesOut}.
     */
    public List<EioPacket> poll(int maxPacketsOut, long maxBytesOut) {
        List<EioPacket> out = new ArrayList<>();
        long bytes = 0;
        while (!items.isEmpty()) {
            Item head = items.peekFirst();
            if (head.dead) {
                items.pollFirst();
                deadItems--;
                continue;
            }
            if (!out.isEmpty() && (out.size() + head.packets.size() > maxPacketsOut || bytes + head.bytes > maxBytesOut)) {
                break;
            }
            items.pollFirst();
            if (head.key != null && byKey != null) {
                byKey.remove(head.key, head);
            }
            livePackets -= head.packets.size();
            liveBytes -= head.bytes;
            bytes += head.bytes;
            out.addAll(head.packets);
        }
        return out;
    }

    public boolean isEmpty() {
        return livePackets == 0;
    }

    public int packets() {
        return livePackets;
    }

    public long bytes() {
        return liveBytes;
    }

    /** The most packets ever queued at once: tests use it to prove the bound. */
    public int highWaterPackets() {
        return highWaterPackets;
    }

    /** Items physically held, dead ones included: never more than about twice the bound. */
    int physicalItems() {
        return items.size();
    }

    public void clear() {
        items.clear();
        byKey = null;
        livePackets = 0;
        liveBytes = 0;
        deadItems = 0;
    }

    private void kill(Item item) {
        item.dead = true;
        deadItems++;
        livePackets -= item.packets.size();
        liveBytes -= item.bytes;
        if (byKey != null) {
            byKey.remove(item.key, item);
        }
    }

    // Replaced items stay in the deque as tombstones until polled; a queue that is never
    // drained but keeps conflating would grow without this.
    private void compactIfNeeded() {
        if (deadItems > maxPackets && deadItems > items.size() / 2) {
            items.removeIf(i -> i.dead);
            deadItems = 0;
        }
    }
}
