package dev.jobcast.engineio;

import dev.jobcast.engineio.EngineCommand.PollReply;
import dev.jobcast.engineio.EngineCommand.Tick;
import dev.jobcast.engineio.EngineCommand.WsOut;
import java.time.Duration;

/**
 * What an {@link EngineSession} asks of the world around it: answers to polling requests,
 * frames to WebSockets, timers, the registry and the log. The actor does it; a test records it.
 */
interface EngineSessionIo<G, W> {
    void reply(G get, PollReply reply);

    void write(W ws, WsOut out);

    void startTimer(Tick tick, Duration after);

    void cancelTimer(Tick tick);

    void cancelAllTimers();

    /** Takes the session out of the registry: new requests no longer find it. */
    void unregister();

    /** The layer above threw: logged, and only this session pays. */
    void upperLayerFailed(String what, RuntimeException e);
}
