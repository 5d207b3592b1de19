package dev.jobcast.jobs;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;

/**
 * Hosts the job entities of this node: starts one on its first command, passivates it when
 * idle, and holds the commands that arrive while one stops so that two incarnations of a
 * job never write to the journal at once. (Cluster Sharding plays this part on a cluster.)
 */
public final class JobRegistry extends AbstractBehavior<JobRegistry.Command> {

    public sealed interface Command {
    }

    public record Deliver(long jobId, JobEntity.Command command) implements Command {
    }

    record Passivate(long jobId, ActorRef<JobEntity.Command> entity) implements Command {
    }

    private record Stopped(long jobId, ActorRef<JobEntity.Command> entity) implements Command {
    }

    /** Commands held for one stopping entity at most; more than this means something is wrong. */
    static final int MAX_HELD_PER_JOB = 10_000;

    private final int snapshotEvery;
    private final Duration idleAfter;
    private final Consumer<JobUpdate> publisher;
    private final Clock clock;
    private final Map<Long, ActorRef<JobEntity.Command>> entities = new HashMap<>();
    private final Map<Long, List<JobEntity.Command>> held = new HashMap<>();

    public static Behavior<Command> create(int snapshotEvery, Duration idleAfter, Consumer<JobUpdate> publisher,
                                           Clock clock) {
        return Behaviors.setup(ctx -> new JobRegistry(ctx, snapshotEvery, idleAfter, publisher, clock));
    }

    private JobRegistry(ActorContext<Command> ctx, int snapshotEvery, Duration idleAfter,
                        Consumer<JobUpdate> publisher, Clock clock) {
        super(ctx);
        this.snapshotEvery = snapshotEvery;
        this.idleAfter = idleAfter;
        this.publisher = publisher;
        this.clock = clock;
    }

    @Override
    public Receive<Command> createReceive() {
        return newReceiveBuilder()
                .onMessage(Deliver.class, this::onDeliver)
                .onMessage(Passivate.class, this::onPassivate)
                .onMessage(Stopped.class, this::onStopped)
                .build();
    }

    private Behavior<Command> onDeliver(Deliver d) {
        List<JobEntity.Command> waiting = held.get(d.jobId());
        if (waiting != null) {
            if (waiting.size() < MAX_HELD_PER_JOB) {
                waiting.add(d.command());
            } else {
                getContext().getLog().warn("job {}: dropping a command, {} already held", d.jobId(), waiting.size());
            }
            return this;
        }
        entity(d.jobId()).tell(d.command());
        return this;
    }

    private ActorRef<JobEntity.Command> entity(long jobId) {
        return entities.computeIfAbsent(jobId, id -> {
            ActorRef<JobEntity.Command> ref = getContext().spawn(
                    JobEntity.create(id, snapshotEvery, idleAfter, getContext().getSelf(), publisher, clock),
                    "job-" + id);
            getContext().watchWith(ref, new Stopped(id, ref));
            return ref;
        });
    }

    private Behavior<Command> onPassivate(Passivate p) {
        // equals, not ==: each ActorRef wrapper is its own object (spawn's and the entity's getSelf() differ).
        if (p.entity().equals(entities.get(p.jobId())) && !held.containsKey(p.jobId())) {
            entities.remove(p.jobId());
            held.put(p.jobId(), new ArrayList<>());
            p.entity().tell(JobEntity.Stop.INSTANCE);
        }
        return this;
    }

    private Behavior<Command> onStopped(Stopped s) {
        entities.remove(s.jobId(), s.entity());
        List<JobEntity.Command> waiting = held.remove(s.jobId());
        if (waiting != null && !waiting.isEmpty()) {
            ActorRef<JobEntity.Command> fresh = entity(s.jobId());
            waiting.forEach(fresh::tell);
        }
        return this;
    }
}
