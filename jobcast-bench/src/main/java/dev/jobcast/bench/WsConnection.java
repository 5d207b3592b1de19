package dev.jobcast.bench;

/** One client WebSocket of the load generator, whatever library carries it. */
public interface WsConnection {

    /** Sends a text frame; frames of one connection go out in the order sent. */
    void send(String text);

    /** Closes the connection (normal closure); the handler hears of it once. */
    void close();

    /** What a connection tells its owner; calls for one connection never overlap. */
    interface Handler {
        void onText(WsConnection connection, String text);

        /** The connection is gone (closed by either side, or failed), with a reason. */
        void onClosed(WsConnection connection, String why);
    }
}
