package dev.jobcast.jobs.runners;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jobcast.jobs.runners.DemoQueue.Decision;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Slots and the bounded waiting line of the demo runner, as a value. */
class DemoQueueTest {

    @Test
    void runsUpToParallelismThenQueuesUpToTheBoundThenRefuses() {
        DemoQueue q = DemoQueue.empty(2, 1);
        var a = q.enqueue(1);
        assertEquals(Decision.RUN, a.decision());
        var b = a.queue().enqueue(2);
        assertEquals(Decision.RUN, b.decision());
        var c = b.queue().enqueue(3);
        assertEquals(Decision.WAIT, c.decision());
        var d = c.queue().enqueue(4);
        assertEquals(Decision.REFUSE, d.decision());
        assertEquals(c.queue(), d.queue(), "a refused job leaves no trace");
        assertEquals(Set.of(1L, 2L), d.queue().running());
        assertEquals(List.of(3L), d.queue().waiting());
    }

    @Test
    void aJobHandedOverTwiceIsNotRunTwice() {
        DemoQueue q = DemoQueue.empty(1, 5).enqueue(1).queue().enqueue(2).queue();
        assertEquals(Decision.DUPLICATE, q.enqueue(1).decision());
        assertEquals(Decision.DUPLICATE, q.enqueue(2).decision());
        assertEquals(q, q.enqueue(2).queue());
    }

    @Test
    void aFreedSlotGoesToTheOldestWaitingJob() {
        DemoQueue q = DemoQueue.empty(1, 5);
        for (long id = 1; id <= 4; id++) {
            q = q.enqueue(id).queue();
        }
        DemoQueue.Release r = q.release(1);
        assertEquals(Optional.of(2L), r.next());
        assertEquals(Set.of(2L), r.queue().running());
        assertEquals(List.of(3L, 4L), r.queue().waiting());

        DemoQueue.Release last = r.queue().release(2).queue().release(3).queue().release(4);
        assertEquals(Optional.empty(), last.next());
        assertTrue(last.queue().running().isEmpty());
        assertTrue(last.queue().waiting().isEmpty());
    }

    @Test
    void releasingAJobThatDoesNotRunChangesNothing() {
        DemoQueue q = DemoQueue.empty(1, 5).enqueue(1).queue().enqueue(2).queue();
        DemoQueue.Release r = q.release(2);
        assertEquals(Optional.empty(), r.next(), "a waiting job does not hold a slot");
        assertEquals(q, r.queue());
        assertEquals(q, q.release(99).queue());
    }

    @Test
    void withNoRoomToWaitABusyRunnerRefusesAtOnce() {
        DemoQueue q = DemoQueue.empty(1, 0).enqueue(1).queue();
        assertEquals(Decision.REFUSE, q.enqueue(2).decision());
    }

    @Test
    void valuesNeverChangeAndCannotBeChanged() {
        DemoQueue before = DemoQueue.empty(1, 2).enqueue(1).queue();
        before.enqueue(2).queue().enqueue(3);
        before.release(1);
        assertEquals(Set.of(1L), before.running());
        assertTrue(before.waiting().isEmpty());
        assertThrows(UnsupportedOperationException.class, () -> before.running().add(5L));
        assertThrows(UnsupportedOperationException.class, () -> before.enqueue(2).queue().waiting().add(5L));
        assertThrows(IllegalArgumentException.class, () -> DemoQueue.empty(0, 1));
        assertThrows(IllegalArgumentException.class, () -> DemoQueue.empty(1, -1));
    }
}
