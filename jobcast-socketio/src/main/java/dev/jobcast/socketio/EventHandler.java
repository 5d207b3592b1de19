package dev.jobcast.socketio;

import com.fasterxml.jackson.databind.node.ArrayNode;

/** Handles one named event. {@code ack} is null when the client asked for none. Runs on the connection's actor. */
@FunctionalInterface
public interface EventHandler {
    void handle(Socket socket, ArrayNode args, Ack ack);
}
