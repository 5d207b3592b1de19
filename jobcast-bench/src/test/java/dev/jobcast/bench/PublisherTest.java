package dev.jobcast.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A publish run's way through its schedule, with the time passed in (Publisher.Run), and the
 * run's figures as /stats gives them (Publisher on a real ticker, checked for counts only).
 */
class PublisherTest {
    private static final long MS = 1_000_000;

    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();

    @AfterEach
    void stopTicker() {
        ticker.shutdownNow();
    }

    /** What a sink was asked and took, as "r{room}#{seq}". */
    private static final class Recorder implements Publisher.Sink {
        final List<String> taken = Collections.synchronizedList(new ArrayList<>());
        final List<String> refused = new ArrayList<>();
        int calls;
        // Refuses calls refuseEvery-1, 2*refuseEvery-1, ...; 0 never.
        final int refuseEvery;

        Recorder(int refuseEvery) {
            this.refuseEvery = refuseEvery;
        }

        @Override
        public boolean send(int room, long seq) {
            calls++;
            if (refuseEvery > 0 && calls % refuseEvery == 0) {
                refused.add("r" + room + "#" + seq);
                return false;
            }
            taken.add("r" + room + "#" + seq);
            return true;
        }
    }

    /** The whole schedule of rooms x total, in order of due time. */
    private static List<String> schedule(int rooms, long total) {
        List<String> all = new ArrayList<>();
        for (long seq = 1; seq <= total; seq++) {
            for (int room = 0; room < rooms; room++) {
                all.add("r" + room + "#" + seq);
            }
        }
        return all;
    }

    @Test
    void eachTickSendsWhatIsDueInScheduleOrder() {
        Recorder sink = new Recorder(0);
        Publisher.Run run = new Publisher.Run(sink, new Pacer(4, 2, 1));
        assertFalse(run.advance(0));
        assertEquals(List.of("r0#1"), sink.taken);
        assertFalse(run.advance(124 * MS));
        assertEquals(List.of("r0#1"), sink.taken, "room 1's phase is 125 ms");
        assertFalse(run.advance(125 * MS));
        assertEquals(List.of("r0#1", "r1#1"), sink.taken);
        // A late tick catches up with everything that fell due meanwhile, in order.
        assertFalse(run.advance(510 * MS));
        assertEquals(List.of("r0#1", "r1#1", "r2#1", "r3#1", "r0#2"), sink.taken);
        assertTrue(run.advance(875 * MS));
        assertEquals(schedule(4, 2), sink.taken);
        assertEquals(8, run.sent());
        assertEquals(2, run.sentToEveryRoom());
    }

    @Test
    void notNowMakesTheRunWaitAndResumeWithoutSkippingOrRepeating() {
        // Every third call is refused: the run stops there, and the next tick offers the same update again.
        Recorder sink = new Recorder(3);
        Pacer pacer = new Pacer(3, 10, 1);
        Publisher.Run run = new Publisher.Run(sink, pacer);
        boolean done = false;
        long ticks = 0;
        for (long t = 0; !done; t += MS) {
            done = run.advance(t);
            ticks++;
            assertTrue(ticks < 10_000, "the run never ended");
        }
        assertEquals(schedule(3, 10), sink.taken);
        assertEquals(30, run.sent());
        assertEquals(10, run.sentToEveryRoom());
        assertFalse(sink.refused.isEmpty());
        for (String refused : sink.refused) {
            assertTrue(sink.taken.contains(refused), refused + " was sent once it was taken");
        }
    }

    @Test
    void aRefusedUpdateIsTheFirstOfferedOnTheNextTick() {
        AtomicBoolean open = new AtomicBoolean(true);
        List<String> offered = new ArrayList<>();
        Publisher.Run run = new Publisher.Run((room, seq) -> {
            offered.add("r" + room + "#" + seq);
            return open.get();
        }, new Pacer(2, 1, 3));
        run.advance(0);
        open.set(false);
        // Due by 2 s (one every 0.5 s): r1#1, r0#2, r1#2, r0#3; the sink refuses the first of them.
        run.advance(2_000 * MS);
        assertEquals(1, run.sent());
        open.set(true);
        run.advance(2_000 * MS);
        assertEquals(List.of("r0#1", "r1#1", "r1#1", "r0#2", "r1#2", "r0#3"), offered);
        assertEquals(5, run.sent());
        assertEquals(2, run.sentToEveryRoom(), "room 1 has had 2 updates, room 0 three");
    }

    @Test
    void anEmptyRunEndsAtOnce() {
        Recorder sink = new Recorder(0);
        assertTrue(new Publisher.Run(sink, new Pacer(3, 0.1, 1)).advance(0));
        assertTrue(sink.taken.isEmpty());
    }

    private static Publisher.Status awaitEnd(Publisher publisher) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        Publisher.Status s = publisher.status();
        while (s.publishing()) {
            assertTrue(System.nanoTime() < deadline, "the run did not end");
            Thread.sleep(10);
            s = publisher.status();
        }
        return s;
    }

    @Test
    void statusCountsTheCurrentRunOnly() throws Exception {
        AtomicBoolean open = new AtomicBoolean(true);
        List<String> taken = Collections.synchronizedList(new ArrayList<>());
        Publisher publisher = new Publisher(request -> (room, seq) -> {
            if (!open.get()) {
                return false;
            }
            taken.add(request.prefix() + room + "#" + seq);
            return true;
        }, ticker);
        assertEquals(new Publisher.Status(false, 0, 0, 0, 0), publisher.status());

        assertTrue(publisher.start(new Publisher.Request(2, "a", 20, 0.25)) > 0);
        Publisher.Status first = awaitEnd(publisher);
        assertEquals(10, first.published());
        assertEquals(5, first.publishedPerRoom());
        assertTrue(first.endedAt() >= first.startedAt());

        // The second run's sink takes nothing until told: its count starts from 0, not from the first run's.
        open.set(false);
        assertTrue(publisher.start(new Publisher.Request(3, "b", 10, 0.2)) > 0);
        Publisher.Status started = publisher.status();
        assertTrue(started.publishing());
        assertEquals(0, started.published());
        assertEquals(0, started.publishedPerRoom());
        assertEquals(0, started.endedAt());
        open.set(true);
        Publisher.Status second = awaitEnd(publisher);
        assertEquals(6, second.published());
        assertEquals(2, second.publishedPerRoom());
        List<String> expected = new ArrayList<>();
        schedule(2, 5).forEach(s -> expected.add("a" + s.substring(1)));
        schedule(3, 2).forEach(s -> expected.add("b" + s.substring(1)));
        assertEquals(expected, taken);
    }
}
