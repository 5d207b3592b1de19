package dev.jobcast.engineio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jobcast.engineio.port.HttpTransport;
import dev.jobcast.socketio.codec.Json;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.ActorSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Bad long-polling input ends only the session it came on: too-large and malformed POSTs,
 * and two GETs at once. The heartbeat is long, so no ping interferes.
 */
@ParameterizedClass(name = "on {0}")
@EnumSource(HttpTransport.class)
class PollingBadInputTest {
    /** The transport this run of the class is on: every test runs on both. */
    @Parameter
    HttpTransport transport;

    private static final long MAX_PAYLOAD = 1_000;

    private static ActorSystem<Void> system;
    private static HttpTestServer server;
    private static EchoApp app;

    @BeforeParameterizedClassInvocation
    static void start(HttpTransport transport) throws Exception {
        system = HttpTestServer.newSystem("PollingBadInputTest");
        app = new EchoApp();
        EngineServer engine = new EngineServer(system,
                EngineConfig.defaults("/engine.io/").withMaxPayload(MAX_PAYLOAD), app);
        server = HttpTestServer.start(system, transport, engine);
    }

    @AfterParameterizedClassInvocation
    static void stop() throws Exception {
        HttpTestServer.terminate(system);
    }

    private static Polling session() throws Exception {
        Polling p = new Polling(server, "/engine.io/");
        p.handshake();
        return p;
    }

    private static void assertError(HttpResponse<String> r, int status, int code) throws Exception {
        assertEquals(status, r.statusCode(), r.body());
        JsonNode body = Json.read(r.body());
        assertEquals(code, body.get("code").intValue(), r.body());
        assertTrue(body.get("message").isTextual());
    }

    /** The session is gone: its close handler ran and its sid is no longer known. */
    private static void assertClosed(Polling p, String reason) throws Exception {
        assertEquals(reason, app.awaitClose(p.sid()));
        assertError(p.get(), 400, 1);
    }

    /** A neighbour session still echoes. */
    private static void assertNeighbourWorks(Polling neighbour) throws Exception {
        assertEquals(200, neighbour.post("4still here").statusCode());
        assertEquals("4still here", neighbour.get().body());
    }

    @Test
    void aPostLargerThanMaxPayloadIs413AndClosesTheSession() throws Exception {
        Polling neighbour = session();
        Polling p = session();

        HttpResponse<String> r = p.post("4" + "x".repeat((int) MAX_PAYLOAD + 1));

        assertError(r, 413, 3);
        assertClosed(p, CloseReasons.TRANSPORT_ERROR);
        assertNeighbourWorks(neighbour);
    }

    @Test
    void aChunkedPostLargerThanMaxPayloadIsRefusedWithoutReadingIt() throws Exception {
        Polling p = session();
        // No Content-Length: the limit must hold while the body streams in.
        HttpRequest.BodyPublisher chunked = HttpRequest.BodyPublishers.fromPublisher(
                HttpRequest.BodyPublishers.ofString("4" + "x".repeat((int) MAX_PAYLOAD * 5)));

        HttpResponse<String> r = Polling.send(HttpRequest.newBuilder(p.uri()).POST(chunked));

        if (transport == HttpTransport.LEAN) {
            // The lean transport's HTTP subset has no chunked bodies: the request is refused before
            // the session sees any of it, and the session is left as it was.
            assertEquals(501, r.statusCode(), r.body());
            assertEquals("not_implemented", Json.read(r.body()).path("error").textValue(), r.body());
            assertEquals(200, p.post("4still open").statusCode());
            assertEquals("4still open", p.get().body());
            return;
        }
        assertError(r, 413, 3);
        assertClosed(p, CloseReasons.TRANSPORT_ERROR);
    }

    @Test
    void aPostOfExactlyMaxPayloadIsAccepted() throws Exception {
        Polling p = session();
        String message = "4" + "x".repeat((int) MAX_PAYLOAD - 1);

        assertEquals(200, p.post(message).statusCode());
        assertEquals(message, p.get().body());
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"", "9oops", "x", "4a\u001e\u001e4b", "4a\u001e", "b!!not-base64!!"})
    void aMalformedPayloadIs400AndClosesTheSession(String body) throws Exception {
        Polling neighbour = session();
        Polling p = session();

        assertError(p.post(body), 400, 3);

        assertClosed(p, CloseReasons.PARSE_ERROR);
        assertNeighbourWorks(neighbour);
    }

    @Test
    void aPacketTypeOnlyTheServerMaySendClosesTheSession() throws Exception {
        Polling p = session();
        p.post("0{}");
        assertClosed(p, CloseReasons.PARSE_ERROR);
    }

    @Test
    void aClosePacketEndsTheSessionNormally() throws Exception {
        Polling p = session();
        assertEquals(200, p.post("1").statusCode());
        assertClosed(p, CloseReasons.TRANSPORT_CLOSE);
    }

    @Test
    void twoGetsAtOnceAreAProtocolErrorThatClosesTheSession() throws Exception {
        Polling neighbour = session();
        Polling p = session();

        CompletableFuture<HttpResponse<String>> first = p.getAsync();
        CompletableFuture<HttpResponse<String>> second = p.getAsync();
        HttpResponse<String> a = first.get(HttpTestServer.TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        HttpResponse<String> b = second.get(HttpTestServer.TIMEOUT.toSeconds(), TimeUnit.SECONDS);

        // Whichever reached the session second is refused; the held one is answered with CLOSE.
        HttpResponse<String> refused = a.statusCode() == 400 ? a : b;
        HttpResponse<String> held = refused == a ? b : a;
        assertError(refused, 400, 3);
        assertEquals(200, held.statusCode());
        assertEquals("1", held.body());
        assertClosed(p, CloseReasons.TRANSPORT_ERROR);
        assertNeighbourWorks(neighbour);
    }

    @Test
    void afterAllOfItTheServerStillAnswersAFreshHandshake() throws Exception {
        Polling p = session();
        p.post("9oops");
        assertEquals(CloseReasons.PARSE_ERROR, app.awaitClose(p.sid()));

        JsonNode open = new Polling(server, "/engine.io/").handshake();
        assertEquals(MAX_PAYLOAD, open.get("maxPayload").longValue());
    }
}
