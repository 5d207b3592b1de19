package dev.jobcast.jobs;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands every persisted job event to the subscribers of this node (the Socket.IO bridge,
 * metrics). Called on the entity's actor: subscribers must only hand the update on
 * (tell an actor), never block.
 */
public final class JobUpdateBus implements Consumer<JobUpdate> {
    private static final Logger LOG = LoggerFactory.getLogger(JobUpdateBus.class);
    private final List<Consumer<JobUpdate>> subscribers = new CopyOnWriteArrayList<>();

    @Override
    public void accept(JobUpdate update) {
        for (Consumer<JobUpdate> s : subscribers) {
            try {
                s.accept(update);
            } catch (RuntimeException e) {
                LOG.error("job update subscriber failed on job {} seq {}", update.jobId(), update.seq(), e);
            }
        }
    }

    /** Returns what unsubscribes. */
    public Runnable subscribe(Consumer<JobUpdate> subscriber) {
        subscribers.add(subscriber);
        return () -> subscribers.remove(subscriber);
    }
}
