package dev.jobcast.bench.jmh;

import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.jobcast.socketio.codec.EncodedPacket;
import dev.jobcast.socketio.codec.SioDecodeException;
import dev.jobcast.socketio.codec.SioDecoder;
import dev.jobcast.socketio.codec.SioEncoder;
import dev.jobcast.socketio.codec.SioPacket;
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

/** A job_update-sized Socket.IO event: JSON tree to wire text and back. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class SocketIoCodecBench {
    private final ArrayNode args = Payloads.updateArgs();
    private final String text = Payloads.updateEvent();
    private final SioDecoder decoder = new SioDecoder(0);

    @Benchmark
    public EncodedPacket encodeUpdate() {
        return SioEncoder.encode(SioPacket.event("/", args, null));
    }

    @Benchmark
    public SioPacket decodeUpdate() throws SioDecodeException {
        return decoder.onText(text);
    }
}
