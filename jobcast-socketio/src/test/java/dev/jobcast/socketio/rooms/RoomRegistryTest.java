package dev.jobcast.socketio.rooms;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.jobcast.engineio.codec.EioPacket;
import dev.jobcast.socketio.Args;
import dev.jobcast.socketio.recovery.RecoveryStore;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The room registry actor: membership and fan-out. A member that must NOT get a broadcast is
 * checked with a fence: a later broadcast it does get must be the next thing it receives
 * (the registry's messages to one member keep their order).
 */
class RoomRegistryTest {
    private static final ActorTestKit KIT = ActorTestKit.create();

    @AfterAll
    static void shutdown() {
        KIT.shutdownTestKit();
    }

    private static ActorRef<RoomCommand> registry(RecoveryStore store) {
        return KIT.spawn(RoomRegistry.create(store));
    }

    /** Joins {@code id} (and its own-id room) to {@code rooms} and waits for the registry's ack. */
    private static TestProbe<RoomDelivery> join(ActorRef<RoomCommand> registry, String nsp, String id, String... rooms) {
        TestProbe<RoomDelivery> member = KIT.createTestProbe();
        join(registry, member, nsp, id, rooms);
        return member;
    }

    private static void join(ActorRef<RoomCommand> registry, TestProbe<RoomDelivery> member, String nsp, String id,
                             String... rooms) {
        TestProbe<RoomCommand.Joined> acks = KIT.createTestProbe();
        Set<String> all = new java.util.HashSet<>(Set.of(rooms));
        all.add(id);
        registry.tell(new RoomCommand.Join(nsp, id, all, member.ref(), acks.ref(), 77));
        assertEquals(new RoomCommand.Joined(77), acks.receiveMessage());
    }

    private static void broadcast(ActorRef<RoomCommand> registry, String nsp, Set<String> rooms, Set<String> except,
                                  String event) {
        registry.tell(broadcastOf(nsp, rooms, except, Args.of(event), null));
    }

    private static RoomCommand.Broadcast broadcastOf(String nsp, Set<String> rooms, Set<String> except, ArrayNode args,
                                                     String conflationKey) {
        return new RoomCommand.Broadcast(nsp, rooms, except, args, conflationKey, null, -1);
    }

    /** The event name of a plain text delivery: "2[\"name\"]" or "2/nsp,[\"name\"]". */
    private static String eventOf(RoomDelivery d) {
        String text = d.frames().get(0).text();
        return text.substring(text.indexOf("[\"") + 2, text.indexOf("\"", text.indexOf("[\"") + 2));
    }

    private static void expectEvents(TestProbe<RoomDelivery> member, String... events) {
        for (String e : events) {
            assertEquals(e, eventOf(member.receiveMessage()));
        }
    }

    private static RoomCommand.Stats stats(ActorRef<RoomCommand> registry) {
        TestProbe<RoomCommand.Stats> probe = KIT.createTestProbe();
        registry.tell(new RoomCommand.GetStats(probe.ref()));
        return probe.receiveMessage();
    }

    @Test
    void aBroadcastToARoomReachesItsMembersOnly() {
        ActorRef<RoomCommand> registry = registry(null);
        TestProbe<RoomDelivery> s1 = join(registry, "/", "s1", "a");
        TestProbe<RoomDelivery> s2 = join(registry, "/", "s2", "a", "b");
        TestProbe<RoomDelivery> s3 = join(registry, "/", "s3", "b");

        broadcast(registry, "/", Set.of("a"), Set.of(), "to-a");
        broadcast(registry, "/", Set.of(), Set.of(), "fence");

        expectEvents(s1, "to-a", "fence");
        expectEvents(s2, "to-a", "fence");
        expectEvents(s3, "fence");
    }

    @Test
    void aBroadcastWithoutRoomsReachesEverySocketOfItsNamespaceOnly() {
        ActorRef<RoomCommand> registry = registry(null);
        TestProbe<RoomDelivery> s1 = join(registry, "/", "s1");
        TestProbe<RoomDelivery> s2 = join(registry, "/", "s2", "a");
        TestProbe<RoomDelivery> admin = join(registry, "/admin", "s3", "a");

        broadcast(registry, "/", Set.of(), Set.of(), "to-all");
        broadcast(registry, "/admin", Set.of(), Set.of(), "fence");

        expectEvents(s1, "to-all");
        expectEvents(s2, "to-all");
        RoomDelivery d = admin.receiveMessage();
        assertEquals("fence", eventOf(d));
        assertEquals("/admin", d.nsp());
        assertEquals("2/admin,[\"fence\"]", d.frames().get(0).text());
    }

    @Test
    void exceptRemovesTheMembersOfTheExceptedRooms() {
        ActorRef<RoomCommand> registry = registry(null);
        TestProbe<RoomDelivery> s1 = join(registry, "/", "s1", "a");
        TestProbe<RoomDelivery> s2 = join(registry, "/", "s2", "a", "b");
        TestProbe<RoomDelivery> s3 = join(registry, "/", "s3");

        broadcast(registry, "/", Set.of(), Set.of("b"), "all-but-b");
        broadcast(registry, "/", Set.of("a"), Set.of("b"), "a-but-b");
        broadcast(registry, "/", Set.of(), Set.of("s1"), "all-but-s1");
        broadcast(registry, "/", Set.of(), Set.of(), "fence");

        expectEvents(s1, "all-but-b", "a-but-b", "fence");
        expectEvents(s2, "all-but-s1", "fence");
        expectEvents(s3, "all-but-b", "all-but-s1", "fence");
    }

    @Test
    void aBroadcastToASocketsIdReachesThatSocketAloneAndStopsWhenItLeaves() {
        ActorRef<RoomCommand> registry = registry(null);
        TestProbe<RoomDelivery> s1 = join(registry, "/", "s1");
        TestProbe<RoomDelivery> s2 = join(registry, "/", "s2", "a");

        broadcast(registry, "/", Set.of("s1"), Set.of(), "to-s1");
        broadcast(registry, "/", Set.of("s1", "a"), Set.of(), "to-s1-and-a");
        broadcast(registry, "/", Set.of("s1", "s2"), Set.of("s2"), "to-both-but-s2");
        registry.tell(new RoomCommand.Leave("/", "s1", "s1")); // one's own room cannot be left
        registry.tell(new RoomCommand.LeaveAll("/", "s2", Set.of("s2", "a")));
        broadcast(registry, "/", Set.of("s1", "s2"), Set.of(), "after-s2-left");

        expectEvents(s1, "to-s1", "to-s1-and-a", "to-both-but-s2", "after-s2-left");
        expectEvents(s2, "to-s1-and-a");
        s2.expectNoMessage(java.time.Duration.ofMillis(100));
    }

    @Test
    void aRoomNamedLikeAnotherSocketReachesItsMembersAndThatSocket() {
        ActorRef<RoomCommand> registry = registry(null);
        TestProbe<RoomDelivery> s1 = join(registry, "/", "s1");
        TestProbe<RoomDelivery> s2 = join(registry, "/", "s2", "s1");
        TestProbe<RoomDelivery> s3 = join(registry, "/", "s3");

        broadcast(registry, "/", Set.of("s1"), Set.of(), "to-s1");
        broadcast(registry, "/", Set.of(), Set.of(), "fence");

        expectEvents(s1, "to-s1", "fence");
        expectEvents(s2, "to-s1", "fence");
        expectEvents(s3, "fence");
        assertEquals(new RoomCommand.Stats(3, 0, 2, 5), stats(registry));
    }

    @Test
    void aSocketInSeveralTargetRoomsGetsTheEventOnce() {
        ActorRef<RoomCommand> registry = registry(null);
        TestProbe<RoomDelivery> s1 = join(registry, "/", "s1", "a", "c");

        broadcast(registry, "/", Set.of("a", "c"), Set.of(), "to-a-and-c");
        broadcast(registry, "/", Set.of(), Set.of(), "fence");

        expectEvents(s1, "to-a-and-c", "fence");
    }

    @Test
    void everyMemberGetsTheSameEncodedDeliveryInstance() {
        ActorRef<RoomCommand> registry = registry(null);
        TestProbe<RoomDelivery> s1 = join(registry, "/chat", "s1", "room");
        TestProbe<RoomDelivery> s2 = join(registry, "/chat", "s2", "room");
        TestProbe<RoomDelivery> s3 = join(registry, "/chat", "s3", "room");
        byte[] blob = {1, 2, 3};

        registry.tell(broadcastOf("/chat", Set.of("room"), Set.of(),
                Args.of("file", "name.bin", blob), "file-key"));

        RoomDelivery d1 = s1.receiveMessage();
        assertSame(d1, s2.receiveMessage());
        assertSame(d1, s3.receiveMessage());
        assertEquals("file-key", d1.conflationKey());
        assertEquals(2, d1.frames().size());
        assertEquals("51-/chat,[\"file\",\"name.bin\",{\"_placeholder\":true,\"num\":0}]", d1.frames().get(0).text());
        assertArrayEquals(blob, d1.frames().get(1).binary());
    }

    @Test
    void deliveriesKeepTheOrderOfTheBroadcasts() {
        ActorRef<RoomCommand> registry = registry(null);
        TestProbe<RoomDelivery> s1 = join(registry, "/", "s1", "a");
        for (int i = 0; i < 50; i++) {
            broadcast(registry, "/", Set.of("a"), Set.of(), "e" + i);
        }
        for (int i = 0; i < 50; i++) {
            expectEvents(s1, "e" + i);
        }
    }

    @Test
    void leaveRemovesTheSocketFromThatRoomOnly() {
        ActorRef<RoomCommand> registry = registry(null);
        TestProbe<RoomDelivery> s1 = join(registry, "/", "s1", "a", "b");

        registry.tell(new RoomCommand.Leave("/", "s1", "a"));
        broadcast(registry, "/", Set.of("a"), Set.of(), "to-a");
        broadcast(registry, "/", Set.of("b"), Set.of(), "to-b");

        expectEvents(s1, "to-b");
    }

    @Test
    void leaveAllRemovesTheSocketFromEveryRoom() {
        ActorRef<RoomCommand> registry = registry(null);
        TestProbe<RoomDelivery> s1 = join(registry, "/", "s1", "a");
        TestProbe<RoomDelivery> s2 = join(registry, "/", "s2", "a");
        assertEquals(new RoomCommand.Stats(2, 1, 0, 0), stats(registry));

        registry.tell(new RoomCommand.LeaveAll("/", "s1", Set.of("s1", "a")));
        broadcast(registry, "/", Set.of("a"), Set.of(), "to-a");
        broadcast(registry, "/", Set.of(), Set.of(), "to-all");
        broadcast(registry, "/", Set.of("s1"), Set.of(), "to-s1");

        expectEvents(s2, "to-a", "to-all");
        // Three broadcasts, two deliveries, both to s2: none was addressed to s1.
        assertEquals(new RoomCommand.Stats(1, 1, 3, 2), stats(registry));
        s1.expectNoMessage(Duration.ofMillis(100));
    }

    @Test
    void aSocketThatRejoinsAfterLeaveAllGetsBroadcastsAgain() {
        ActorRef<RoomCommand> registry = registry(null);
        TestProbe<RoomDelivery> s1 = join(registry, "/", "s1", "a");
        registry.tell(new RoomCommand.LeaveAll("/", "s1", Set.of("s1", "a")));
        join(registry, s1, "/", "s1", "b");

        broadcast(registry, "/", Set.of("a"), Set.of(), "to-a");
        broadcast(registry, "/", Set.of("b"), Set.of(), "to-b");

        expectEvents(s1, "to-b");
    }

    @Test
    void statsCountSocketsAndNamedRoomsButNotOwnIdRooms() {
        ActorRef<RoomCommand> registry = registry(null);
        join(registry, "/", "s1", "a", "b");
        join(registry, "/", "s2", "b");
        join(registry, "/admin", "s3", "a");

        assertEquals(new RoomCommand.Stats(3, 3, 0, 0), stats(registry));
    }

    /** Records what the registry appends and numbers it. */
    private static final class RecordingStore implements RecoveryStore {
        record Appended(String nsp, Set<String> rooms, Set<String> except, ArrayNode args) {
        }

        final List<Appended> appended = new CopyOnWriteArrayList<>();

        @Override
        public String epoch() {
            return "e";
        }

        @Override
        public long head() {
            return appended.size();
        }

        @Override
        public long append(String nsp, Set<String> rooms, Set<String> except, ArrayNode eventArgs) {
            appended.add(new Appended(nsp, rooms, except, eventArgs.deepCopy()));
            return appended.size();
        }

        @Override
        public void save(SavedSession session) {
        }

        @Override
        public Optional<Restored> restore(String pid, long after) {
            return Optional.empty();
        }
    }

    @Test
    void plainBroadcastsAreRecordedForRecoveryAndGoOutWithTheirNumberForSocketsToAddTheirOffset() {
        RecordingStore store = new RecordingStore();
        ActorRef<RoomCommand> registry = registry(store);
        TestProbe<RoomDelivery> s1 = join(registry, "/", "s1", "a");

        registry.tell(broadcastOf("/", Set.of("a"), Set.of("b"), Args.of("progress", 5), null));
        // Recorded even when nobody is connected: a socket recovering later must get it.
        registry.tell(broadcastOf("/empty", Set.of(), Set.of(), Args.of("lonely"), null));
        broadcast(registry, "/", Set.of(), Set.of(), "fence");

        RoomDelivery progress = s1.receiveMessage();
        assertEquals(List.of(EioPacket.message("2[\"progress\",5]")), progress.frames());
        assertEquals(1, progress.packetSeq());
        assertEquals(3, s1.receiveMessage().packetSeq());
        assertEquals(List.of(
                new RecordingStore.Appended("/", Set.of("a"), Set.of("b"), Args.of("progress", 5)),
                new RecordingStore.Appended("/empty", Set.of(), Set.of(), Args.of("lonely")),
                new RecordingStore.Appended("/", Set.of(), Set.of(), Args.of("fence"))), store.appended);
    }

    @Test
    void itemsOfOrderedStreamsAreNotStoredTheApplicationReplaysThem() {
        RecordingStore store = new RecordingStore();
        ActorRef<RoomCommand> registry = registry(store);
        TestProbe<RoomDelivery> s1 = join(registry, "/", "s1", "job_1");

        registry.tell(new RoomCommand.Broadcast("/", Set.of("job_1"), Set.of(), Args.of("job_update", 7), null,
                "job:1", 7));

        RoomDelivery d = s1.receiveMessage();
        assertEquals(-1, d.packetSeq());
        assertEquals("job:1", d.streamKey());
        assertEquals(7, d.order());
        assertEquals(List.of(), store.appended);
    }

    @Test
    void withoutARecoveryStoreNoOffsetIsAdded() {
        ActorRef<RoomCommand> registry = registry(null);
        TestProbe<RoomDelivery> s1 = join(registry, "/", "s1");
        broadcast(registry, "/", Set.of(), Set.of(), "plain");
        RoomDelivery d = s1.receiveMessage();
        assertEquals(List.of(EioPacket.message("2[\"plain\"]")), d.frames());
        assertNull(d.conflationKey());
    }
}
