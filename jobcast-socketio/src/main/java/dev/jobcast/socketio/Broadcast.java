package dev.jobcast.socketio;

import dev.jobcast.socketio.rooms.RoomCommand;
import java.util.HashSet;
import java.util.Set;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * An immutable description of who gets an event: rooms of one namespace (every socket of
 * it when none is named), minus the members of the excepted rooms.
 */
public final class Broadcast {
    private final ActorRef<RoomCommand> registry;
    private final String nsp;
    private final Set<String> rooms;
    private final Set<String> except;
    private final String conflationKey;
    private final String streamKey;
    private final long order;

    Broadcast(ActorRef<RoomCommand> registry, String nsp, Set<String> rooms, Set<String> except, String conflationKey,
              String streamKey, long order) {
        this.registry = registry;
        this.nsp = nsp;
        this.rooms = Set.copyOf(rooms);
        this.except = Set.copyOf(except);
        this.conflationKey = conflationKey;
        this.streamKey = streamKey;
        this.order = order;
    }

    public Broadcast to(String... more) {
        return new Broadcast(registry, nsp, union(rooms, more), except, conflationKey, streamKey, order);
    }

    public Broadcast except(String... more) {
        return new Broadcast(registry, nsp, rooms, union(except, more), conflationKey, streamKey, order);
    }

    /**
     * Marks the event as item {@code order} of an ordered stream: a socket never gets an
     * item of that stream at or below what it already has (see {@link OrderedStreams#hold}).
     */
    public Broadcast ordered(String key, long itemOrder) {
        return new Broadcast(registry, nsp, rooms, except, conflationKey, key, itemOrder);
    }

    /**
     * Marks the event as conflatable: a recipient whose queue still holds an undelivered
     * event with the same key gets only the newer one.
     */
    public Broadcast conflate(String key) {
        return new Broadcast(registry, nsp, rooms, except, key, streamKey, order);
    }

    public void emit(String event, Object... args) {
        registry.tell(new RoomCommand.Broadcast(nsp, rooms, except, Args.event(event, Args.of(args)), conflationKey,
                streamKey, order));
    }

    private static Set<String> union(Set<String> a, String[] b) {
        Set<String> s = new HashSet<>(a);
        s.addAll(Set.of(b));
        return s;
    }
}
