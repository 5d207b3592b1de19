package dev.jobcast.jobs;

import java.time.Duration;

import java.util.concurrent.CompletionStage;
import org.apache.pekko.Done;
import org.apache.pekko.NotUsed;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.persistence.jdbc.query.javadsl.JdbcReadJournal;
import org.apache.pekko.persistence.query.EventEnvelope;
import org.apache.pekko.persistence.query.Offset;
import org.apache.pekko.persistence.query.PersistenceQuery;
import org.apache.pekko.persistence.query.Sequence;
import org.apache.pekko.stream.KillSwitches;
import org.apache.pekko.stream.Materializer;
import org.apache.pekko.stream.RestartSettings;
import org.apache.pekko.stream.UniqueKillSwitch;
import org.apache.pekko.stream.javadsl.Keep;
import org.apache.pekko.stream.javadsl.RestartSource;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Source;

/**
 * Feeds the read side from the journal (events by tag, in journal order), in small
 * transactional batches that also move the offset. {@link #catchUp} runs to the journal's
 * current end; {@link #start} then follows it live, restarting with backoff on failures.
 */
public final class JobProjection {
    private static final int BATCH = 500;

    private final JobReadSide readSide;
    private final JdbcReadJournal journal;
    private final Materializer materializer;
    private UniqueKillSwitch killSwitch;

    public JobProjection(ActorSystem<?> system, JobReadSide readSide) {
        this.readSide = readSide;
        this.journal = PersistenceQuery.get(system).getReadJournalFor(JdbcReadJournal.class, JdbcReadJournal.Identifier());
        this.materializer = Materializer.matFromSystem(system);
    }

    public CompletionStage<Done> catchUp() {
        return readSide.offset()
                .thenCompose(offset -> batches(journal.currentEventsByTag(JobEntity.TAG, Offset.sequence(offset)))
                        .runWith(Sink.ignore(), materializer));
    }

    public synchronized void start() {
        if (killSwitch != null) {
            return;
        }
        Source<Integer, NotUsed> live = RestartSource.withBackoff(
                RestartSettings.create(Duration.ofMillis(200), Duration.ofSeconds(10), 0.2),
                () -> Source.completionStageSource(readSide.offset().thenApply(offset ->
                        batches(journal.eventsByTag(JobEntity.TAG, Offset.sequence(offset))))));
        killSwitch = live.viaMat(KillSwitches.single(), Keep.right())
                .toMat(Sink.ignore(), Keep.left())
                .run(materializer);
    }

    public synchronized void stop() {
        if (killSwitch != null) {
            killSwitch.shutdown();
            killSwitch = null;
        }
    }

    private Source<Integer, NotUsed> batches(Source<EventEnvelope, NotUsed> events) {
        return events
                .map(JobProjection::envelope)
                .groupedWithin(BATCH, Duration.ofMillis(20))
                .mapAsync(1, readSide::apply);
    }

    private static JobReadSide.Envelope envelope(EventEnvelope e) {
        String pid = e.persistenceId();
        long jobId = Long.parseLong(pid.substring(pid.indexOf('|') + 1));
        long ordering = ((Sequence) e.offset()).value();
        return new JobReadSide.Envelope(ordering, jobId, e.sequenceNr(), (JobEvent) e.event());
    }

}
