package dev.jobcast.engineio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jobcast.engineio.OutboundQueue.Offer;
import dev.jobcast.engineio.codec.EioPacket;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** The session's outbound queue: its bounds, conflation, batching and tombstone compaction. */
class OutboundQueueTest {
    private static final int MANY = Integer.MAX_VALUE;
    private static final long LOTS = Long.MAX_VALUE;

    /** A text message weighing {@code weight} bytes (text length + 1). */
    private static EioPacket msg(String tag, int weight) {
        StringBuilder sb = new StringBuilder(tag);
        while (sb.length() < weight - 1) {
            sb.append('.');
        }
        return EioPacket.message(sb.toString());
    }

    private static EioPacket msg(String text) {
        return EioPacket.message(text);
    }

    @Test
    void weightIsTextLengthPlusTypeCharOrBinaryLength() {
        assertEquals(6, OutboundQueue.weight(msg("hello")));
        assertEquals(7, OutboundQueue.weight(EioPacket.message(new byte[7])));
    }

    @Test
    void overflowsAtThePacketBoundAndLeavesTheQueueUnchanged() {
        OutboundQueue q = new OutboundQueue(3, LOTS);
        assertEquals(Offer.QUEUED, q.offer(List.of(msg("a")), null));
        assertEquals(Offer.QUEUED, q.offer(List.of(msg("b")), null));
        assertEquals(Offer.QUEUED, q.offer(List.of(msg("c")), null));

        assertEquals(Offer.OVERFLOW, q.offer(List.of(msg("d")), null));

        assertEquals(3, q.packets());
        assertEquals(List.of(msg("a"), msg("b"), msg("c")), q.poll(MANY, LOTS));
        assertTrue(q.isEmpty());
    }

    @Test
    void everyPacketOfAMultiPacketItemCounts() {
        OutboundQueue q = new OutboundQueue(3, LOTS);
        assertEquals(Offer.QUEUED, q.offer(List.of(msg("h1"), msg("att1")), null));
        assertEquals(Offer.OVERFLOW, q.offer(List.of(msg("h2"), msg("att2")), null));
        assertEquals(Offer.QUEUED, q.offer(List.of(msg("x")), null));
        assertEquals(3, q.packets());
    }

    @Test
    void overflowsAtTheByteBound() {
        OutboundQueue q = new OutboundQueue(100, 10);
        assertEquals(Offer.QUEUED, q.offer(List.of(msg("a", 5)), null));
        assertEquals(Offer.QUEUED, q.offer(List.of(EioPacket.message(new byte[5])), null));
        assertEquals(10, q.bytes());

        assertEquals(Offer.OVERFLOW, q.offer(List.of(msg("")), null));

        assertEquals(10, q.bytes());
        assertEquals(2, q.packets());
    }

    @Test
    void anItemLargerThanTheBoundOverflowsEvenAnEmptyQueue() {
        OutboundQueue q = new OutboundQueue(100, 10);
        assertEquals(Offer.OVERFLOW, q.offer(List.of(msg("big", 11)), null));
        assertTrue(q.isEmpty());
    }

    @Test
    void conflationReplacesTheQueuedItemAndMovesItToTheTail() {
        OutboundQueue q = new OutboundQueue(10, LOTS);
        q.offer(List.of(msg("job1 10%")), "job1");
        q.offer(List.of(msg("chat")), null);
        q.offer(List.of(msg("job2 50%")), "job2");

        assertEquals(Offer.CONFLATED, q.offer(List.of(msg("job1 20%")), "job1"));

        assertEquals(3, q.packets());
        // job1's newer value goes after job2's: it was sent later, so per-key order is kept.
        assertEquals(List.of(msg("chat"), msg("job2 50%"), msg("job1 20%")), q.poll(MANY, LOTS));
        assertTrue(q.isEmpty());
    }

    @Test
    void aKeyIsFreeAgainOnceItsItemWasPolled() {
        OutboundQueue q = new OutboundQueue(10, LOTS);
        q.offer(List.of(msg("v1")), "k");
        assertEquals(List.of(msg("v1")), q.poll(MANY, LOTS));

        assertEquals(Offer.QUEUED, q.offer(List.of(msg("v2")), "k"));
        assertEquals(List.of(msg("v2")), q.poll(MANY, LOTS));
    }

    @Test
    void conflationIntoAFullQueueReplacesInsteadOfOverflowing() {
        OutboundQueue q = new OutboundQueue(2, 10);
        q.offer(List.of(msg("k", 5)), "k");
        q.offer(List.of(msg("x", 5)), null);

        assertEquals(Offer.CONFLATED, q.offer(List.of(msg("K", 5)), "k"));

        assertEquals(2, q.packets());
        assertEquals(10, q.bytes());
        assertEquals(List.of(msg("x", 5), msg("K", 5)), q.poll(MANY, LOTS));
    }

    @Test
    void aReplacementCountsAgainstTheBoundWithItsOwnSize() {
        OutboundQueue q = new OutboundQueue(3, LOTS);
        q.offer(List.of(msg("k1")), "k");
        q.offer(List.of(msg("x")), null);
        q.offer(List.of(msg("y")), null);

        // 3 - 1 (replaced) + 2 (replacement) > 3
        assertEquals(Offer.OVERFLOW, q.offer(List.of(msg("k2"), msg("k2 attachment")), "k"));

        // the old value is still queued, in its place
        assertEquals(List.of(msg("k1"), msg("x"), msg("y")), q.poll(MANY, LOTS));
    }

    @Test
    void pollTakesAtLeastOneWholeItemEvenAboveTheLimits() {
        OutboundQueue q = new OutboundQueue(10, LOTS);
        q.offer(List.of(msg("h", 50), msg("a1"), msg("a2")), null);
        q.offer(List.of(msg("next")), null);

        assertEquals(List.of(msg("h", 50), msg("a1"), msg("a2")), q.poll(1, 1));
        assertEquals(List.of(msg("next")), q.poll(1, 1));
    }

    @Test
    void pollStopsAtThePacketLimitWithoutSplittingAnItem() {
        OutboundQueue q = new OutboundQueue(10, LOTS);
        q.offer(List.of(msg("a"), msg("a'")), null);
        q.offer(List.of(msg("b"), msg("b'")), null);
        q.offer(List.of(msg("c"), msg("c'")), null);

        assertEquals(List.of(msg("a"), msg("a'"), msg("b"), msg("b'")), q.poll(5, LOTS));
        assertEquals(2, q.packets());
        assertEquals(List.of(msg("c"), msg("c'")), q.poll(5, LOTS));
    }

    @Test
    void pollStopsAtTheByteLimit() {
        OutboundQueue q = new OutboundQueue(10, LOTS);
        q.offer(List.of(msg("a", 5)), null);
        q.offer(List.of(msg("b", 5)), null);
        q.offer(List.of(msg("c", 5)), null);

        assertEquals(List.of(msg("a", 5), msg("b", 5)), q.poll(MANY, 12));
        assertEquals(5, q.bytes());
    }

    @Test
    void clearDropsEverythingAndFreesTheKeys() {
        OutboundQueue q = new OutboundQueue(10, LOTS);
        q.offer(List.of(msg("a")), "k");
        q.offer(List.of(msg("b")), null);
        q.clear();
        assertTrue(q.isEmpty());
        assertEquals(0, q.bytes());
        assertEquals(List.of(), q.poll(MANY, LOTS));
        assertEquals(Offer.QUEUED, q.offer(List.of(msg("c")), "k"));
    }

    @Test
    void endlessConflationWithoutDrainingKeepsThePhysicalSizeBounded() {
        int bound = 8;
        OutboundQueue q = new OutboundQueue(bound, LOTS);
        for (int k = 0; k < bound; k++) {
            assertEquals(Offer.QUEUED, q.offer(List.of(msg("k" + k + "=0")), "k" + k));
        }
        int maxPhysical = 0;
        for (int i = 1; i <= 100_000; i++) {
            String key = "k" + (i % bound);
            assertEquals(Offer.CONFLATED, q.offer(List.of(msg(key + "=" + i)), key));
            maxPhysical = Math.max(maxPhysical, q.physicalItems());
        }
        assertTrue(maxPhysical <= 2 * bound + 1, "tombstones piled up: " + maxPhysical + " items held");
        assertEquals(bound, q.packets());
        List<EioPacket> expected = new ArrayList<>();
        for (int i = 100_000 - bound + 1; i <= 100_000; i++) {
            expected.add(msg("k" + (i % bound) + "=" + i));
        }
        assertEquals(expected, q.poll(MANY, LOTS));
    }

    // ---- property: the queue behaves as a simple list model, within its bounds ------------

    /** An offer of {@code packets} packets of {@code weight} bytes each (key -1: none), or a poll. */
    record Op(boolean poll, int key, int packets, int weight, int maxPacketsOut, int maxBytesOut) {
    }

    private record Entry(int seq, int key, List<EioPacket> packets, long bytes) {
    }

    @Property(tries = 500)
    void behavesLikeABoundedListWithConflation(@ForAll("ops") List<Op> ops,
                                               @ForAll("maxPackets") int maxPackets,
                                               @ForAll("maxBytes") int maxBytes) {
        OutboundQueue q = new OutboundQueue(maxPackets, maxBytes);
        List<Entry> model = new ArrayList<>();
        Map<Integer, Integer> lastPolledSeq = new HashMap<>();
        int seq = 0;
        for (Op op : ops) {
            if (op.poll()) {
                List<EioPacket> expected = modelPoll(model, op.maxPacketsOut(), op.maxBytesOut());
                List<EioPacket> polled = q.poll(op.maxPacketsOut(), op.maxBytesOut());
                assertEquals(expected, polled);
                for (EioPacket p : polled) {
                    String[] parts = p.text().split(":");
                    int key = Integer.parseInt(parts[0]);
                    int s = Integer.parseInt(parts[1]);
                    if (key >= 0 && parts[2].startsWith("0")) {
                        Integer before = lastPolledSeq.put(key, s);
                        assertTrue(before == null || before < s, "key " + key + " went back from " + before + " to " + s);
                    }
                }
            } else {
                seq++;
                List<EioPacket> packets = new ArrayList<>();
                for (int i = 0; i < op.packets(); i++) {
                    packets.add(msg(op.key() + ":" + seq + ":" + i + ":", op.weight()));
                }
                long bytes = packets.stream().mapToLong(OutboundQueue::weight).sum();
                String key = op.key() < 0 ? null : "k" + op.key();
                Offer expected = modelOffer(model, new Entry(seq, op.key(), packets, bytes), maxPackets, maxBytes);
                assertEquals(expected, q.offer(packets, key));
            }
            int livePackets = model.stream().mapToInt(e -> e.packets().size()).sum();
            long liveBytes = model.stream().mapToLong(Entry::bytes).sum();
            assertEquals(livePackets, q.packets());
            assertEquals(liveBytes, q.bytes());
            assertTrue(q.packets() <= maxPackets);
            assertTrue(q.bytes() <= maxBytes);
            assertTrue(q.highWaterPackets() <= maxPackets);
            assertTrue(q.physicalItems() <= 2 * maxPackets + 1, "physical items " + q.physicalItems());
        }
    }

    private static Offer modelOffer(List<Entry> model, Entry e, int maxPackets, long maxBytes) {
        Entry previous = e.key() < 0 ? null
                : model.stream().filter(x -> x.key() == e.key()).findFirst().orElse(null);
        int packets = model.stream().mapToInt(x -> x.packets().size()).sum() + e.packets().size()
                - (previous == null ? 0 : previous.packets().size());
        long bytes = model.stream().mapToLong(Entry::bytes).sum() + e.bytes()
                - (previous == null ? 0 : previous.bytes());
        if (packets > maxPackets || bytes > maxBytes) {
            return Offer.OVERFLOW;
        }
        model.remove(previous);
        model.add(e);
        return previous == null ? Offer.QUEUED : Offer.CONFLATED;
    }

    private static List<EioPacket> modelPoll(List<Entry> model, int maxPacketsOut, long maxBytesOut) {
        List<EioPacket> out = new ArrayList<>();
        long bytes = 0;
        Iterator<Entry> it = model.iterator();
        while (it.hasNext()) {
            Entry e = it.next();
            if (!out.isEmpty() && (out.size() + e.packets().size() > maxPacketsOut || bytes + e.bytes() > maxBytesOut)) {
                break;
            }
            it.remove();
            out.addAll(e.packets());
            bytes += e.bytes();
        }
        return out;
    }

    @Provide
    Arbitrary<List<Op>> ops() {
        Arbitrary<Op> offer = Combinators.combine(
                        Arbitraries.integers().between(-1, 3),
                        Arbitraries.integers().between(1, 3),
                        Arbitraries.integers().between(8, 40))
                .as((key, packets, weight) -> new Op(false, key, packets, weight, 0, 0));
        Arbitrary<Op> poll = Combinators.combine(
                        Arbitraries.integers().between(1, 6),
                        Arbitraries.integers().between(1, 200))
                .as((maxOut, maxBytesOut) -> new Op(true, 0, 0, 0, maxOut, maxBytesOut));
        return Arbitraries.frequencyOf(
                        net.jqwik.api.Tuple.of(4, offer),
                        net.jqwik.api.Tuple.of(1, poll))
                .list().ofMaxSize(200);
    }

    @Provide
    Arbitrary<Integer> maxPackets() {
        return Arbitraries.integers().between(1, 12);
    }

    @Provide
    Arbitrary<Integer> maxBytes() {
        return Arbitraries.integers().between(8, 400);
    }
}
