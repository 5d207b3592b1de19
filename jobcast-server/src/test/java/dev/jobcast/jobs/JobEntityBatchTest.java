package dev.jobcast.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.pattern.StatusReply;
import org.apache.pekko.persistence.testkit.JournalOperation;
import org.apache.pekko.persistence.testkit.PersistenceTestKitPlugin;
import org.apache.pekko.persistence.testkit.ProcessingPolicy;
import org.apache.pekko.persistence.testkit.ProcessingResult;
import org.apache.pekko.persistence.testkit.ProcessingSuccess$;
import org.apache.pekko.persistence.testkit.WriteEvents;
import org.apache.pekko.persistence.testkit.javadsl.PersistenceTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Reports that reach a busy job are written together: in the order they came, gap-free,
 * each answered with its own state only once written, never more than a bounded batch in
 * one write.
 */
class JobEntityBatchTest {
    private static final ActorTestKit SYSTEM = ActorTestKit.create(ConfigFactory.parseString("""
                    pekko.actor.serialization-bindings {
                      "dev.jobcast.jobs.JournalSerializable" = jackson-json
                    }
                    pekko.persistence.testkit.events.serialize = on
                    """)
            .withFallback(PersistenceTestKitPlugin.getInstance().config())
            .withFallback(ConfigFactory.load()));
    private static final PersistenceTestKit JOURNAL = PersistenceTestKit.create(SYSTEM.system());
    private static final AtomicLong IDS = new AtomicLong(5000);
    private static final Duration WAIT = Duration.ofSeconds(10);

    /** Every write the journal receives: its persistence id and number of events; a write can be held. */
    private static final class Writes implements ProcessingPolicy<JournalOperation> {
        final List<Integer> sizes = new CopyOnWriteArrayList<>();
        volatile int holdWrite = -1;
        final CountDownLatch held = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);

        @Override
        public ProcessingResult tryProcess(String persistenceId, JournalOperation op) {
            if (op instanceof WriteEvents w) {
                int index = sizes.size();
                sizes.add(w.getBatch().size());
                if (index == holdWrite) {
                    held.countDown();
                    try {
                        release.await(30, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            }
            return ProcessingSuccess$.MODULE$;
        }
    }

    private final Writes writes = new Writes();
    private final List<JobUpdate> published = new CopyOnWriteArrayList<>();
    private long jobId;
    private ActorRef<JobEntity.Command> entity;

    @BeforeEach
    void freshEntity() {
        JOURNAL.withPolicy(writes);
        jobId = IDS.incrementAndGet();
        entity = SYSTEM.spawn(JobEntity.create(jobId, 0, Duration.ofMinutes(10), null, published::add,
                EntityHarness.CLOCK));
    }

    @AfterEach
    void resetJournal() {
        writes.release.countDown();
        JOURNAL.resetPolicy();
    }

    @AfterAll
    static void shutdown() {
        SYSTEM.shutdownTestKit();
    }

    private JobState ok(StatusReply<JobState> reply) {
        assertTrue(reply.isSuccess(), () -> "expected success, got " + reply);
        return reply.getValue();
    }

    private void createExternal(TestProbe<StatusReply<JobState>> probe) {
        entity.tell(new JobEntity.Create(EntityHarness.OWNER, "essay", JobState.EXTERNAL, null, probe.ref()));
        assertEquals(1, ok(probe.receiveMessage(WAIT)).seq());
    }

    private List<JobEvent> journal() {
        return JOURNAL.persistedInStorage(JobEntity.persistenceId(jobId).id()).stream()
                .map(JobEvent.class::cast).toList();
    }

    @Test
    void aFloodOfReportsIsWrittenInBatchesInOrderAndEachIsAnsweredWithItsOwnState() {
        TestProbe<StatusReply<JobState>> probe = SYSTEM.createTestProbe();
        createExternal(probe);
        int n = 1000;
        for (int i = 0; i < n; i++) {
            entity.tell(new JobEntity.ReportProgress(i % 101, "report " + i, null, probe.ref()));
        }
        // Answers in the order of the reports: created is 1, the first report starts the job (2) and is 3.
        for (int i = 0; i < n; i++) {
            JobState s = ok(probe.receiveMessage(WAIT));
            assertEquals(i + 3, s.seq(), "report " + i);
            assertEquals("report " + i, s.message());
            assertEquals(i % 101, s.progress());
        }
        List<JobEvent> events = journal();
        assertEquals(n + 2, events.size());
        assertInstanceOf(JobEvent.Created.class, events.get(0));
        assertInstanceOf(JobEvent.Started.class, events.get(1));
        for (int i = 0; i < n; i++) {
            assertEquals("report " + i, ((JobEvent.ProgressReported) events.get(i + 2)).message());
        }
        // Subscribers heard every event once, in order, gap-free.
        assertEquals(n + 2, published.size());
        for (int i = 0; i < published.size(); i++) {
            assertEquals(i + 1, published.get(i).seq());
        }
        assertEquals(n + 2, writes.sizes.stream().mapToInt(Integer::intValue).sum());
        assertTrue(writes.sizes.size() < n, () -> "reports were batched: " + writes.sizes.size() + " writes");
        assertTrue(writes.sizes.stream().allMatch(size -> size <= CommandBatch.MAX), writes.sizes::toString);
    }

    @Test
    void aBatchStopsGrowingAtItsBound() throws Exception {
        TestProbe<StatusReply<JobState>> probe = SYSTEM.createTestProbe();
        createExternal(probe);
        // The first report's write (the second write of the job) is held in the journal:
        // every report sent meanwhile waits in the entity.
        writes.holdWrite = 1;
        entity.tell(new JobEntity.ReportProgress(1, "first", null, probe.ref()));
        assertTrue(writes.held.await(10, TimeUnit.SECONDS));
        int waiting = 3 * CommandBatch.MAX;
        for (int i = 0; i < waiting; i++) {
            entity.tell(new JobEntity.ReportProgress(50, "waiting " + i, null, probe.ref()));
        }
        assertTrue(probe.receiveSeveralMessages(0, Duration.ofMillis(300)).isEmpty(),
                "nothing is answered before it is written");
        writes.release.countDown();
        assertEquals(3, ok(probe.receiveMessage(WAIT)).seq());
        for (int i = 0; i < waiting; i++) {
            assertEquals(i + 4, ok(probe.receiveMessage(WAIT)).seq());
        }
        // created, started + first, then the waiting reports in batches that stop at the bound.
        assertEquals(List.of(1, 2), writes.sizes.subList(0, 2));
        List<Integer> batches = writes.sizes.subList(2, writes.sizes.size());
        assertEquals(waiting, batches.stream().mapToInt(Integer::intValue).sum());
        assertTrue(batches.stream().allMatch(size -> size <= CommandBatch.MAX), batches::toString);
        assertEquals(CommandBatch.MAX - 1, batches.get(0), "a full batch is written at once: " + batches);
    }

    @Test
    void concurrentSendersEachKeepTheirOrderAndSeqHasNoGaps() throws Exception {
        TestProbe<StatusReply<JobState>> probe = SYSTEM.createTestProbe();
        createExternal(probe);
        int senders = 8;
        int each = 150;
        List<List<CompletableFuture<JobState>>> answers = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < senders; t++) {
            List<CompletableFuture<JobState>> mine = new CopyOnWriteArrayList<>();
            answers.add(mine);
            int sender = t;
            Thread thread = new Thread(() -> {
                for (int i = 0; i < each; i++) {
                    String message = "s" + sender + " r" + i;
                    int progress = i % 100;
                    mine.add(AskPattern.<JobEntity.Command, StatusReply<JobState>>ask(entity,
                                    reply -> new JobEntity.ReportProgress(progress, message, null, reply), WAIT,
                                    SYSTEM.scheduler())
                            .thenApply(StatusReply::getValue).toCompletableFuture());
                }
            });
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        for (List<CompletableFuture<JobState>> mine : answers) {
            CompletableFuture.allOf(mine.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
        }
        List<JobEvent> events = journal();
        assertEquals(2 + senders * each, events.size());
        // Every answer is the state right after its own event: its seq points at its report.
        AtomicInteger checked = new AtomicInteger();
        for (int t = 0; t < senders; t++) {
            long previousSeq = 0;
            for (int i = 0; i < each; i++) {
                JobState s = answers.get(t).get(i).get(10, TimeUnit.SECONDS);
                assertEquals("s" + t + " r" + i, s.message());
                JobEvent own = events.get((int) s.seq() - 1);
                assertEquals("s" + t + " r" + i, ((JobEvent.ProgressReported) own).message());
                assertTrue(s.seq() > previousSeq, "a sender's reports are written in the order it sent them");
                previousSeq = s.seq();
                checked.incrementAndGet();
            }
        }
        assertEquals(senders * each, checked.get());
        for (int i = 0; i < published.size(); i++) {
            assertEquals(i + 1, published.get(i).seq());
        }
        assertEquals(events.size(), published.size());
    }

    @Test
    void aCommandAfterReportsIsDecidedOnTheirStateAndWhatFollowsOnItsState() {
        TestProbe<StatusReply<JobState>> probe = SYSTEM.createTestProbe();
        createExternal(probe);
        writes.holdWrite = 1;
        entity.tell(new JobEntity.ReportProgress(10, "first", null, probe.ref()));
        try {
            assertTrue(writes.held.await(10, TimeUnit.SECONDS));
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
        // All of these wait behind the held write, then are decided one after the other.
        entity.tell(new JobEntity.ReportProgress(20, "second", null, probe.ref()));
        entity.tell(new JobEntity.ReportProgress(20, "second", null, probe.ref())); // the same again
        entity.tell(new JobEntity.ReportProgress(101, "invalid", null, probe.ref()));
        entity.tell(new JobEntity.Get(probe.ref()));
        entity.tell(new JobEntity.Complete(null, probe.ref()));
        entity.tell(new JobEntity.ReportProgress(30, "too late", null, probe.ref()));
        writes.release.countDown();

        assertEquals(3, ok(probe.receiveMessage(WAIT)).seq());
        JobState second = ok(probe.receiveMessage(WAIT));
        assertEquals(4, second.seq());
        assertEquals(second, ok(probe.receiveMessage(WAIT)), "a repeat is answered with the state it repeats");
        StatusReply<JobState> invalid = probe.receiveMessage(WAIT);
        assertEquals(JobRejection.Kind.INVALID, ((JobRejection) invalid.getError()).kind());
        assertEquals(second, ok(probe.receiveMessage(WAIT)), "get sees the reports before it");
        JobState completed = ok(probe.receiveMessage(WAIT));
        assertEquals(JobStatus.COMPLETED, completed.status());
        assertEquals(5, completed.seq());
        StatusReply<JobState> late = probe.receiveMessage(WAIT);
        assertEquals(JobRejection.Kind.CONFLICT, ((JobRejection) late.getError()).kind());

        List<JobEvent> events = journal();
        assertEquals(5, events.size());
        assertInstanceOf(JobEvent.Completed.class, events.get(4));
        assertEquals(List.of(1L, 2L, 3L, 4L, 5L), published.stream().map(JobUpdate::seq).toList());
    }

    @Test
    void stoppingWritesWhatWasDecidedFirst() throws Exception {
        TestProbe<StatusReply<JobState>> probe = SYSTEM.createTestProbe();
        createExternal(probe);
        writes.holdWrite = 1;
        entity.tell(new JobEntity.ReportProgress(10, "first", null, probe.ref()));
        assertTrue(writes.held.await(10, TimeUnit.SECONDS));
        entity.tell(new JobEntity.ReportProgress(20, "second", null, probe.ref()));
        entity.tell(JobEntity.Stop.INSTANCE);
        writes.release.countDown();
        assertEquals(3, ok(probe.receiveMessage(WAIT)).seq());
        assertEquals(4, ok(probe.receiveMessage(WAIT)).seq());
        probe.expectTerminated(entity, WAIT);
        assertEquals(4, journal().size());
    }
}
