package dev.jobcast.socketio;

import com.fasterxml.jackson.databind.node.ArrayNode;

/** The acknowledgement a client asked for with one event: sent at most once, while connected. */
final class SocketAck implements Ack {
    private final Socket socket;
    private final long ackId;
    private boolean sent;

    SocketAck(Socket socket, long ackId) {
        this.socket = socket;
        this.ackId = ackId;
    }

    @Override
    public void send(Object... args) {
        sendArgs(Args.of(args));
    }

    void sendArgs(ArrayNode args) {
        if (!sent && socket.connected()) {
            sent = true;
            socket.sendAck(ackId, args);
        }
    }
}
