package dev.jobcast.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.pattern.StatusReply;
import org.apache.pekko.persistence.testkit.PersistenceTestKitPlugin;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** The registry routes by job id, passivates idle entities, and loses nothing while one stops. */
class JobRegistryTest {
    private static final ActorTestKit SYSTEM = ActorTestKit.create(ConfigFactory.parseString("""
                    pekko.actor.serialization-bindings {
                      "dev.jobcast.jobs.JournalSerializable" = jackson-json
                    }
                    pekko.persistence.testkit.events.serialize = on
                    """)
            .withFallback(PersistenceTestKitPlugin.getInstance().config())
            .withFallback(ConfigFactory.load()));
    // Job ids unique across the class: the in-memory journal outlives each registry.
    private static final AtomicLong IDS = new AtomicLong(100);

    private final List<JobUpdate> heard = new CopyOnWriteArrayList<>();
    private final TestProbe<StatusReply<JobState>> replies = SYSTEM.createTestProbe();

    @AfterAll
    static void shutdown() {
        SYSTEM.shutdownTestKit();
    }

    private ActorRef<JobRegistry.Command> registry(Duration idleAfter) {
        return SYSTEM.spawn(JobRegistry.create(0, idleAfter, heard::add, EntityHarness.CLOCK));
    }

    private JobState send(ActorRef<JobRegistry.Command> registry, long jobId, JobEntity.Command command) {
        registry.tell(new JobRegistry.Deliver(jobId, command));
        StatusReply<JobState> reply = replies.receiveMessage();
        return reply.getValue();
    }

    /** The entity the registry runs for a job, found by its name under the registry. */
    private static ActorRef<JobEntity.Command> entityOf(ActorRef<JobRegistry.Command> registry, long jobId)
            throws Exception {
        var classic = Adapter.toClassic(SYSTEM.system())
                .actorSelection(registry.path().child("job-" + jobId))
                .resolveOne(Duration.ofSeconds(3))
                .toCompletableFuture().get();
        return Adapter.toTyped(classic);
    }

    @Test
    void commandsReachTheEntityOfTheirJob() {
        var registry = registry(Duration.ofMinutes(10));
        long a = IDS.incrementAndGet();
        long b = IDS.incrementAndGet();
        send(registry, a, new JobEntity.Create(1, "essay", JobState.EXTERNAL, null, replies.ref()));
        send(registry, b, new JobEntity.Create(2, "poem", JobState.DEMO, null, replies.ref()));
        send(registry, a, new JobEntity.ReportProgress(30, "a at 30", null, replies.ref()));

        JobState jobA = send(registry, a, new JobEntity.Get(replies.ref()));
        JobState jobB = send(registry, b, new JobEntity.Get(replies.ref()));
        assertEquals(a, jobA.id());
        assertEquals(1, jobA.ownerId());
        assertEquals(30, jobA.progress());
        assertEquals(b, jobB.id());
        assertEquals("poem", jobB.type());
        assertEquals(JobStatus.QUEUED, jobB.status(), "a's report did not touch b");
    }

    @Test
    void anIdleEntityIsPassivatedAndComesBackWithItsState() throws Exception {
        var registry = registry(Duration.ofMillis(200));
        long id = IDS.incrementAndGet();
        send(registry, id, new JobEntity.Create(1, "essay", JobState.EXTERNAL, null, replies.ref()));
        JobState before = send(registry, id, new JobEntity.ReportProgress(60, "sixty", "s", replies.ref()));
        ActorRef<JobEntity.Command> first = entityOf(registry, id);

        TestProbe<Object> watcher = SYSTEM.createTestProbe();
        watcher.expectTerminated(first, Duration.ofSeconds(5));

        assertEquals(before, send(registry, id, new JobEntity.Get(replies.ref())));
        assertNotEquals(first, entityOf(registry, id), "a new incarnation answered");
        assertEquals(3, heard.stream().filter(u -> u.jobId() == id).count(),
                "created, started, progress: and nothing more from the recovery");
    }

    @Test
    void commandsSentWhileAnEntityStopsAreHeldForTheNextIncarnation() throws Exception {
        var registry = registry(Duration.ofMinutes(10));
        long id = IDS.incrementAndGet();
        send(registry, id, new JobEntity.Create(1, "essay", JobState.EXTERNAL, null, replies.ref()));
        ActorRef<JobEntity.Command> first = entityOf(registry, id);

        // What the entity sends when idle; everything after it must wait for the stop.
        registry.tell(new JobRegistry.Passivate(id, first));
        for (int p = 1; p <= 20; p++) {
            registry.tell(new JobRegistry.Deliver(id, new JobEntity.ReportProgress(p, null, null, replies.ref())));
        }
        registry.tell(new JobRegistry.Deliver(id, new JobEntity.Get(replies.ref())));

        for (int p = 1; p <= 20; p++) {
            JobState s = replies.receiveMessage().getValue();
            assertEquals(p, s.progress(), "held commands keep their order");
        }
        JobState last = replies.receiveMessage().getValue();
        assertEquals(20, last.progress());
        assertEquals(22, last.seq(), "created, started, twenty reports: none lost, none twice");
        TestProbe<Object> watcher = SYSTEM.createTestProbe();
        watcher.expectTerminated(first, Duration.ofSeconds(5));
        assertNotEquals(first, entityOf(registry, id));
    }

    @Test
    void aPassivateFromAStaleIncarnationIsIgnored() throws Exception {
        var registry = registry(Duration.ofMinutes(10));
        long id = IDS.incrementAndGet();
        send(registry, id, new JobEntity.Create(1, "essay", JobState.DEMO, null, replies.ref()));
        ActorRef<JobEntity.Command> first = entityOf(registry, id);
        registry.tell(new JobRegistry.Passivate(id, first));
        send(registry, id, new JobEntity.Get(replies.ref()));
        ActorRef<JobEntity.Command> second = entityOf(registry, id);
        assertNotEquals(first, second);

        // The old incarnation's late request must not stop the live one.
        registry.tell(new JobRegistry.Passivate(id, first));
        send(registry, id, new JobEntity.Start(replies.ref()));
        assertEquals(second, entityOf(registry, id));
    }
}
