package dev.jobcast.engineio;

/**
 * The WebSocket that probes a polling session during an upgrade: a second stream, from its
 * opening to the moment it carries the session or is dropped. {@code W} is its outbound side.
 */
final class UpgradeProbe<W> {
    private int gen = -1;
    private W outlet;
    private boolean answered;
    private boolean ready;

    boolean active() {
        return outlet != null;
    }

    /** Whether stream {@code streamGen} is this probe. */
    boolean is(int streamGen) {
        return outlet != null && streamGen == gen;
    }

    void start(int streamGen, W out) {
        gen = streamGen;
        outlet = out;
        answered = false;
        ready = true;
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

    /** Stream {@code streamGen} can take another frame. */
    void ready(int streamGen) {
        if (streamGen == gen) {
            ready = true;
        }
    }

    boolean isReady() {
        return ready;
    }

    /** Forgets the probe (it took over the session, or it ended, or it was dropped); returns its outlet. */
    W clear() {
        W out = outlet;
        outlet = null;
        gen = -1;
        return out;
    }
}
