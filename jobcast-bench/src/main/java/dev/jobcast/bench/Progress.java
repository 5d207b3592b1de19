package dev.jobcast.bench;

import java.io.PrintStream;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * A status line, redrawn every second while a run lasts: in place on a terminal, one line
 * per second otherwise (logs, CI). Silent when not enabled.
 */
public final class Progress implements AutoCloseable {
    private final PrintStream out;
    private final boolean inPlace;
    private final ScheduledExecutorService timer;
    private volatile Supplier<String> line = () -> "";

    public Progress(PrintStream out, boolean enabled) {
        this.out = out;
        this.inPlace = System.console() != null;
        if (enabled) {
            timer = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "bench-progress");
                t.setDaemon(true);
                return t;
            });
            timer.scheduleAtFixedRate(this::print, 1, 1, TimeUnit.SECONDS);
        } else {
            timer = null;
        }
    }

    /** What the line shows from now on (evaluated on every redraw). */
    public void show(Supplier<String> what) {
        this.line = what;
    }

    private void print() {
        String s = line.get();
        if (!s.isEmpty()) {
            out.print(inPlace ? "\r\033[K" + s : s + "\n");
            out.flush();
        }
    }

    @Override
    public void close() {
        if (timer != null) {
            timer.shutdownNow();
            if (inPlace) {
                out.print("\r\033[K");
                out.flush();
            }
        }
    }
}
