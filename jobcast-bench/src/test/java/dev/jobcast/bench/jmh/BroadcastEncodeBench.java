package dev.jobcast.bench.jmh;

import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.jobcast.engineio.codec.EioPacket;
import dev.jobcast.socketio.codec.SioEncoder;
import dev.jobcast.socketio.codec.SioPacket;
import dev.jobcast.socketio.rooms.RoomRegistry;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * One broadcast to a room's members, as the room registry does it (encode the packet once,
 * hand every member the same frames) against encoding it again for each member.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class BroadcastEncodeBench {
    @Param("1000")
    int members;

    private final ArrayNode args = Payloads.updateArgs();

    @Benchmark
    public void encodeOnce(Blackhole bh) {
        List<EioPacket> frames = RoomRegistry.frames(SioEncoder.encode(SioPacket.event("/", args, null)));
        for (int i = 0; i < members; i++) {
            bh.consume(frames);
        }
    }

    @Benchmark
    public void encodePerRecipient(Blackhole bh) {
        for (int i = 0; i < members; i++) {
            bh.consume(RoomRegistry.frames(SioEncoder.encode(SioPacket.event("/", args, null))));
        }
    }
}
