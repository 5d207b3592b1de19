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
 * `bench fanout`: rooms x subscribers clients join their rooms, the server is told to
 * publish, and every delivery's latency (receive time - ts) and seq are checked.
 */
@Command(name = "fanout", mixinStandardHelpOptions = true,
        description = "Room fan-out against the fan-out contract: delivered/s, latency percentiles, seq gaps, "
                + "CPU and RSS.")
public final class FanoutCommand implements Callable<Integer> {
    // After the last update is due, the run ends once nothing has arrived for this long.
    private static final long QUIET_NANOS = 2_000_000_000L;

    @Mixin
    GeneratorOptions gen;

    @Option(names = "--rooms", defaultValue = "1", description = "Rooms (default: ${DEFAULT-VALUE}).")
    int rooms;

    @Option(names = "--subscribers", defaultValue = "1000", description = "Clients per room (default: ${DEFAULT-VALUE}).")
    int subscribers;

    @Option(names = "--rate", defaultValue = "10", description = "Updates per second to each room (default: ${DEFAULT-VALUE}).")
    double rate;

    @Option(names = "--duration", defaultValue = "10", description = "Seconds of publishing (default: ${DEFAULT-VALUE}).")
    double duration;

    @Option(names = "--prefix", defaultValue = "r", description = "Room names are prefix0, prefix1, ... (default: ${DEFAULT-VALUE}).")
    String prefix;

    @Option(names = "--drain", defaultValue = "10",
            description = "Seconds to wait after the last update for late deliveries, at most (default: ${DEFAULT-VALUE}).")
    double drain;

    @Override
    public Integer call() throws Exception {
        gen.prepareCommandLine();
        gen.print(run(System.err), System.out);
        return 0;
    }

    Report run(PrintStream progressOut) throws Exception {
        if (rooms < 1 || subscribers < 1) {
            throw new IllegalArgumentException("--rooms and --subscribers must be >= 1");
        }
        Control control = gen.control();
        ProcessMeter meter = gen.meter();
        JsonNode before = control.stats();
        // A run before this one may still be catching up (a server that fell behind): wait for it.
        for (int i = 0; i < 240 && before.path("publishing").asBoolean(); i++) {
            Thread.sleep(500);
            before = control.stats();
        }
        if (before.path("publishing").asBoolean()) {
            throw new IllegalStateException("the server is still publishing an earlier run after 2 minutes");
        }
        String[] roomNames = new String[rooms];
        for (int k = 0; k < rooms; k++) {
            roomNames[k] = prefix + k;
        }
        Contract contract = gen.contract(control, rooms, prefix);
        int count = Math.multiplyExact(rooms, subscribers);
        // Progress comes last, so it is closed first: the line stops before the connections close.
        try (WsConnector connector = gen.connector();
             Fleet fleet = new Fleet(connector, gen.plan(count, gen.connectRate), i -> roomNames[i % rooms],
                     contract);
             Progress progress = new Progress(progressOut, !gen.quiet)) {
            progress.show(() -> String.format(Locale.ROOT, "fanout  joining  %,d/%,d ready  %,d failed",
                    fleet.ready(), count, fleet.failed()));
            Fleet.Ramp ramp = fleet.ramp();
            if (ramp.ready() == 0) {
                throw new IllegalStateException("no client joined its room: " + fleet.failureReasons());
            }
            Pacer pacer = new Pacer(rooms, rate, duration);
            long total = pacer.total();
            long expected = ramp.ready() * total;
            ProcessMeter.Sample serverFrom = meter.server();
            ProcessMeter.Sample selfFrom = ProcessMeter.self();
            long startedAt = control.publish(rooms, prefix, rate, duration);
            // When the server's last broadcast is due: the rooms' phases end it 1/(rooms x rate)
            // before the duration is up.
            long publishEnd = startedAt * 1000 + lastDueMicros(pacer);
            ThreadRecorders latencies = fleet.latencies();
            // Deliveries at the previous redraw, for the rate of the last second (one redraw thread).
            long[] previous = {0};
            progress.show(() -> {
                long n = latencies.count();
                long perSecond = n - previous[0];
                previous[0] = n;
                return String.format(Locale.ROOT, "fanout  %5.1fs  delivered %,d/%,d  (%,d/s)  dropped %,d",
                        (WallClock.micros() - startedAt * 1000) / 1e6, n, expected, perSecond, fleet.dropped());
            });
            waitForDeliveries(latencies, expected, publishEnd);
            ProcessMeter.Sample serverTo = meter.server();
            ProcessMeter.Sample selfTo = ProcessMeter.self();
            JsonNode after = control.stats();
            Report r = report(fleet, ramp, latencies, after, startedAt, publishEnd, total, expected);
            addUsage(r, serverFrom, serverTo, selfFrom, selfTo);
            return r;
        }
    }

    /** Until everything arrived, or nothing came for a while after the end, or the drain time ran out. */
    private void waitForDeliveries(ThreadRecorders latencies, long expected, long publishEndMicros)
            throws InterruptedException {
        long last = -1;
        long lastChange = System.nanoTime();
        long giveUp = publishEndMicros + (long) (drain * 1e6);
        while (true) {
            Thread.sleep(50);
            long n = latencies.count();
            if (n != last) {
                last = n;
                lastChange = System.nanoTime();
            }
            long now = WallClock.micros();
            if (now < publishEndMicros) {
                continue;
            }
            if (n >= expected || System.nanoTime() - lastChange > QUIET_NANOS || now > giveUp) {
                return;
            }
        }
    }

    /** CPU and memory over the window from the publish request to the last delivery awaited. */
    private static void addUsage(Report r, ProcessMeter.Sample serverFrom, ProcessMeter.Sample serverTo,
                                 ProcessMeter.Sample selfFrom, ProcessMeter.Sample selfTo) {
        if (serverFrom != null) {
            r.add("serverCpuPercent", "server CPU (of one core)", ProcessMeter.cpuPercent(serverFrom, serverTo), "%");
            r.add("serverRssStart", "server RSS at the start", serverFrom.rssBytes(), "bytes");
            r.add("serverRssEnd", "server RSS at the end", serverTo.rssBytes(), "bytes");
        }
        r.add("generatorCpuPercent", "generator CPU (of one core)", ProcessMeter.cpuPercent(selfFrom, selfTo), "%");
    }

    /** Microseconds from the start to the last broadcast of the pacer's schedule (0 for an empty run). */
    static long lastDueMicros(Pacer pacer) {
        return pacer.broadcasts() == 0 ? 0 : pacer.dueNanos(pacer.broadcasts() - 1) / 1000;
    }

    /** @param after /stats once the deliveries are in: its figures are of this run, reset when it started */
    private Report report(Fleet fleet, Fleet.Ramp ramp, ThreadRecorders recorders, JsonNode after,
                          long startedAt, long publishEndMicros, long total, long expected) {
        Histogram lat = recorders.merged();
        long delivered = lat.getTotalCount();
        long[] seq = new long[3];
        fleet.forEachSession(s -> {
            seq[0] += s.gaps();
            seq[1] += s.duplicates();
            seq[2] += s.gaps() > 0 ? 1 : 0;
        });
        double window = Math.max(duration, (recorders.lastAtMicros() - startedAt * 1000) / 1e6);
        double tail = recorders.lastAtMicros() == 0 ? 0 : (recorders.lastAtMicros() - publishEndMicros) / 1000.0;
        Report r = new Report("fanout");
        r.add("server", "server", after.path("server").asText("?"));
        r.add("contract", "contract", gen.contractName);
        r.add("rooms", "rooms", rooms);
        r.add("subscribers", "subscribers per room", subscribers);
        r.add("rate", "updates per room", rate, "/s");
        r.add("duration", "duration", duration, "s");
        r.add("clients", "clients ready", ramp.ready());
        r.add("clientsFailed", "clients failed to join", ramp.failed());
        r.add("clientsDropped", "clients dropped during the run", fleet.dropped());
        r.add("joinSeconds", "time to join all", ramp.seconds(), "s");
        r.add("published", "updates published (server)", after.path("published").asLong());
        r.add("offeredPerSecond", "deliveries offered", ramp.ready() * rate, "/s");
        r.add("expected", "deliveries expected", expected);
        r.add("delivered", "deliveries received", delivered);
        r.add("deliveredPerSecond", "delivered", delivered / window, "/s");
        r.add("missing", "deliveries missing", Math.max(0, expected - delivered));
        r.add("gaps", "seq gaps (skipped seq)", seq[0]);
        r.add("duplicates", "seq duplicates or reorders", seq[1]);
        r.add("clientsWithGaps", "clients with gaps", seq[2]);
        r.add("latencyP50Ms", "latency p50", lat.getValueAtPercentile(50) / 1000.0, "ms");
        r.add("latencyP99Ms", "latency p99", lat.getValueAtPercentile(99) / 1000.0, "ms");
        r.add("latencyP999Ms", "latency p99.9", lat.getValueAtPercentile(99.9) / 1000.0, "ms");
        r.add("latencyMaxMs", "latency max", lat.getMaxValue() / 1000.0, "ms");
        r.add("latencyMeanMs", "latency mean", lat.getMean() / 1000.0, "ms");
        r.add("lastDeliveryAfterEndMs", "last delivery after the last send was due", tail, "ms");
        r.add("updatesPerRoom", "updates sent to each room", total);
        if (!fleet.failureReasons().isEmpty()) {
            r.add("failures", "why clients failed or dropped", fleet.failureReasons().toString());
        }
        return r;
    }
}
