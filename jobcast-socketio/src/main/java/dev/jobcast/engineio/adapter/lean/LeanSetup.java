package dev.jobcast.engineio.adapter.lean;

import dev.jobcast.engineio.EngineServer;
import dev.jobcast.engineio.OriginPolicy;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.apache.pekko.NotUsed;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.settings.ServerSettings;
import org.apache.pekko.stream.Materializer;
import org.apache.pekko.stream.TLSProtocol;
import org.apache.pekko.stream.javadsl.BidiFlow;
import org.apache.pekko.stream.javadsl.Flow;
import org.apache.pekko.stream.javadsl.TLSPlacebo;
import org.apache.pekko.util.ByteString;

/**
 * What every connection of one lean listener shares: the Engine.IO endpoint it serves
 * itself, the Pekko HTTP handler it hands every other connection to, and its limits.
 *
 * @param requestTimeout how long a request head (or a POST body) may take to arrive, and
 *                       how long a keep-alive connection may sit idle between requests
 */
record LeanSetup(ActorSystem<?> system, List<Endpoint> endpoints,
                 Flow<HttpRequest, HttpResponse, NotUsed> fallback, ServerSettings httpSettings,
                 Materializer materializer, int maxHeadBytes, int maxHeaderFields, Duration requestTimeout) {

    /**
     * One Engine.IO endpoint served on the lean path.
     *
     * @param pollTimeout how long a polling request waits for its session's answer
     */
    record Endpoint(EngineServer engine, OriginPolicy origins, Duration pollTimeout) {
        static Endpoint of(EngineServer engine) {
            var config = engine.config();
            // A held GET is answered at the latest with the next ping; leave room beyond that.
            return new Endpoint(engine, new OriginPolicy(config.allowedOrigins()),
                    config.pingInterval().plus(config.pingTimeout()).plusSeconds(5));
        }

        /** Whether {@code path} is this endpoint's (with or without its trailing slash). */
        boolean serves(String path) {
            String p = engine.config().path();
            return path.equals(p) || path.regionMatches(0, p, 0, p.length() - 1) && path.length() == p.length() - 1;
        }
    }

    static final int MAX_HEAD_BYTES = 8192;
    static final int MAX_HEADER_FIELDS = 64;

    /** The endpoint serving {@code path}, or null when Pekko HTTP is to answer it. */
    Endpoint endpointFor(String path) {
        for (Endpoint e : endpoints) {
            if (e.serves(path)) {
                return e;
            }
        }
        return null;
    }

    /** Pekko HTTP's whole server pipeline over plain bytes, for one connection from {@code remote}. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    Flow<ByteString, ByteString, NotUsed> handOff(InetSocketAddress remote) {
        BidiFlow<TLSProtocol.SslTlsOutbound, ByteString, ByteString, TLSProtocol.SslTlsInbound, NotUsed> plain =
                (BidiFlow) TLSPlacebo.getInstance();
        return fallback.join(Http.get(system).serverLayer(httpSettings, Optional.of(remote)).atop(plain));
    }
}
