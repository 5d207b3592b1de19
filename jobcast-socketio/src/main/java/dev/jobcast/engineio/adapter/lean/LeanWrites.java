package dev.jobcast.engineio.adapter.lean;

import java.util.function.Consumer;
import org.apache.pekko.util.ByteString;

/**
 * The writes of one lean connection: one in flight at a time, each with what to do once the
 * kernel has it. Plain state, no actor: {@code send} hands bytes to the socket, and the
 * connection calls {@link #written} when the socket acknowledges them.
 */
final class LeanWrites {
    private final Consumer<ByteString> send;
    private boolean writing;
    private Runnable afterWrite;

    LeanWrites(Consumer<ByteString> send) {
        this.send = send;
    }

    boolean inFlight() {
        return writing;
    }

    /** Writes {@code bytes}; {@code then} runs once they are handed to the kernel. */
    void write(ByteString bytes, Runnable then) {
        if (writing) {
            throw new IllegalStateException("a write is already in flight");
        }
        writing = true;
        afterWrite = then;
        send.accept(bytes);
    }

    /** The write in flight went out; runs what was to follow it (which may start another). */
    void written() {
        writing = false;
        Runnable then = afterWrite;
        afterWrite = null;
        if (then != null) {
            then.run();
        }
    }

    /** Writes {@code bytes} as the last thing, after the write in flight and what follows it, then {@code close}. */
    void writeLast(ByteString bytes, Runnable close) {
        if (writing) {
            Runnable previous = afterWrite;
            afterWrite = () -> {
                if (previous != null) {
                    previous.run();
                }
                writeLast(bytes, close);
            };
            return;
        }
        write(bytes, close);
    }
}
