package dev.jobcast.bench;

/**
 * Figures from Linux's /proc text: a process's CPU time from /proc/PID/stat and its resident
 * memory from /proc/PID/status.
 */
public final class ProcFiles {
    /**
     * USER_HZ, the unit of the times in /proc/PID/stat: fixed at 100 by the kernel's ABI
     * whatever its internal tick (getconf CLK_TCK says so too).
     */
    static final long TICKS_PER_SECOND = 100;

    private ProcFiles() {
    }

    /**
     * utime + stime (fields 14 and 15 of proc(5)) of a /proc/PID/stat line, in ticks. The
     * command name (field 2) is in parentheses and may hold spaces and parentheses itself,
     * so fields are counted from the last ')'.
     */
    public static long cpuTicks(String stat) {
        int close = stat.lastIndexOf(')');
        if (close < 0) {
            throw new IllegalArgumentException("not a /proc/PID/stat line: no command name");
        }
        String[] rest = stat.substring(close + 1).trim().split("\\s+");
        // rest[0] is field 3 (state), so field n is rest[n - 3].
        if (rest.length < 13) {
            throw new IllegalArgumentException("not a /proc/PID/stat line: " + rest.length + " fields after the name");
        }
        try {
            return Long.parseLong(rest[14 - 3]) + Long.parseLong(rest[15 - 3]);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a /proc/PID/stat line: utime or stime is not a number");
        }
    }

    /** CPU ticks as nanoseconds. */
    public static long ticksToNanos(long ticks) {
        return ticks * (1_000_000_000L / TICKS_PER_SECOND);
    }

    /** VmRSS of a /proc/PID/status text, in bytes; -1 when there is none (a zombie or kernel thread). */
    public static long rssBytes(String status) {
        for (String line : status.split("\n")) {
            if (line.startsWith("VmRSS:")) {
                String[] parts = line.substring("VmRSS:".length()).trim().split("\\s+");
                if (parts.length != 2 || !parts[1].equals("kB")) {
                    throw new IllegalArgumentException("VmRSS is not in kB: " + line);
                }
                try {
                    return Long.parseLong(parts[0]) * 1024;
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("VmRSS is not a number: " + line);
                }
            }
        }
        return -1;
    }
}
