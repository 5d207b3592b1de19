package dev.jobcast.engineio;

import dev.jobcast.engineio.EngineCommand.PollReply;
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
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Scheduler;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.http.javadsl.model.AttributeKeys;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.HttpHeader;
import org.apache.pekko.http.javadsl.model.HttpMethods;
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
final class EngineRoutes extends AllDirectives {
    private final EngineServer server;
    private final EngineConfig config;
    private final OriginPolicy origins;
    private final Scheduler scheduler;
    private final Duration pollTimeout;

    EngineRoutes(EngineServer server) {
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
        if (!origins.allows(origin)) {
            return complete(error(EngineError.FORBIDDEN, null));
        }
        if (req.method() == HttpMethods.OPTIONS) {
            return complete(preflight(req, origin));
        }
        Map<String, String> query = req.getUri().query().toMap();
        if (!"4".equals(query.get("EIO"))) {
            return complete(error(EngineError.UNSUPPORTED_PROTOCOL_VERSION, origin));
        }
        String transport = query.get("transport");
        boolean polling = "polling".equals(transport) && config.allowPolling();
        boolean webSocket = "websocket".equals(transport) && config.allowWebSocket();
        if (!polling && !webSocket) {
            return complete(error(EngineError.UNKNOWN_TRANSPORT, origin));
        }
        Optional<WebSocketUpgrade> upgrade = req.getAttribute(AttributeKeys.webSocketUpgrade);
        String sid = query.get("sid");
        if (webSocket) {
            if (upgrade.isEmpty()) {
                return complete(error(EngineError.BAD_REQUEST, origin));
            }
            return webSocket(req, query, sid, upgrade.get(), origin);
        }
        if (sid == null) {
            if (req.method() != HttpMethods.GET) {
                return complete(error(EngineError.BAD_HANDSHAKE_METHOD, origin));
            }
            ActorRef<EngineCommand> session = server.openSession(handshake(req, query, "polling"), -1);
            return poll(session, origin);
        }
        Optional<ActorRef<EngineCommand>> session = server.sessions().find(sid);
        if (session.isEmpty()) {
            return complete(error(EngineError.UNKNOWN_SID, origin));
        }
        if (req.method() == HttpMethods.GET) {
            return poll(session.get(), origin);
        }
        if (req.method() == HttpMethods.POST) {
            return post(session.get(), req, origin);
        }
        return complete(error(EngineError.BAD_REQUEST, origin));
    }

    private Route webSocket(HttpRequest req, Map<String, String> query, String sid, WebSocketUpgrade upgrade,
                            String origin) {
        int gen = EngineServer.nextStreamGeneration();
        if (sid == null) {
            ActorRef<EngineCommand> session = server.openSession(handshake(req, query, "websocket"), gen);
            return complete(upgrade.handleMessagesWith(
                    WebSocketFlow.create(session, gen, false, config.maxPayload(), server.materializer())));
        }
        Optional<ActorRef<EngineCommand>> session = server.sessions().find(sid);
        if (session.isEmpty()) {
            return complete(error(EngineError.UNKNOWN_SID, origin));
        }
        return complete(upgrade.handleMessagesWith(
                WebSocketFlow.create(session.get(), gen, true, config.maxPayload(), server.materializer())));
    }

    private Route poll(ActorRef<EngineCommand> session, String origin) {
        CompletionStage<HttpResponse> response = AskPattern.<EngineCommand, PollReply>ask(
                        session, EngineCommand.PollGet::new, pollTimeout, scheduler)
                .handle((reply, failure) -> failure != null ? error(EngineError.UNKNOWN_SID, origin)
                        : toResponse(reply, origin));
        return completeWithFuture(response);
    }

    private Route post(ActorRef<EngineCommand> session, HttpRequest req, String origin) {
        // withSizeLimit fails with EntityStreamSizeException (answered 413 below); toStrict's own
        // maxBytes would fail with a generic EntityStreamException instead, answered 400.
        CompletionStage<HttpResponse> response = req.entity()
                .withSizeLimit(config.maxPayload())
                .toStrict(pollTimeout.toMillis(), Long.MAX_VALUE, server.materializer())
                .thenCompose(strict -> {
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
                            .handle((reply, failure) -> failure != null ? error(EngineError.UNKNOWN_SID, origin)
                                    : toResponse(reply, origin));
                })
                .exceptionally(failure -> {
                    if (isTooLarge(failure)) {
                        // The protocol closes a session whose client sends more than maxPayload.
                        session.tell(new EngineCommand.Close(CloseReasons.TRANSPORT_ERROR, false));
                        return error(EngineError.PAYLOAD_TOO_LARGE, origin);
                    }
                    return error(EngineError.BAD_REQUEST, origin);
                });
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
        if (origin == null) {
            return r;
        }
        return r.addHeader(RawHeader.create("Access-Control-Allow-Origin", origin))
                .addHeader(RawHeader.create("Access-Control-Allow-Credentials", "true"))
                .addHeader(RawHeader.create("Vary", "Origin"));
    }

    private static HttpResponse preflight(HttpRequest req, String origin) {
        HttpResponse r = HttpResponse.create().withStatus(StatusCodes.NO_CONTENT)
                .addHeader(RawHeader.create("Access-Control-Allow-Methods", "GET, POST, OPTIONS"))
                .addHeader(RawHeader.create("Access-Control-Max-Age", "86400"));
        Optional<String> headers = req.getHeader("Access-Control-Request-Headers").map(HttpHeader::value);
        if (headers.isPresent()) {
            r = r.addHeader(RawHeader.create("Access-Control-Allow-Headers", headers.get()));
        }
        return cors(r, origin);
    }

    private static HandshakeRequest handshake(HttpRequest req, Map<String, String> query, String transport) {
        Map<String, String> headers = new HashMap<>();
        for (HttpHeader h : req.getHeaders()) {
            headers.merge(h.lowercaseName(), h.value(), (a, b) -> a + ", " + b);
        }
        String remote = req.getAttribute(AttributeKeys.remoteAddress)
                .flatMap(RemoteAddress::getAddress)
                .map(a -> a.getHostAddress())
                .orElse("unknown");
        return new HandshakeRequest(transport, query, headers, remote.toLowerCase(Locale.ROOT));
    }
}
