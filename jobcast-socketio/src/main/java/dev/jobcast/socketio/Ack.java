package dev.jobcast.socketio;

/** The acknowledgement a client asked for with its event; answer it at most once. */
@FunctionalInterface
public interface Ack {
    void send(Object... args);
}
