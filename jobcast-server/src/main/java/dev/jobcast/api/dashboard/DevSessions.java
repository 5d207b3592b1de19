package dev.jobcast.api.dashboard;

import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;

/**
 * Whether the dashboard may sign a browser in as the demo user by itself. Only the embedded
 * default offers it (a development convenience, like the demo token printed by serve); a
 * production server answers GET /dashboard/dev-session with 404, and the page asks for a token.
 */
public final class DevSessions {
    private static final DevSessions OFF = new DevSessions(null, null);

    private final Executor blocking;
    private final Callable<DevSession> issuer;

    private DevSessions(Executor blocking, Callable<DevSession> issuer) {
        this.blocking = blocking;
        this.issuer = issuer;
    }

    /** No dev sessions: what every non-embedded server uses. */
    public static DevSessions off() {
        return OFF;
    }

    /**
     * Dev sessions issued by {@code issuer}, which may block (it finds or creates the demo
     * user in the database), so it runs on {@code blocking}, never on an HTTP thread.
     */
    public static DevSessions on(Executor blocking, Callable<DevSession> issuer) {
        if (blocking == null || issuer == null) {
            throw new IllegalArgumentException("dev sessions need an executor and an issuer");
        }
        return new DevSessions(blocking, issuer);
    }

    public boolean enabled() {
        return issuer != null;
    }

    CompletionStage<DevSession> issue() {
        if (!enabled()) {
            return CompletableFuture.failedFuture(new IllegalStateException("dev sessions are off"));
        }
        return CompletableFuture.supplyAsync(() -> {
            try {
                return issuer.call();
            } catch (Exception e) {
                throw new CompletionException(e);
            }
        }, blocking);
    }
}
