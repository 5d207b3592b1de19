package dev.jobcast.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import org.apache.pekko.pattern.StatusReply;
import org.junit.jupiter.api.Test;

/** The batch of a job entity is bounded in commands and in events. */
class CommandBatchTest {
    private static final Instant AT = Instant.parse("2024-05-01T10:00:00Z");
    private static final JobState RUNNING = JobState.EMPTY
            .apply(new JobEvent.Created(1, 7, "essay", JobState.EXTERNAL, null, AT))
            .apply(new JobEvent.Started(AT));

    private static CommandBatch.Decided report(JobState before, int progress) {
        JobEvent e = new JobEvent.ProgressReported(progress, "m" + progress, null, AT);
        JobState after = before.apply(e);
        return new CommandBatch.Decided(null, StatusReply.success(after), List.of(e), List.of(JobUpdate.of(after, e)));
    }

    private static CommandBatch.Decided noEvents(JobState at) {
        return new CommandBatch.Decided(null, StatusReply.success(at), List.of(), List.of());
    }

    @Test
    void fullOnceOneMoreCommandCouldPassTheEventBound() {
        CommandBatch batch = new CommandBatch();
        JobState s = RUNNING;
        int added = 0;
        while (!batch.full()) {
            CommandBatch.Decided d = report(s, added % 100);
            batch.add(d);
            s = d.reply().getValue();
            added++;
        }
        // One more command may add two events: the batch stops one short of MAX events.
        assertEquals(CommandBatch.MAX - 1, batch.events());
        assertEquals(CommandBatch.MAX - 1, added);
        CommandBatch.Decided more = report(s, 1);
        assertThrows(IllegalStateException.class, () -> batch.add(more));
        assertSame(s, batch.stateAfter(RUNNING), "the state after the batch's events");

        CommandBatch.Taken taken = batch.take();
        assertEquals(CommandBatch.MAX - 1, taken.events().size());
        assertEquals(CommandBatch.MAX - 1, taken.commands().size());
        assertTrue(batch.isEmpty());
        assertFalse(batch.full());
        assertEquals(0, batch.events());
        assertSame(RUNNING, batch.stateAfter(RUNNING), "an empty batch adds nothing to the journal's state");
    }

    @Test
    void fullAtMaxCommandsEvenWithoutEvents() {
        CommandBatch batch = new CommandBatch();
        CommandBatch.Decided first = report(RUNNING, 5);
        batch.add(first);
        while (!batch.full()) {
            batch.add(noEvents(first.reply().getValue()));
        }
        assertEquals(CommandBatch.MAX, batch.size());
        assertEquals(1, batch.events());
        assertThrows(IllegalStateException.class, () -> batch.add(noEvents(RUNNING)));
        assertEquals(CommandBatch.MAX, batch.take().commands().size());
    }

    @Test
    void aCommandAddsTwoEventsAtMost() {
        JobEvent e = new JobEvent.Started(AT);
        assertThrows(IllegalArgumentException.class,
                () -> new CommandBatch.Decided(null, StatusReply.success(RUNNING), List.of(e, e, e), List.of()));
    }
}
