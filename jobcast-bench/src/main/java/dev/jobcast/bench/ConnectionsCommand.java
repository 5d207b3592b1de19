package dev.jobcast.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.HdrHistogram.Histogram;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * `bench connections`: ramps to N idle Socket.IO connections at a given rate, then asks the
 * server for its heap after a full GC; the growth over the heap before, divided by N, is
 * what one idle connection costs it. With --server-pid, its RSS the same way, and the CPU
 * the server and the generator spent connecting.
 */
@Command(name = "connections", mixinStandardHelpOptions = true,
        description = "Ramp to N idle connections: connect rate, server heap and RSS per connection.")
public final class ConnectionsCommand implements Callable<Integer> {

    @Mixin
    GeneratorOptions gen;

    @Option(names = "--count", defaultValue = "1000", description = "Connections to open (default: ${DEFAULT-VALUE}).")
    int count;

    @Option(names = "--rate", defaultValue = "2000",
            description = "Connections opened per second (default: ${DEFAULT-VALUE}).")
    double rate;

    @Option(names = "--hold", defaultValue = "2",
            description = "Seconds to keep them idle before measuring; over the ping interval (25 s), the "
                    + "idle CPU includes pings (default: ${DEFAULT-VALUE}).")
    double hold;

    @Override
    public Integer call() throws Exception {
        gen.prepareCommandLine();
        gen.print(run(System.err), System.out);
        return 0;
    }

    Report run(PrintStream progressOut) throws Exception {
        if (count < 1) {
            throw new IllegalArgumentException("--count must be >= 1");
        }
        Control control = gen.control();
        ProcessMeter meter = gen.meter();
        JsonNode before = control.stats();
        long serverHeapBefore = control.gc();
        long[] ownHeapConnected = new long[2];
        Report r = connectAndHold(progressOut, control, meter, before, serverHeapBefore, ownHeapConnected);
        // The connections are closed and nothing refers to them any more (the method that held
        // them returned): the heap they held is gone. Classes loaded and caches filled while
        // connecting stay, so they do not count, as they would against a heap measured before.
        long ownHeapClosed = GeneratorOptions.heapAfterGc();
        long held = ownHeapConnected[1];
        r.add("generatorHeapPerConnection", "generator heap per connection",
                held > 0 ? (ownHeapConnected[0] - ownHeapClosed) / (double) held : 0.0, "bytes");
        return r;
    }

    /** @param ownHeap receives this process's heap after GC while connected, and the connections held */
    private Report connectAndHold(PrintStream progressOut, Control control, ProcessMeter meter, JsonNode before,
                                  long serverHeapBefore, long[] ownHeap) throws Exception {
        // Progress comes last, so it is closed first: the line stops before the connections close.
        try (WsConnector connector = gen.connector();
             Fleet fleet = new Fleet(connector, gen.plan(count, rate), null, gen.contract(control, 1, "idle"));
             Progress progress = new Progress(progressOut, !gen.quiet)) {
            long t0 = System.nanoTime();
            progress.show(() -> String.format(Locale.ROOT, "connections  %5.1fs  %,d/%,d ready  %,d failed",
                    (System.nanoTime() - t0) / 1e9, fleet.ready(), count, fleet.failed()));
            ProcessMeter.Sample serverFrom = meter.server();
            ProcessMeter.Sample selfFrom = ProcessMeter.self();
            Fleet.Ramp ramp = fleet.ramp();
            ProcessMeter.Sample serverRamped = meter.server();
            ProcessMeter.Sample selfRamped = ProcessMeter.self();
            Thread.sleep((long) (hold * 1000));
            ProcessMeter.Sample serverIdle = meter.server();
            ProcessMeter.Sample selfIdle = ProcessMeter.self();
            long serverHeapAfter = control.gc();
            ProcessMeter.Sample serverHeld = meter.server();
            JsonNode after = control.stats();
            long held = ramp.ready() - fleet.dropped();
            ownHeap[0] = GeneratorOptions.heapAfterGc();
            ownHeap[1] = held;
            Histogram connect = fleet.connectTimes();

            Report r = new Report("connections");
            r.add("server", "server", before.path("server").asText("?"));
            r.add("requested", "connections requested", count);
            r.add("ready", "connections ready", ramp.ready());
            r.add("failed", "connections failed", ramp.failed());
            r.add("dropped", "dropped while idle", fleet.dropped());
            r.add("serverClients", "clients the server counts", after.path("clients").asLong());
            r.add("rampSeconds", "time to connect all", ramp.seconds(), "s");
            r.add("targetRate", "connect rate asked", rate, "/s");
            r.add("connectRate", "connect rate achieved", ramp.connectRate(), "/s");
            r.add("connectP50Ms", "connect time p50", connect.getValueAtPercentile(50) / 1000.0, "ms");
            r.add("connectP99Ms", "connect time p99", connect.getValueAtPercentile(99) / 1000.0, "ms");
            r.add("connectMaxMs", "connect time max", connect.getMaxValue() / 1000.0, "ms");
            r.add("serverHeapBefore", "server heap after GC, before", serverHeapBefore, "bytes");
            r.add("serverHeapAfter", "server heap after GC, connected", serverHeapAfter, "bytes");
            r.add("serverHeapPerConnection", "server heap per connection",
                    held > 0 ? (serverHeapAfter - serverHeapBefore) / (double) held : 0.0, "bytes");
            if (serverFrom != null) {
                r.add("serverCpuPercent", "server CPU while connecting (of one core)",
                        ProcessMeter.cpuPercent(serverFrom, serverRamped), "%");
                r.add("serverIdleCpuPercent", "server CPU while they idle (of one core)",
                        ProcessMeter.cpuPercent(serverRamped, serverIdle), "%");
                r.add("serverRssBefore", "server RSS before connecting", serverFrom.rssBytes(), "bytes");
                r.add("serverRssAfter", "server RSS connected (after GC)", serverHeld.rssBytes(), "bytes");
                r.add("serverRssPerConnection", "server RSS per connection",
                        held > 0 ? (serverHeld.rssBytes() - serverFrom.rssBytes()) / (double) held : 0.0, "bytes");
            }
            r.add("generatorCpuPercent", "generator CPU while connecting (of one core)",
                    ProcessMeter.cpuPercent(selfFrom, selfRamped), "%");
            r.add("generatorIdleCpuPercent", "generator CPU while they idle (of one core)",
                    ProcessMeter.cpuPercent(selfRamped, selfIdle), "%");
            if (!fleet.failureReasons().isEmpty()) {
                r.add("failures", "why connections failed or dropped", fleet.failureReasons().toString());
            }
            return r;
        }
    }
}
