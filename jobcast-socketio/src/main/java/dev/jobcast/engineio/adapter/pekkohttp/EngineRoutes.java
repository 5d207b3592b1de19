package dev.jobcast.engineio.adapter.pekkohttp;

import dev.jobcast.engineio.CloseReasons;
import dev.jobcast.engineio.EngineCommand.PollReply;
import dev.jobcast.engineio.EngineCommand;
import dev.jobcast.engineio.EngineConfig;
import dev.jobcast.engineio.EngineError;
import dev.jobcast.engineio.EngineRequest;
import dev.jobcast.engineio.EngineServer;
import dev.jobcast.engineio.HandshakeRequest;
import dev.jobcast.engineio.OriginPolicy;
import dev.jobcast.engineio.codec.EioCodec;
import dev.jobcast.engineio.codec.EioDecodeException;
import dev.jobcast.engineio.codec.EioPacket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Scheduler;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.http.javadsl.model.AttributeKeys;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.HttpHeader;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.RemoteAddress;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.model.headers.RawHeader;
import org.apache.pekko.http.javadsl.model.ws.WebSocketUpgrade;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.PathMatchers;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.http.scaladsl.model.EntityStreamSizeException;

/**
 * The Pekko HTTP adapter of an Engine.IO endpoint: the handshake, long-polling GET/POST,
 * WebSocket sessions and upgrades, CORS, and the protocol's HTTP errors. It decodes and
 * encodes payloads and hands packets to the session actors; it holds no session state.
 */
public final class EngineRoutes extends AllDirectives {
    /**
     * Where the callbacks of Pekko's stages run: right where they complete. Their plain
     * thenApply/handle/... would run on the common pool, which on one or two cores starts
     * a new thread for every call.
     */
    private static final java.util.concurrent.Executor SAME_THREAD = Runnable::run;
    private final EngineServer server;
    private final EngineConfig config;
    private final OriginPolicy origins;
    private final Scheduler scheduler;
    private final Duration pollTimeout;

    /** The route of {@code server}'s path on Pekko HTTP. */
    public static Route of(EngineServer server) {
        return new EngineRoutes(server).route();
    }

    private EngineRoutes(EngineServer server) {
        this.server = server;
        this.config = server.config();
        this.origins = new OriginPolicy(config.allowedOrigins());
        this.scheduler = server.scheduler();
        // A held GET is answered at the latest with the next ping; leave room beyond that.
        this.pollTimeout = config.pingInterval().plus(config.pingTimeout()).plusSeconds(5);
    }

    Route route() {
        String trimmed = config.path().substring(1, config.path().length() - 1);
        return pathPrefix(PathMatchers.separateOnSlashes(trimmed), () ->
                pathEndOrSingleSlash(() -> extractRequest(this::handle)));
    }

    private Route handle(HttpRequest req) {
        String origin = req.getHeader("Origin").map(HttpHeader::value).orElse(null);
        Map<String, String> query = req.getUri().query().toMap();
        Optional<WebSocketUpgrade> upgrade = req.getAttribute(AttributeKeys.webSocketUpgrade);
        EngineRequest request = EngineRequest.decide(config, origins, req.method().value(), query, origin,
                upgrade.isPresent());
        if (request instanceof EngineRequest.Reject r) {
            // A refused origin is not echoed back in CORS headers, as if it could read the answer.
            return complete(error(r.error(), origins.allows(origin) ? origin : null));
        } else if (request instanceof EngineRequest.Preflight) {
            return complete(preflight(req, origin));
        } else if (request instanceof EngineRequest.OpenPolling) {
            return poll(server.openSession(handshake(req, query, "polling"), -1), origin);
        } else if (request instanceof EngineRequest.Poll p) {
            return withSession(p.sid(), origin, session -> poll(session, origin));
        } else if (request instanceof EngineRequest.Post p) {
            return withSession(p.sid(), origin, session -> post(session, req, origin));
        } else if (request instanceof EngineRequest.OpenWebSocket) {
            int gen = EngineServer.nextStreamGeneration();
            ActorRef<EngineCommand> session = server.openSession(handshake(req, query, "websocket"), gen);
            return complete(upgrade.orElseThrow().handleMessagesWith(
                    WebSocketFlow.create(session, gen, false, config.maxPayload(), server.materializer())));
        }
        String sid = ((EngineRequest.UpgradeWebSocket) request).sid();
        return withSession(sid, origin, session -> complete(upgrade.orElseThrow().handleMessagesWith(
                WebSocketFlow.create(session, EngineServer.nextStreamGeneration(), true, config.maxPayload(),
                        server.materializer()))));
    }

    private Route withSession(String sid, String origin, Function<ActorRef<EngineCommand>, Route> then) {
        return server.sessions().find(sid).map(then).orElseGet(() -> complete(error(EngineError.UNKNOWN_SID, origin)));
    }

    private Route poll(ActorRef<EngineCommand> session, String origin) {
        CompletionStage<HttpResponse> response = AskPattern.<EngineCommand, PollReply>ask(
                        session, EngineCommand.PollGet::new, pollTimeout, scheduler)
                .handleAsync((reply, failure) -> failure != null ? error(EngineError.UNKNOWN_SID, origin)
                        : toResponse(reply, origin), SAME_THREAD);
        return completeWithFuture(response);
    }

    private Route post(ActorRef<EngineCommand> session, HttpRequest req, String origin) {
        // withSizeLimit fails with EntityStreamSizeException (answered 413 below); toStrict's own
        // maxBytes would fail with a generic EntityStreamException instead, answered 400.
        CompletionStage<HttpResponse> response = req.entity()
                .withSizeLimit(config.maxPayload())
                .toStrict(pollTimeout.toMillis(), Long.MAX_VALUE, server.materializer())
                .thenComposeAsync(strict -> {
                    List<EioPacket> packets;
                    try {
                        packets = EioCodec.decodePayload(strict.getData().decodeString(StandardCharsets.UTF_8));
                    } catch (EioDecodeException e) {
                        session.tell(new EngineCommand.Close(CloseReasons.PARSE_ERROR, false));
                        return java.util.concurrent.CompletableFuture.completedFuture(
                                error(EngineError.BAD_REQUEST, origin));
                    }
                    return AskPattern.<EngineCommand, PollReply>ask(
                                    session, replyTo -> new EngineCommand.PollPost(packets, replyTo), pollTimeout, scheduler)
                            .handleAsync((reply, failure) -> failure != null ? error(EngineError.UNKNOWN_SID, origin)
                                    : toResponse(reply, origin), SAME_THREAD);
                }, SAME_THREAD)
                .exceptionallyAsync(failure -> {
                    if (isTooLarge(failure)) {
                        // The protocol closes a session whose client sends more than maxPayload.
                        session.tell(new EngineCommand.Close(CloseReasons.TRANSPORT_ERROR, false));
                        return error(EngineError.PAYLOAD_TOO_LARGE, origin);
                    }
                    return error(EngineError.BAD_REQUEST, origin);
                }, SAME_THREAD);
        return completeWithFuture(response);
    }

    private static boolean isTooLarge(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof EntityStreamSizeException) {
                return true;
            }
        }
        return false;
    }

    private HttpResponse toResponse(PollReply reply, String origin) {
        if (reply instanceof PollReply.Payload p) {
            return cors(HttpResponse.create().withEntity(
                    HttpEntities.create(ContentTypes.TEXT_PLAIN_UTF8, p.body())), origin);
        }
        if (reply instanceof PollReply.Failed f) {
            return error(f.error(), origin);
        }
        return cors(HttpResponse.create().withEntity(HttpEntities.create(ContentTypes.TEXT_HTML_UTF8, "ok")), origin);
    }

    static HttpResponse error(EngineError e, String origin) {
        HttpResponse r = HttpResponse.create()
                .withStatus(e.status())
                .withEntity(HttpEntities.create(ContentTypes.APPLICATION_JSON, e.json()));
        return origin == null ? r : cors(r, origin);
    }

    private static HttpResponse cors(HttpResponse r, String origin) {
        return withHeaders(r, EngineRequest.corsHeaders(origin));
    }

    private static HttpResponse preflight(HttpRequest req, String origin) {
        String requested = req.getHeader("Access-Control-Request-Headers").map(HttpHeader::value).orElse(null);
        return withHeaders(HttpResponse.create().withStatus(StatusCodes.NO_CONTENT),
                EngineRequest.preflightHeaders(origin, requested));
    }

    private static HttpResponse withHeaders(HttpResponse r, List<EngineRequest.Header> headers) {
        for (EngineRequest.Header h : headers) {
            r = r.addHeader(RawHeader.create(h.name(), h.value()));
        }
        return r;
    }

    private static HandshakeRequest handshake(HttpRequest req, Map<String, String> query, String transport) {
        Map<String, String> headers = new HashMap<>();
        for (HttpHeader h : req.getHeaders()) {
            HandshakeRequest.addHeader(headers, h.name(), h.value());
        }
        String remote = req.getAttribute(AttributeKeys.remoteAddress)
                .flatMap(RemoteAddress::getAddress)
                .map(a -> a.getHostAddress())
                .orElse("unknown");
        return new HandshakeRequest(transport, query, headers, remote.toLowerCase(Locale.ROOT));
    }
}
