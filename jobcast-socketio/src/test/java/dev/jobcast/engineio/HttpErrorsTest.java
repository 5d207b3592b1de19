package dev.jobcast.engineio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jobcast.engineio.port.HttpTransport;
import dev.jobcast.socketio.codec.Json;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocketHandshakeException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import org.apache.pekko.actor.typed.ActorSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The HTTP errors of the Engine.IO protocol (status + {"code","message"}) and CORS, over raw
 * HTTP. Three endpoints: /open/ (any origin), /strict/ (one allowed origin), /wsonly/.
 */
@ParameterizedClass(name = "on {0}")
@EnumSource(HttpTransport.class)
class HttpErrorsTest {
    /** The transport this run of the class is on: every test runs on both. */
    @Parameter
    HttpTransport transport;

    private static final String GOOD = "http://good.example";
    private static final String EVIL = "http://evil.example";

    private static ActorSystem<Void> system;
    private static HttpTestServer server;

    @BeforeParameterizedClassInvocation
    static void start(HttpTransport transport) throws Exception {
        system = HttpTestServer.newSystem("HttpErrorsTest");
        EngineServer open = new EngineServer(system, EngineConfig.defaults("/open/"), new EchoApp());
        EngineServer strict = new EngineServer(system,
                EngineConfig.defaults("/strict/").withAllowedOrigins(List.of(GOOD)), new EchoApp());
        EngineServer wsOnly = new EngineServer(system,
                EngineConfig.defaults("/wsonly/").withTransports(false, true), new EchoApp());
        server = HttpTestServer.start(system, transport, open, strict, wsOnly);
    }

    @AfterParameterizedClassInvocation
    static void stop() throws Exception {
        HttpTestServer.terminate(system);
    }

    private static HttpResponse<String> get(String pathAndQuery, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(server.http(pathAndQuery)).GET();
        if (headers.length > 0) {
            b.headers(headers);
        }
        return Polling.send(b);
    }

    private static HttpResponse<String> request(String method, String pathAndQuery, String body, String... headers)
            throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(server.http(pathAndQuery))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (headers.length > 0) {
            b.headers(headers);
        }
        return Polling.send(b);
    }

    private static void assertError(HttpResponse<String> r, int status, int code, String message) throws Exception {
        assertEquals(status, r.statusCode(), r.body());
        assertEquals(Optional.of("application/json"), r.headers().firstValue("Content-Type"));
        JsonNode body = Json.read(r.body());
        assertEquals(Json.read("{\"code\":" + code + ",\"message\":\"" + message + "\"}"), body);
    }

    private static String handshakeSid(String path) throws Exception {
        return new Polling(server, path).handshake().get("sid").textValue();
    }

    @Test
    void anUnknownTransportIsError0() throws Exception {
        assertError(get("/open/?EIO=4&transport=carrier-pigeon"), 400, 0, "Transport unknown");
        assertError(get("/open/?EIO=4"), 400, 0, "Transport unknown");
    }

    @Test
    void aTransportTheServerDoesNotAllowIsError0() throws Exception {
        assertError(get("/wsonly/?EIO=4&transport=polling"), 400, 0, "Transport unknown");
    }

    @Test
    void anUnknownSessionIdIsError1() throws Exception {
        assertError(get("/open/?EIO=4&transport=polling&sid=no-such-session"), 400, 1, "Session ID unknown");
        assertError(request("POST", "/open/?EIO=4&transport=polling&sid=no-such-session", "4hi"),
                400, 1, "Session ID unknown");
    }

    @Test
    void aWebSocketUpgradeForAnUnknownSessionIsRefused() {
        ExecutionException e = assertThrows(ExecutionException.class, () -> Polling.HTTP.newWebSocketBuilder()
                .buildAsync(server.ws("/open/?EIO=4&transport=websocket&sid=no-such-session"),
                        new java.net.http.WebSocket.Listener() {
                        }).get());
        WebSocketHandshakeException refused = (WebSocketHandshakeException) e.getCause();
        assertEquals(400, refused.getResponse().statusCode());
    }

    @Test
    void aHandshakeThatIsNotAGetIsError2() throws Exception {
        assertError(request("POST", "/open/?EIO=4&transport=polling", "4hi"), 400, 2, "Bad handshake method");
    }

    @Test
    void anUnsupportedMethodOnASessionIsError3() throws Exception {
        String sid = handshakeSid("/open/");
        assertError(request("PUT", "/open/?EIO=4&transport=polling&sid=" + sid, "4hi"), 400, 3, "Bad request");
    }

    @Test
    void aWebSocketRequestWithoutUpgradeIsError3() throws Exception {
        assertError(get("/open/?EIO=4&transport=websocket"), 400, 3, "Bad request");
    }

    @Test
    void aDisallowedOriginIsError4() throws Exception {
        HttpResponse<String> get = get("/strict/?EIO=4&transport=polling", "Origin", EVIL);
        assertError(get, 403, 4, "Forbidden");
        HttpResponse<String> preflight = request("OPTIONS", "/strict/?EIO=4&transport=polling", null, "Origin", EVIL);
        assertError(preflight, 403, 4, "Forbidden");
        String sid = handshakeSid("/strict/");
        HttpResponse<String> post = request("POST", "/strict/?EIO=4&transport=polling&sid=" + sid, "4hi", "Origin", EVIL);
        assertError(post, 403, 4, "Forbidden");
        for (HttpResponse<String> refused : List.of(get, preflight, post)) {
            // A refused origin is not echoed back as if it were allowed to read the answer.
            assertEquals(Optional.empty(), refused.headers().firstValue("Access-Control-Allow-Origin"),
                    refused.request().method() + " " + refused.headers().map());
        }
    }

    @Test
    void aWebSocketFromADisallowedOriginIsRefused() {
        URI uri = server.ws("/strict/?EIO=4&transport=websocket");
        ExecutionException e = assertThrows(ExecutionException.class, () -> Polling.HTTP.newWebSocketBuilder()
                .header("Origin", EVIL)
                .buildAsync(uri, new java.net.http.WebSocket.Listener() {
                }).get());
        WebSocketHandshakeException refused = (WebSocketHandshakeException) e.getCause();
        assertEquals(403, refused.getResponse().statusCode());
    }

    @Test
    void aWebSocketFromTheAllowedOriginIsAccepted() throws Exception {
        try (RawWebSocket ws = RawWebSocket.connect(server.ws("/strict/?EIO=4&transport=websocket"),
                Map.of("Origin", GOOD), true)) {
            assertTrue(ws.readOpen().get("sid").isTextual());
        }
    }

    @Test
    void anUnsupportedProtocolVersionIsError5() throws Exception {
        assertError(get("/open/?EIO=3&transport=polling"), 400, 5, "Unsupported protocol version");
        assertError(get("/open/?transport=polling"), 400, 5, "Unsupported protocol version");
    }

    @Test
    void pollingResponsesCarryCorsHeadersForTheAllowedOrigin() throws Exception {
        HttpResponse<String> handshake = get("/strict/?EIO=4&transport=polling", "Origin", GOOD);
        assertEquals(200, handshake.statusCode());
        assertCors(handshake);
        String sid = Json.read(handshake.body().substring(1)).get("sid").textValue();

        HttpResponse<String> post = request("POST", "/strict/?EIO=4&transport=polling&sid=" + sid, "4hello",
                "Origin", GOOD);
        assertEquals(200, post.statusCode());
        assertCors(post);

        HttpResponse<String> poll = get("/strict/?EIO=4&transport=polling&sid=" + sid, "Origin", GOOD);
        assertEquals(200, poll.statusCode());
        assertEquals("4hello", poll.body());
        assertCors(poll);
    }

    @Test
    void errorsToTheAllowedOriginCarryCorsHeadersSoThePageCanReadThem() throws Exception {
        HttpResponse<String> r = get("/strict/?EIO=4&transport=polling&sid=nope", "Origin", GOOD);
        assertError(r, 400, 1, "Session ID unknown");
        assertCors(r);
    }

    @Test
    void withoutAnOriginThereAreNoCorsHeaders() throws Exception {
        HttpResponse<String> r = get("/strict/?EIO=4&transport=polling");
        assertEquals(200, r.statusCode());
        assertFalse(r.headers().firstValue("Access-Control-Allow-Origin").isPresent());
    }

    @Test
    void aPreflightIsAnsweredWithTheAllowedMethodsAndHeaders() throws Exception {
        HttpResponse<String> r = request("OPTIONS", "/strict/?EIO=4&transport=polling", null,
                "Origin", GOOD,
                "Access-Control-Request-Method", "POST",
                "Access-Control-Request-Headers", "content-type, x-custom");
        assertEquals(204, r.statusCode());
        assertCors(r);
        String methods = r.headers().firstValue("Access-Control-Allow-Methods").orElse("");
        assertTrue(methods.contains("GET") && methods.contains("POST"), methods);
        assertEquals(Optional.of("content-type, x-custom"), r.headers().firstValue("Access-Control-Allow-Headers"));
    }

    private static void assertCors(HttpResponse<String> r) {
        assertEquals(Optional.of(GOOD), r.headers().firstValue("Access-Control-Allow-Origin"));
        assertEquals(Optional.of("true"), r.headers().firstValue("Access-Control-Allow-Credentials"));
    }

    @Test
    void aFreshHandshakeStillWorksOnEveryEndpoint() throws Exception {
        JsonNode open = new Polling(server, "/open/").handshake();
        assertEquals(Json.read("[\"websocket\"]"), open.get("upgrades"));
        assertTrue(open.get("pingInterval").isNumber());
        assertTrue(handshakeSid("/strict/").length() >= 20);
    }
}
