package dev.jobcast.engineio;

/** How a session ends: what happens to its queue, and whether a polling client is told. */
enum SessionEnding {
    /** What is queued is still written first (the Socket.IO DISCONNECT packet, say). */
    DRAIN,
    /**
     * The server cuts a client it still considers alive (slow, or dropped on purpose): the
     * queue is dropped, but a polling client's next GET still gets the CLOSE packet, so it
     * sees the transport closed whenever between two polls the cut falls.
     */
    ABORT,
    /** The client is gone or broke the protocol: the queue is dropped, the session forgotten. */
    DISCARD
}
