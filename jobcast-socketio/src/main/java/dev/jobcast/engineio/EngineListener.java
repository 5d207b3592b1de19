package dev.jobcast.engineio;

import dev.jobcast.engineio.codec.EioPacket;

/**
 * The layer above an Engine.IO session (Socket.IO, or the plain echo). Every call runs on
 * the session's actor, one at a time, so implementations need no locking.
 */
public interface EngineListener {
    /** A MESSAGE packet from the client, text or binary. */
    void onMessage(EioPacket message);

    /** The session ended; {@code reason} is one of the protocol's close reasons. */
    void onClose(String reason);
}
