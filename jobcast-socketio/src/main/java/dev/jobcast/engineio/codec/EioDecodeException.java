// Checked failure for malformed Engine.IO input (Engine.IO protocol v4, "Packet encoding"):
// checked so transport code must decide how to close the session instead of crashing.
package dev.jobcast.engineio.codec;

public final class EioDecodeException extends Exception {
    private static final long serialVersionUID = 1L;

    public EioDecodeException(String message) {
        super(message);
    }

    public EioDecodeException(String message, Throwable cause) {
        super(message, cause);
    }
}
