package dev.jobcast.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ProcFilesTest {

    // A /proc/PID/stat line of a JVM; utime 1523 and stime 211 are fields 14 and 15.
    private static final String STAT = "4242 (java) S 1 4242 4242 0 -1 4194560 52116 0 12 0 1523 211 0 0 20 0 "
            + "41 0 1234567 5234515968 98123 18446744073709551615 1 1 0 0 0 0 0 4096 16796879 0 0 0 17 1 0 0 0 0 0";

    private static final String STATUS = "Name:\tjava\nUmask:\t0022\nState:\tS (sleeping)\nTgid:\t4242\n"
            + "VmPeak:\t 5200000 kB\nVmSize:\t 5111832 kB\nVmHWM:\t  400000 kB\nVmRSS:\t  392492 kB\n"
            + "RssAnon:\t  370000 kB\nThreads:\t41\n";

    @Test
    void cpuIsUserPlusSystemTicks() {
        assertEquals(1523 + 211, ProcFiles.cpuTicks(STAT));
        assertEquals(17_340_000_000L, ProcFiles.ticksToNanos(1734));
    }

    @Test
    void aCommandNameWithSpacesAndParenthesesDoesNotShiftTheFields() {
        String odd = STAT.replace("(java)", "(my (odd) server 1)");
        assertEquals(1523 + 211, ProcFiles.cpuTicks(odd));
    }

    @Test
    void rssIsVmRssInBytes() {
        assertEquals(392_492L * 1024, ProcFiles.rssBytes(STATUS));
        assertEquals(-1, ProcFiles.rssBytes("Name:\tkthreadd\nState:\tS (sleeping)\n"));
    }

    @Test
    void refusesWhatIsNotProcText() {
        assertThrows(IllegalArgumentException.class, () -> ProcFiles.cpuTicks("no parentheses here"));
        assertThrows(IllegalArgumentException.class, () -> ProcFiles.cpuTicks("1 (x) S 1 2 3"));
        assertThrows(IllegalArgumentException.class, () -> ProcFiles.cpuTicks(STAT.replace(" 1523 ", " x ")));
        assertThrows(IllegalArgumentException.class, () -> ProcFiles.rssBytes("VmRSS:\t 12 MB\n"));
    }

    @Test
    void readsThisProcess() throws Exception {
        Path self = Path.of("/proc/self/stat");
        // The project builds and runs on Linux (CI included): no /proc is a failure, not a skip.
        assertTrue(Files.isReadable(self), "Linux /proc");
        assertTrue(ProcFiles.cpuTicks(Files.readString(self)) >= 0);
        assertTrue(ProcFiles.rssBytes(Files.readString(Path.of("/proc/self/status"))) > 1_000_000);
        ProcessMeter meter = new ProcessMeter(ProcessHandle.current().pid());
        ProcessMeter.Sample a = meter.server();
        long spin = System.nanoTime() + 200_000_000L;
        long x = 0;
        while (System.nanoTime() < spin) {
            x += x * 31 + 7;
        }
        ProcessMeter.Sample b = meter.server();
        assertTrue(x != 1 && ProcessMeter.cpuPercent(a, b) > 0, "a busy loop of 200 ms used some CPU");
        assertThrows(IllegalArgumentException.class, () -> new ProcessMeter(Long.MAX_VALUE));
    }
}
