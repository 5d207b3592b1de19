package dev.jobcast.bench.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A database's CPU: its processes by pid or by name, summed over the window. */
class ProcessGroupCpuTest {

    private static String stat(String comm, long utime, long stime) {
        return "1 (" + comm + ") S 1 1 1 0 -1 4194560 100 0 0 0 " + utime + " " + stime + " 0 0 20 0 1 0 100 0 0\n";
    }

    private static void process(Path proc, long pid, String comm, long utime, long stime) throws Exception {
        Files.createDirectories(proc.resolve(Long.toString(pid)));
        Files.writeString(proc.resolve(pid + "/stat"), stat(comm, utime, stime));
    }

    @Test
    void findsProcessesByTheirCommandName(@TempDir Path proc) throws Exception {
        process(proc, 10, "postgres", 100, 50);
        process(proc, 11, "postgres", 1, 1);
        process(proc, 12, "java", 999, 999);
        Files.createDirectories(proc.resolve("self"));
        ProcessGroupCpu byName = new ProcessGroupCpu(proc, null, "postgres");
        assertEquals(Map.of(10L, 1_500_000_000L, 11L, 20_000_000L), byName.sample().cpuNanos());
        ProcessGroupCpu byPid = new ProcessGroupCpu(proc, List.of(12L, 13L), null);
        assertEquals(Map.of(12L, 19_980_000_000L), byPid.sample().cpuNanos(), "13 is not there");
    }

    @Test
    void aProcessThatAppearedCountsWhole() {
        var from = new ProcessGroupCpu.Sample(Map.of(1L, 1_000L, 2L, 5_000L), 0);
        var to = new ProcessGroupCpu.Sample(Map.of(1L, 3_000L, 3L, 4_000L), 10_000);
        assertEquals(60.0, ProcessGroupCpu.percent(from, to), 1e-9, "2,000 of 1 + 4,000 of 3 in 10,000 ns; 2 ended");
    }

    @Test
    void theCommandNameMayHoldSpacesAndParentheses() {
        assertEquals("postgres: walwriter (x)", ProcessGroupCpu.command(stat("postgres: walwriter (x)", 1, 1)));
        assertNull(ProcessGroupCpu.command("garbage"));
        assertThrows(IllegalArgumentException.class, () -> new ProcessGroupCpu(Path.of("/proc"), null, null));
    }
}
