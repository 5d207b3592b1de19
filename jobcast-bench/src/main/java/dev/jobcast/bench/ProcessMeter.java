package dev.jobcast.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time and resident memory of the server (when its pid is given: it runs on this
 * machine) and of the generator itself, sampled at the edges of a measured window. The
 * generator's CPU shows whether it, not the server, was the limit.
 */
public final class ProcessMeter {

    /** CPU time used so far and resident memory (-1: unknown), at a monotonic instant. */
    public record Sample(long cpuNanos, long rssBytes, long atNanos) {
    }

    private final Long serverPid;

    /** @param serverPid the server's process id, or null to measure the generator only */
    public ProcessMeter(Long serverPid) {
        this.serverPid = serverPid;
        if (serverPid != null && !Files.isReadable(Path.of("/proc", serverPid.toString(), "stat"))) {
            throw new IllegalArgumentException("no process " + serverPid + " to measure on this machine "
                    + "(--server-pid reads /proc/" + serverPid + "/stat)");
        }
    }

    /** The server now, or null without a pid. */
    public Sample server() {
        if (serverPid == null) {
            return null;
        }
        try {
            long at = System.nanoTime();
            Path dir = Path.of("/proc", serverPid.toString());
            long cpu = ProcFiles.ticksToNanos(ProcFiles.cpuTicks(Files.readString(dir.resolve("stat"))));
            return new Sample(cpu, ProcFiles.rssBytes(Files.readString(dir.resolve("status"))), at);
        } catch (IOException e) {
            throw new UncheckedIOException("the server (pid " + serverPid + ") could not be measured; did it stop?", e);
        }
    }

    /** This process now (CPU from the JVM; memory from /proc/self where there is one). */
    public static Sample self() {
        long at = System.nanoTime();
        long cpu = ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getProcessCpuTime() : -1;
        long rss = -1;
        try {
            Path status = Path.of("/proc/self/status");
            if (Files.isReadable(status)) {
                rss = ProcFiles.rssBytes(Files.readString(status));
            }
        } catch (IOException e) {
            // Memory unknown: reported as such.
        }
        return new Sample(cpu, rss, at);
    }

    /** CPU used between two samples as a share of one core, in % (over 100: more than one core). */
    public static double cpuPercent(Sample from, Sample to) {
        long wall = to.atNanos() - from.atNanos();
        if (wall <= 0 || from.cpuNanos() < 0 || to.cpuNanos() < 0) {
            return 0;
        }
        return 100.0 * (to.cpuNanos() - from.cpuNanos()) / wall;
    }
}
