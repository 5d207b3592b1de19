package dev.jobcast.socketio.rooms;

import dev.jobcast.engineio.codec.EioPacket;
import dev.jobcast.socketio.codec.EncodedPacket;
import dev.jobcast.socketio.codec.SioEncoder;
import dev.jobcast.socketio.codec.SioPacket;
import dev.jobcast.socketio.recovery.RecoveryStore;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * Rooms to members, per namespace, and the fan-out of broadcasts. A broadcast is encoded
 * once and the same frames are handed to every member; members are connection actors
 * whose own queues are bounded, so this actor never waits for a slow one.
 */
public final class RoomRegistry {

    /**
     * A socket's own room (named by its id) is not kept in {@code membersOf}: {@code members}
     * already names it. Nor are a socket's rooms kept here per socket: the socket knows them,
     * and says which when it leaves them all. An idle server holds tens of thousands of sockets.
     */
    private static final class Namespace {
        final Map<String, ActorRef<RoomDelivery>> members = new HashMap<>();
        final Map<String, Set<String>> membersOf = new HashMap<>();
    }

    private final Map<String, Namespace> namespaces = new HashMap<>();
    private final RecoveryStore recovery;
    private long broadcasts;
    private long deliveries;

    private RoomRegistry(RecoveryStore recovery) {
        this.recovery = recovery;
    }

    /** @param recovery where events are recorded for connection state recovery, or null when it is off */
    public static Behavior<RoomCommand> create(RecoveryStore recovery) {
        return Behaviors.setup(ctx -> new RoomRegistry(recovery).behavior());
    }

    private Behavior<RoomCommand> behavior() {
        return Behaviors.receive(RoomCommand.class)
                .onMessage(RoomCommand.Join.class, this::join)
                .onMessage(RoomCommand.Leave.class, this::leave)
                .onMessage(RoomCommand.LeaveAll.class, this::leaveAll)
                .onMessage(RoomCommand.Broadcast.class, this::broadcast)
                .onMessage(RoomCommand.RestoreAndJoin.class, this::restoreAndJoin)
                .onMessage(RoomCommand.GetStats.class, this::stats)
                .build();
    }

    private Behavior<RoomCommand> join(RoomCommand.Join j) {
        add(j.nsp(), j.socketId(), j.rooms(), j.member());
        if (j.replyTo() != null) {
            j.replyTo().tell(new RoomCommand.Joined(j.token()));
        }
        return Behaviors.same();
    }

    private void add(String nsp, String socketId, Set<String> rooms, ActorRef<RoomDelivery> member) {
        Namespace ns = namespaces.computeIfAbsent(nsp, n -> new Namespace());
        ns.members.put(socketId, member);
        for (String room : rooms) {
            if (!room.equals(socketId)) {
                ns.membersOf.computeIfAbsent(room, r -> new HashSet<>()).add(socketId);
            }
        }
    }

    private Behavior<RoomCommand> restoreAndJoin(RoomCommand.RestoreAndJoin r) {
        RecoveryStore.Restored restored = recovery == null ? null : recovery.restore(r.pid(), r.after()).orElse(null);
        if (restored != null && restored.session().nsp().equals(r.nsp())) {
            Set<String> rooms = new HashSet<>(restored.session().rooms());
            rooms.add(restored.session().sid());
            add(r.nsp(), restored.session().sid(), rooms, r.member());
        } else {
            restored = null;
        }
        r.replyTo().tell(new RoomCommand.RestoreResult(r.nsp(), restored));
        return Behaviors.same();
    }

    private Behavior<RoomCommand> leave(RoomCommand.Leave l) {
        Namespace ns = namespaces.get(l.nsp());
        if (ns != null) {
            removeMember(ns, l.room(), l.socketId());
        }
        return Behaviors.same();
    }

    private Behavior<RoomCommand> leaveAll(RoomCommand.LeaveAll l) {
        Namespace ns = namespaces.get(l.nsp());
        if (ns != null) {
            ns.members.remove(l.socketId());
            for (String room : l.rooms()) {
                removeMember(ns, room, l.socketId());
            }
            if (ns.members.isEmpty()) {
                namespaces.remove(l.nsp());
            }
        }
        return Behaviors.same();
    }

    private static void removeMember(Namespace ns, String room, String socketId) {
        Set<String> members = ns.membersOf.get(room);
        if (members != null) {
            members.remove(socketId);
            if (members.isEmpty()) {
                ns.membersOf.remove(room);
            }
        }
    }

    private Behavior<RoomCommand> broadcast(RoomCommand.Broadcast b) {
        broadcasts++;
        Namespace ns = namespaces.get(b.nsp());
        // Items of ordered streams are not stored: the application replays them from its history.
        long packetSeq = recovery == null || b.streamKey() != null ? -1
                : recovery.append(b.nsp(), b.rooms(), b.except(), b.eventArgs());
        if (ns == null) {
            return Behaviors.same();
        }
        Set<String> targets = targets(ns, b.rooms(), b.except());
        if (targets.isEmpty()) {
            return Behaviors.same();
        }
        RoomDelivery delivery = new RoomDelivery(b.nsp(),
                frames(SioEncoder.encode(SioPacket.event(b.nsp(), b.eventArgs(), null))),
                b.conflationKey(), b.streamKey(), b.order(), packetSeq);
        for (String socketId : targets) {
            ActorRef<RoomDelivery> member = ns.members.get(socketId);
            if (member != null) {
                member.tell(delivery);
                deliveries++;
            }
        }
        return Behaviors.same();
    }

    private static Set<String> targets(Namespace ns, Set<String> rooms, Set<String> except) {
        Set<String> targets = new HashSet<>();
        if (rooms.isEmpty()) {
            targets.addAll(ns.members.keySet());
        } else {
            for (String room : rooms) {
                Set<String> members = ns.membersOf.get(room);
                if (members != null) {
                    targets.addAll(members);
                }
                if (ns.members.containsKey(room)) {
                    targets.add(room); // a socket's own room
                }
            }
        }
        for (String room : except) {
            Set<String> members = ns.membersOf.get(room);
            if (members != null) {
                targets.removeAll(members);
            }
            targets.remove(room); // a socket's own room, if it is one
        }
        return targets;
    }

    /** The Engine.IO messages of an encoded packet: its text, then one binary message per attachment. */
    public static List<EioPacket> frames(EncodedPacket encoded) {
        List<EioPacket> frames = new ArrayList<>(1 + encoded.attachments().size());
        frames.add(EioPacket.message(encoded.text()));
        for (byte[] attachment : encoded.attachments()) {
            frames.add(EioPacket.message(attachment));
        }
        return List.copyOf(frames);
    }

    private Behavior<RoomCommand> stats(RoomCommand.GetStats g) {
        int sockets = 0;
        int rooms = 0;
        for (Namespace ns : namespaces.values()) {
            sockets += ns.members.size();
            for (String room : ns.membersOf.keySet()) {
                if (!ns.members.containsKey(room)) {
                    rooms++;
                }
            }
        }
        g.replyTo().tell(new RoomCommand.Stats(sockets, rooms, broadcasts, deliveries));
        return Behaviors.same();
    }
}
