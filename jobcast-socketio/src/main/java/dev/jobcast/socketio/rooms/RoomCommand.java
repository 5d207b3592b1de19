package dev.jobcast.socketio.rooms;

import com.fasterxml.jackson.databind.node.ArrayNode;
import java.util.Set;
import org.apache.pekko.actor.typed.ActorRef;

/** The protocol of the {@link RoomRegistry} actor. */
public sealed interface RoomCommand {

    /** Puts socket {@code socketId} of namespace {@code nsp} in {@code rooms}; acks with {@code token} if asked. */
    record Join(String nsp, String socketId, Set<String> rooms, ActorRef<RoomDelivery> member,
                ActorRef<Joined> replyTo, long token) implements RoomCommand {
    }

    record Joined(long token) implements RoomReply {
    }

    record Leave(String nsp, String socketId, String room) implements RoomCommand {
    }

    /** The socket left its namespace: out of every room; {@code rooms} are those it is in. */
    record LeaveAll(String nsp, String socketId, Set<String> rooms) implements RoomCommand {
        public LeaveAll {
            rooms = Set.copyOf(rooms);
        }
    }

    /**
     * Sends the event (name first in {@code eventArgs}) to every socket of {@code nsp} in any
     * of {@code rooms} (all its sockets when empty) and in none of {@code except}.
     */
    record Broadcast(String nsp, Set<String> rooms, Set<String> except, ArrayNode eventArgs, String conflationKey,
                     String streamKey, long order) implements RoomCommand {
    }

    /**
     * Connection state recovery: finds the saved session and what it missed, and puts the
     * socket back in its rooms, in one step, so that no broadcast falls between the two.
     * {@code after} is the last stored packet the client says it has.
     */
    record RestoreAndJoin(String nsp, String pid, long after, ActorRef<RoomDelivery> member,
                          ActorRef<RestoreResult> replyTo) implements RoomCommand {
    }

    /** {@code restored} is null when the session could not be recovered exactly. */
    record RestoreResult(String nsp, dev.jobcast.socketio.recovery.RecoveryStore.Restored restored) implements RoomReply {
    }

    record GetStats(ActorRef<Stats> replyTo) implements RoomCommand {
    }

    /** Counts for operations: sockets and rooms (own-id rooms not counted) per registry. */
    record Stats(int sockets, int rooms, long broadcasts, long deliveries) {
    }
}
