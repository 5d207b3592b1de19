package dev.jobcast.bench.jmh;

import dev.jobcast.engineio.codec.EioPacket;
import dev.jobcast.jobs.JobStatus;
import dev.jobcast.jobs.JobUpdate;
import dev.jobcast.jobs.live.JobUpdatePayload;
import dev.jobcast.socketio.RecoveryOffset;
import dev.jobcast.socketio.codec.Json;
import dev.jobcast.socketio.codec.SioEncoder;
import dev.jobcast.socketio.codec.SioPacket;
import dev.jobcast.socketio.rooms.RoomRegistry;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The live path's own costs: a persisted event turned into its job_update JSON and encoded
 * once per broadcast, and what each recipient adds when connection state recovery is on
 * (its offset, appended to the shared frame).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class LiveUpdateBench {
    private final JobUpdate update = new JobUpdate(42, 7, 1234, "progress", JobStatus.RUNNING, 57,
            "Processing batch 1234 of the nightly import", "import", null, null,
            Instant.parse("2026-11-27T12:00:00.123456Z"));
    private final List<EioPacket> frames = RoomRegistry.frames(SioEncoder.encode(SioPacket.event("/",
            Json.MAPPER.createArrayNode().add("job_update").add(JobUpdatePayload.jobUpdate(update)), null)));
    private final Map<String, Long> streams = Map.of("job:42", 1234L);

    /** Once per broadcast: the event's JSON and its Socket.IO and Engine.IO frames. */
    @Benchmark
    public List<EioPacket> jobUpdateJsonEncoded() {
        return RoomRegistry.frames(SioEncoder.encode(SioPacket.event("/",
                Json.MAPPER.createArrayNode().add("job_update").add(JobUpdatePayload.jobUpdate(update)), null)));
    }

    /** Once per recipient with recovery on: the socket's offset on the shared frame. */
    @Benchmark
    public List<EioPacket> recoveryOffsetPerRecipient() {
        return RecoveryOffset.appendTo(frames, RecoveryOffset.format("k3x9", 4711, streams));
    }
}
