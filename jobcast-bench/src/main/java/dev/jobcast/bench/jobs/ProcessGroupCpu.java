// CPU of a group of processes (a database's) from /proc: given pids, or every process of a name.
package dev.jobcast.bench.jobs;

import dev.jobcast.bench.ProcFiles;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The CPU time of a database on this machine: of the given processes, or of every process
 * whose command name (/proc/PID/comm, the name in /proc/PID/stat) is {@code name}, such as
 * PostgreSQL's one process per connection. Sampled at the edges of the measured window; a
 * process that appears in between counts whole (it all ran in the window), one that ends in
 * between is not counted at all.
 */
final class ProcessGroupCpu {

    /** CPU time so far per process, at a monotonic instant. */
    record Sample(Map<Long, Long> cpuNanos, long atNanos) {
    }

    private final Path proc;
    private final List<Long> pids;
    private final String name;

    /** @param pids the processes, or null to go by {@code name} */
    ProcessGroupCpu(Path proc, List<Long> pids, String name) {
        if ((pids == null) == (name == null)) {
            throw new IllegalArgumentException("processes by pid or by name, one of the two");
        }
        this.proc = proc;
        this.pids = pids == null ? null : List.copyOf(pids);
        this.name = name;
    }

    String describe() {
        return pids != null ? "pids " + pids : "processes named " + name;
    }

    Sample sample() {
        long at = System.nanoTime();
        Map<Long, Long> cpu = new HashMap<>();
        if (pids != null) {
            for (long pid : pids) {
                String stat = read(proc.resolve(Long.toString(pid)).resolve("stat"));
                if (stat != null) {
                    cpu.put(pid, ProcFiles.ticksToNanos(ProcFiles.cpuTicks(stat)));
                }
            }
        } else {
            try (DirectoryStream<Path> all = Files.newDirectoryStream(proc, p -> p.getFileName().toString().matches("[0-9]+"))) {
                for (Path dir : all) {
                    String stat = read(dir.resolve("stat"));
                    if (stat != null && name.equals(command(stat))) {
                        cpu.put(Long.parseLong(dir.getFileName().toString()), ProcFiles.ticksToNanos(ProcFiles.cpuTicks(stat)));
                    }
                }
            } catch (IOException e) {
                throw new IllegalStateException("cannot list " + proc, e);
            }
        }
        return new Sample(cpu, at);
    }

    /** The CPU used between two samples as a share of one core, in % (over 100: more than one core). */
    static double percent(Sample from, Sample to) {
        long wall = to.atNanos() - from.atNanos();
        if (wall <= 0) {
            return 0;
        }
        long used = 0;
        for (Map.Entry<Long, Long> e : to.cpuNanos().entrySet()) {
            used += Math.max(0, e.getValue() - from.cpuNanos().getOrDefault(e.getKey(), 0L));
        }
        return 100.0 * used / wall;
    }

    /** The command name of a /proc/PID/stat line: between the first '(' and the last ')'. */
    static String command(String stat) {
        int open = stat.indexOf('(');
        int close = stat.lastIndexOf(')');
        return open < 0 || close < open ? null : stat.substring(open + 1, close);
    }

    /** The file's text, or null when the process is gone (or was never there). */
    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return null;
        }
    }
}
