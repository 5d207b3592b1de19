package dev.jobcast.engineio;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.pekko.actor.typed.ActorRef;

/** The live sessions of one endpoint by sid, so a polling request finds its actor. */
public final class SessionRegistry {
    private static final SecureRandom RANDOM = new SecureRandom();
    private final ConcurrentHashMap<String, ActorRef<EngineCommand>> sessions = new ConcurrentHashMap<>();

    /** 15 random bytes, URL-safe base64: 20 characters, unguessable, valid in actor names. */
    public static String newSid() {
        byte[] bytes = new byte[15];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    void register(String sid, ActorRef<EngineCommand> session) {
        sessions.put(sid, session);
    }

    void remove(String sid) {
        sessions.remove(sid);
    }

    public Optional<ActorRef<EngineCommand>> find(String sid) {
        return sid == null ? Optional.empty() : Optional.ofNullable(sessions.get(sid));
    }

    public int size() {
        return sessions.size();
    }
}
