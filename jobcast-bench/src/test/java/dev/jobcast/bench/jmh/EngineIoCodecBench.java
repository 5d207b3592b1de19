package dev.jobcast.bench.jmh;

import dev.jobcast.engineio.codec.EioCodec;
import dev.jobcast.engineio.codec.EioDecodeException;
import dev.jobcast.engineio.codec.EioPacket;
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

/** Engine.IO text packets as WebSocket frames carry them: one job update's worth. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class EngineIoCodecBench {
    private final EioPacket packet = EioPacket.message(Payloads.updateEvent());
    private final String frame = EioCodec.encodeText(packet);

    @Benchmark
    public String encodeText() {
        return EioCodec.encodeText(packet);
    }

    @Benchmark
    public EioPacket decodeText() throws EioDecodeException {
        return EioCodec.decodeText(frame);
    }
}
