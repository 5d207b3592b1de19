package dev.jobcast.engineio;

/** What an Engine.IO endpoint serves: called once per new session, on its actor. */
@FunctionalInterface
public interface EngineApp {
    EngineListener onOpen(EngineSocket socket);
}
