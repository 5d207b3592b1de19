package dev.jobcast.engineio.adapter.lean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jobcast.echo.EchoServer;
import dev.jobcast.engineio.EngineServer;
import dev.jobcast.engineio.adapter.pekkohttp.EngineRoutes;
import dev.jobcast.socketio.codec.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.http.javadsl.server.Directives;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.http.javadsl.unmarshalling.Unmarshaller;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The lean transport's HTTP side, byte for byte over plain sockets: Engine.IO long-polling
 * on keep-alive connections, requests for other paths handed to Pekko HTTP, and clients
 * that send nothing, send slowly, or send far too much.
 */
class LeanHttpTest {
    private static final Duration REQUEST_TIMEOUT = Duration.ofMillis(800);

    private static ActorSystem<Void> system;
    private static int port;

    @BeforeAll
    static void start() throws Exception {
        system = ActorSystem.create(Behaviors.empty(), "LeanHttpTest");
        List<EngineServer> engines = EchoServer.endpoints(system);
        Route hello = Directives.path("hello", () -> Directives.complete("hi from Pekko HTTP"));
        Route echo = Directives.path("echo", () -> Directives.post(() -> Directives.entity(
                Unmarshaller.entityToString(), body -> Directives.complete("echo: " + body))));
        Route fallback = Directives.concat(hello, echo,
                Directives.concat(Directives.reject(), engines.stream().map(EngineRoutes::of).toArray(Route[]::new)));
        LeanBinding binding = LeanServer.bind(system, "127.0.0.1", 0, engines, fallback, REQUEST_TIMEOUT)
                .toCompletableFuture().get(10, TimeUnit.SECONDS);
        port = binding.localAddress().getPort();
    }

    @AfterAll
    static void stop() throws Exception {
        system.terminate();
        system.getWhenTerminated().toCompletableFuture().get(15, TimeUnit.SECONDS);
    }

    private static String sidOf(RawHttp.Response open) throws Exception {
        assertEquals(200, open.status(), open.text());
        assertTrue(open.text().startsWith("0{"), open.text());
        JsonNode handshake = Json.read(open.text().substring(1));
        return handshake.get("sid").textValue();
    }

    @Test
    void aPollingSessionRunsOnOneKeepAliveConnection() throws Exception {
        try (RawHttp c = new RawHttp(port)) {
            String sid = sidOf(c.get("/socket.io/?EIO=4&transport=polling"));
            String path = "/socket.io/?EIO=4&transport=polling&sid=" + sid;
            RawHttp.Response posted = c.post(path, "40");
            assertEquals(200, posted.status());
            assertEquals("ok", posted.text());
            RawHttp.Response connected = c.get(path);
            assertEquals(200, connected.status());
            assertTrue(connected.text().startsWith("40{\"sid\":"), connected.text());
            assertEquals("text/plain; charset=UTF-8", connected.headers().get("content-type"));
        }
    }

    @Test
    void engineIoErrorsAreTheProtocolsJsonWithCors() throws Exception {
        try (RawHttp c = new RawHttp(port)) {
            c.send("GET /socket.io/?EIO=4&transport=polling&sid=nope HTTP/1.1\r\nHost: x\r\n"
                    + "Origin: https://app.example\r\n\r\n");
            RawHttp.Response r = c.read();
            assertEquals(400, r.status());
            assertEquals("{\"code\":1,\"message\":\"Session ID unknown\"}", r.text());
            assertEquals("https://app.example", r.headers().get("access-control-allow-origin"));
            // The connection stays usable after a protocol error.
            assertEquals(400, c.get("/socket.io/?EIO=3&transport=polling").status());
        }
    }

    @Test
    void aRequestForAnotherPathIsServedByPekkoHttpAndSoIsTheRestOfTheConnection() throws Exception {
        try (RawHttp c = new RawHttp(port)) {
            RawHttp.Response hello = c.get("/hello");
            assertEquals(200, hello.status());
            assertEquals("hi from Pekko HTTP", hello.text());
            // Socket.IO on a connection Pekko HTTP took over still reaches the same endpoint.
            sidOf(c.get("/socket.io/?EIO=4&transport=polling"));
            assertEquals(404, c.get("/nothing-here").status());
        }
    }

    @Test
    void aRequestTheStrictParserRefusesButThatIsNotForSocketIoIsStillPekkoHttps() throws Exception {
        try (RawHttp c = new RawHttp(port)) {
            // A chunked body: outside the lean subset (501 on the Socket.IO path), fine for the API.
            c.send("POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + "3\r\nhel\r\n2\r\nlo\r\n0\r\n\r\n");
            RawHttp.Response r = c.read();
            assertEquals(200, r.status(), r.text());
            assertEquals("echo: hello", r.text());
        }
    }

    @Test
    void aHeadSentOneByteAtATimeIsServed() throws Exception {
        try (RawHttp c = new RawHttp(port)) {
            byte[] head = "GET /socket.io/?EIO=4&transport=polling HTTP/1.1\r\nHost: localhost\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII);
            for (byte b : head) {
                c.send(new byte[] {b});
            }
            sidOf(c.read());
        }
    }

    @Test
    void aClientThatNeverSendsAByteIsClosedAfterTheRequestTimeout() throws Exception {
        try (RawHttp c = new RawHttp(port)) {
            long start = System.nanoTime();
            assertEquals(-1, c.in().read(), "closed without an answer");
            assertTrue(System.nanoTime() - start >= REQUEST_TIMEOUT.toNanos() / 2, "closed too early");
        }
    }

    @Test
    void aHeadThatStopsHalfWayGets408() throws Exception {
        try (RawHttp c = new RawHttp(port)) {
            c.send("GET /socket.io/?EIO=4&transport=polling HTTP/1.1\r\nHost: loc");
            RawHttp.Response r = c.read();
            assertEquals(408, r.status());
            assertTrue(r.text().contains("\"error\":\"request_timeout\""), r.text());
            assertTrue(c.closedByServer());
        }
    }

    @Test
    void aOneMegabyteHeadIsRefusedWith431WithoutBeingReadWhole() throws Exception {
        try (RawHttp c = new RawHttp(port)) {
            byte[] filler = new byte[1024 * 1024];
            Arrays.fill(filler, (byte) 'a');
            Thread writer = new Thread(() -> {
                try {
                    c.send("GET /socket.io/?EIO=4&transport=polling HTTP/1.1\r\nHost: x\r\nX-Big: ");
                    c.send(filler);
                } catch (IOException e) {
                    // the server closed the connection before taking it all: expected
                }
            });
            writer.start();
            RawHttp.Response r = c.read();
            assertEquals(431, r.status());
            assertTrue(c.closedByServer());
            writer.join(10_000);
        }
    }

    @Test
    void brokenHeadsGetTheirStatusAndAClose() throws Exception {
        String[][] cases = {
            {"GET /socket.io/?EIO=4 HTTP/1.1\r\nHost: x\r\n folded\r\n\r\n", "400"},
            {"GET /socket.io/?EIO=4 HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n", "501"},
            {"GET /socket.io/?EIO=4 HTTP/2.0\r\nHost: x\r\n\r\n", "505"},
            {"GET /socket.io/?EIO=4 HTTP/1.1\r\n\r\n", "400"},
            {"GET /socket.io/?EIO=4 HTTP/1.1\nHost: x\n\n", "400"},
            {"POST /socket.io/?EIO=4 HTTP/1.1\r\nHost: x\r\nContent-Length: 1x\r\n\r\n", "400"},
        };
        for (String[] c : cases) {
            try (RawHttp client = new RawHttp(port)) {
                client.send(c[0]);
                RawHttp.Response r = client.read();
                assertEquals(Integer.parseInt(c[1]), r.status(), c[0]);
                assertEquals("application/json", r.headers().get("content-type"), c[0]);
                assertTrue(client.closedByServer(), c[0]);
            }
        }
    }

    @Test
    void aPostLargerThanMaxPayloadGets413() throws Exception {
        try (RawHttp c = new RawHttp(port)) {
            String sid = sidOf(c.get("/socket.io/?EIO=4&transport=polling"));
            c.send("POST /socket.io/?EIO=4&transport=polling&sid=" + sid + " HTTP/1.1\r\nHost: x\r\n"
                    + "Content-Length: 100000000\r\n\r\n");
            RawHttp.Response r = c.read();
            assertEquals(413, r.status());
            assertTrue(c.closedByServer());
        }
    }
}
