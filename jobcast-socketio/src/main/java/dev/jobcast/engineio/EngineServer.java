package dev.jobcast.engineio;

import java.util.concurrent.atomic.AtomicInteger;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.stream.Materializer;

/**
 * One Engine.IO endpoint: its configuration, the application it serves and its live
 * sessions. It knows no HTTP library: the adapters (engineio.adapter.pekkohttp and
 * engineio.adapter.lean) serve its requests and open sessions through {@link #openSession}.
 */
public final class EngineServer {
    private static final AtomicInteger STREAM_GENERATIONS = new AtomicInteger();

    private final ActorSystem<?> system;
    private final EngineConfig config;
    private final EngineApp app;
    private final SessionRegistry sessions = new SessionRegistry();
    private final Materializer materializer;

    public EngineServer(ActorSystem<?> system, EngineConfig config, EngineApp app) {
        this.system = system;
        this.config = config;
        this.app = app;
        this.materializer = Materializer.matFromSystem(system);
    }

    public EngineConfig config() {
        return config;
    }

    public SessionRegistry sessions() {
        return sessions;
    }

    public org.apache.pekko.actor.typed.Scheduler scheduler() {
        return system.scheduler();
    }

    public Materializer materializer() {
        return materializer;
    }

    /** A fresh id for one WebSocket stream, so a session tells its streams apart. */
    public static int nextStreamGeneration() {
        return STREAM_GENERATIONS.updateAndGet(g -> g == Integer.MAX_VALUE ? 0 : g + 1);
    }

    /**
     * Starts a session. {@code webSocketGen} is the generation of the WebSocket stream that
     * carries it, or -1 for a session that starts on long-polling.
     */
    public ActorRef<EngineCommand> openSession(HandshakeRequest request, int webSocketGen) {
        String sid = SessionRegistry.newSid();
        // Named by the sid itself (a valid, unique actor name): the path shares its string.
        ActorRef<EngineCommand> ref = system.systemActorOf(
                EngineSessionActor.create(sid, config, app, request, sessions, webSocketGen), sid, Props.empty());
        return ref;
    }
}
