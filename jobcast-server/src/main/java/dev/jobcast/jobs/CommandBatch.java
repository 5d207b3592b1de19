package dev.jobcast.jobs;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.pattern.StatusReply;

/**
 * The commands a job entity has decided but not yet written: their events go to the journal
 * in one atomic write, then every update is published and every sender answered, in order.
 * Bounded: {@link #full()} once it holds {@link #MAX} commands or could exceed {@link #MAX}
 * events with one more command (a command adds two events at most), and it refuses more.
 * Not thread-safe: it belongs to the entity's actor.
 */
final class CommandBatch {
    /** Commands, and events, in one batch at most. */
    static final int MAX = 200;
    /** The most events one command adds (an external job's first report: started, progress). */
    static final int MAX_EVENTS_PER_COMMAND = 2;

    /**
     * One command decided against the state before it: the events it adds, the updates they
     * make, and the answer its sender gets once they are in the journal.
     */
    record Decided(ActorRef<StatusReply<JobState>> replyTo, StatusReply<JobState> reply, List<JobEvent> events,
                   List<JobUpdate> updates) {
        Decided {
            if (events.size() > MAX_EVENTS_PER_COMMAND) {
                throw new IllegalArgumentException(events.size() + " events for one command");
            }
        }
    }

    /** A batch taken out for writing. */
    record Taken(List<Decided> commands, List<JobEvent> events) {
        /** After the write: every update in journal order, then every answer. */
        void answer(Consumer<JobUpdate> publisher) {
            for (Decided d : commands) {
                d.updates().forEach(publisher);
            }
            for (Decided d : commands) {
                d.replyTo().tell(d.reply());
            }
        }
    }

    private final List<Decided> commands = new ArrayList<>();
    private int events;
    private JobState state;

    boolean isEmpty() {
        return commands.isEmpty();
    }

    int size() {
        return commands.size();
    }

    int events() {
        return events;
    }

    /** The state with the batch's events applied, or {@code journalState} when it adds none. */
    JobState stateAfter(JobState journalState) {
        return state != null ? state : journalState;
    }

    /** No room for one more command. */
    boolean full() {
        return commands.size() >= MAX || events > MAX - MAX_EVENTS_PER_COMMAND;
    }

    void add(Decided d) {
        if (full()) {
            throw new IllegalStateException("the batch is full (" + commands.size() + " commands, " + events
                    + " events): write it first");
        }
        commands.add(d);
        events += d.events().size();
        if (!d.events().isEmpty()) {
            state = d.reply().getValue();
        }
    }

    /** Empties the batch and hands out what it held. */
    Taken take() {
        List<Decided> taken = List.copyOf(commands);
        List<JobEvent> all = new ArrayList<>(events);
        for (Decided d : taken) {
            all.addAll(d.events());
        }
        commands.clear();
        events = 0;
        state = null;
        return new Taken(taken, all);
    }
}
