package dev.jobcast.engineio;

/**
 * The WebSocket that probes a polling session during an upgrade: a second stream, from its
 * opening to the moment it carries the session or is dropped. {@code W} is its outbound side.
 * It exists only while an upgrade runs (an idle session carries none).
 */
final class UpgradeProbe<W> {
    private final int gen;
    private final W outlet;
    private boolean answered;
    private boolean ready = true;

    UpgradeProbe(int gen, W outlet) {
        this.gen = gen;
        this.outlet = outlet;
    }

    /** Whether stream {@code streamGen} is this probe. */
    boolean is(int streamGen) {
        return streamGen == gen;
    }

    W outlet() {
        return outlet;
    }

    int gen() {
        return gen;
    }

    /** The client's "2probe" was answered with "3probe"; that frame is not yet acknowledged. */
    void answered() {
        answered = true;
        ready = false;
    }

    boolean wasAnswered() {
        return answered;
    }

    /** The stream can take another frame. */
    void ready() {
        ready = true;
    }

    boolean isReady() {
        return ready;
    }
}
