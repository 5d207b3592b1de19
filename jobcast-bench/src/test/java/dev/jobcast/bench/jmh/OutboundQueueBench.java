package dev.jobcast.bench.jmh;

import dev.jobcast.engineio.OutboundQueue;
import dev.jobcast.engineio.codec.EioPacket;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * A session's outbound queue under a burst of updates: 64 offered, then drained in write
 * batches (the session's default of 64 packets), per operation. With conflation, the
 * updates belong to 4 jobs, so the later ones of a job replace its queued one.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class OutboundQueueBench {
    private static final int BURST = 64;
    private static final String[] JOBS = {"job_1", "job_2", "job_3", "job_4"};

    private final List<EioPacket> frames = List.of(EioPacket.message(Payloads.updateEvent()));
    private OutboundQueue queue;

    @Setup
    public void setUp() {
        // The session defaults: 1024 packets, 8 MiB.
        queue = new OutboundQueue(1024, 8L * 1024 * 1024);
    }

    @Benchmark
    @OperationsPerInvocation(BURST)
    public void offerPollPlain(Blackhole out) {
        for (int i = 0; i < BURST; i++) {
            queue.offer(frames, null);
        }
        drain(out);
    }

    @Benchmark
    @OperationsPerInvocation(BURST)
    public void offerPollConflated(Blackhole out) {
        for (int i = 0; i < BURST; i++) {
            queue.offer(frames, JOBS[i & 3]);
        }
        drain(out);
    }

    private void drain(Blackhole out) {
        while (!queue.isEmpty()) {
            out.consume(queue.poll(64, 1_000_000));
        }
    }
}
