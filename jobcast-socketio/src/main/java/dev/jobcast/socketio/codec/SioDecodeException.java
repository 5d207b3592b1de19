// Checked failure for a malformed Socket.IO packet (Socket.IO protocol v5, "Packet encoding"):
// the spec says the receiver must close the connection, so callers are forced to handle it.
package dev.jobcast.socketio.codec;

public final class SioDecodeException extends Exception {
    private static final long serialVersionUID = 1L;

    public SioDecodeException(String message) {
        super(message);
    }

    public SioDecodeException(String message, Throwable cause) {
        super(message, cause);
    }
}
