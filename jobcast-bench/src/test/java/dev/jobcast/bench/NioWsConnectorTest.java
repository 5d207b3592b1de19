package dev.jobcast.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jobcast.engineio.adapter.lean.ws.WsCloseCodes;
import dev.jobcast.engineio.adapter.lean.ws.WsFrameEncoder;
import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The nio client against a server the test drives frame by frame. */
class NioWsConnectorTest {

    private final FakeWsServer server = new FakeWsServer();
    private NioWsConnector connector = new NioWsConnector(1, List.of(), Duration.ofSeconds(5), 1000);

    NioWsConnectorTest() throws Exception {
    }

    @AfterEach
    void stop() throws Exception {
        connector.close();
        server.close();
    }

    /** What a connection told its handler, in order. */
    static final class Recorder implements WsConnection.Handler {
        final BlockingQueue<String> events = new LinkedBlockingQueue<>();
        volatile Thread thread;

        @Override
        public void onText(WsConnection connection, String text) {
            thread = Thread.currentThread();
            events.add("text:" + text);
        }

        @Override
        public void onClosed(WsConnection connection, String why) {
            events.add("closed:" + why);
        }

        String next() throws InterruptedException {
            String e = events.poll(10, TimeUnit.SECONDS);
            if (e == null) {
                throw new AssertionError("nothing happened in 10 s");
            }
            return e;
        }
    }

    private URI uri() {
        return URI.create("ws://127.0.0.1:" + server.port() + "/socket.io/?EIO=4&transport=websocket");
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void upgradesThenFramesGoBothWays() throws Exception {
        Recorder r = new Recorder();
        var opened = connector.connect(uri(), r);
        try (FakeWsServer.Peer peer = server.accept()) {
            // The first frame comes in the same write as the 101: it must not be lost.
            String head = peer.upgrade(FakeWsServer.Peer.frame(WsFrameEncoder.TEXT, true, utf8("0{\"sid\":\"x\"}")));
            assertTrue(head.startsWith("GET /socket.io/?EIO=4&transport=websocket HTTP/1.1\r\n"), head);
            WsConnection c = opened.get(10, TimeUnit.SECONDS);
            assertEquals("text:0{\"sid\":\"x\"}", r.next());
            assertTrue(r.thread.getName().startsWith("bench-nio-"), "handlers run on the selector thread");

            c.send("40");
            c.send("héllo");
            FakeWsServer.Frame f = peer.readFrame();
            assertTrue(f.masked() && f.fin(), "a client masks every frame");
            assertEquals(WsFrameEncoder.TEXT, f.opcode());
            assertEquals("40", f.text());
            assertEquals("héllo", peer.readFrame().text());

            peer.send(WsFrameEncoder.TEXT, true, utf8("é".repeat(200)));
            assertEquals("text:" + "é".repeat(200), r.next(), "126-length frame, UTF-8");
        }
    }

    @Test
    void answersPingsAndReassemblesFragmentsAroundThem() throws Exception {
        Recorder r = new Recorder();
        var opened = connector.connect(uri(), r);
        try (FakeWsServer.Peer peer = server.accept()) {
            peer.upgrade(new byte[0]);
            opened.get(10, TimeUnit.SECONDS);
            ByteArrayOutputStream wire = new ByteArrayOutputStream();
            wire.writeBytes(FakeWsServer.Peer.frame(WsFrameEncoder.TEXT, false, utf8("ab")));
            wire.writeBytes(FakeWsServer.Peer.frame(WsFrameEncoder.PING, true, utf8("p1")));
            wire.writeBytes(FakeWsServer.Peer.frame(WsFrameEncoder.CONTINUATION, false, utf8("cd")));
            wire.writeBytes(FakeWsServer.Peer.frame(WsFrameEncoder.CONTINUATION, true, utf8("ef")));
            // Byte by byte: every cut between reads.
            for (byte b : wire.toByteArray()) {
                peer.write(new byte[] {b});
            }
            FakeWsServer.Frame pong = peer.readFrame();
            assertEquals(WsFrameEncoder.PONG, pong.opcode());
            assertEquals("p1", pong.text());
            assertTrue(pong.masked());
            assertEquals("text:abcdef", r.next());
        }
    }

    @Test
    void aCloseFromTheServerIsEchoedAndEndsTheConnection() throws Exception {
        Recorder r = new Recorder();
        var opened = connector.connect(uri(), r);
        try (FakeWsServer.Peer peer = server.accept()) {
            peer.upgrade(new byte[0]);
            opened.get(10, TimeUnit.SECONDS);
            peer.send(WsFrameEncoder.CLOSE, true, WsFrameEncoder.closePayload(1001, "bye"));
            FakeWsServer.Frame echo = peer.readFrame();
            assertEquals(WsFrameEncoder.CLOSE, echo.opcode());
            assertEquals(1001, echo.closeCode());
            assertEquals("closed:closed by the server (1001 bye)", r.next());
            assertTrue(peer.atEof(), "the client closed its socket after the echo");
        }
    }

    @Test
    void aMessageOverTheBoundFailsTheConnectionWith1009() throws Exception {
        Recorder r = new Recorder();
        var opened = connector.connect(uri(), r);
        try (FakeWsServer.Peer peer = server.accept()) {
            peer.upgrade(new byte[0]);
            opened.get(10, TimeUnit.SECONDS);
            peer.send(WsFrameEncoder.TEXT, false, new byte[600]);
            peer.send(WsFrameEncoder.CONTINUATION, true, new byte[600]);
            FakeWsServer.Frame close = peer.readFrame();
            assertEquals(WsFrameEncoder.CLOSE, close.opcode());
            assertEquals(WsCloseCodes.TOO_BIG, close.closeCode());
            String closed = r.next();
            assertTrue(closed.startsWith("closed:protocol error: a message of 1200 bytes"), closed);
            assertTrue(r.events.isEmpty(), "nothing delivered, told once");
        }
    }

    @Test
    void theClientClosesWithACloseFrame() throws Exception {
        Recorder r = new Recorder();
        var opened = connector.connect(uri(), r);
        try (FakeWsServer.Peer peer = server.accept()) {
            peer.upgrade(new byte[0]);
            WsConnection c = opened.get(10, TimeUnit.SECONDS);
            c.close();
            assertEquals("closed:closed by the client", r.next());
            FakeWsServer.Frame close = peer.readFrame();
            assertEquals(WsFrameEncoder.CLOSE, close.opcode());
            assertEquals(1000, close.closeCode());
            assertTrue(peer.atEof());
            c.send("after close");
            c.close();
            Thread.sleep(100);
            assertTrue(r.events.isEmpty(), "a closed connection says nothing more");
        }
    }

    @Test
    void aWrongAcceptFailsTheConnect() throws Exception {
        Recorder r = new Recorder();
        var opened = connector.connect(uri(), r);
        try (FakeWsServer.Peer peer = server.accept()) {
            peer.readHead();
            peer.write(utf8("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n\r\n")); // the accept of another key
            ExecutionException e = assertThrows(ExecutionException.class, () -> opened.get(10, TimeUnit.SECONDS));
            assertTrue(e.getCause().getMessage().contains("Sec-WebSocket-Accept"), e.getCause().getMessage());
            assertTrue(peer.atEof());
        }
        assertTrue(r.events.isEmpty(), "a connection that never opened tells only its future");
    }

    @Test
    void aServerThatNeverAnswersTimesOut() throws Exception {
        connector.close();
        connector = new NioWsConnector(1, List.of(), Duration.ofMillis(300), 1000);
        var opened = connector.connect(uri(), new Recorder());
        try (FakeWsServer.Peer peer = server.accept()) {
            peer.readHead();
            ExecutionException e = assertThrows(ExecutionException.class, () -> opened.get(10, TimeUnit.SECONDS));
            assertTrue(e.getCause().getMessage().contains("timed out"), e.getCause().getMessage());
        }
    }

    @Test
    void aClosedPortFailsTheConnect() throws Exception {
        int port = server.port();
        server.close();
        var opened = connector.connect(URI.create("ws://127.0.0.1:" + port + "/"), new Recorder());
        ExecutionException e = assertThrows(ExecutionException.class, () -> opened.get(10, TimeUnit.SECONDS));
        assertTrue(e.getCause().getMessage().contains("connect failed"), e.getCause().getMessage());
        var tls = connector.connect(URI.create("wss://127.0.0.1:443/"), new Recorder());
        ExecutionException refused = assertThrows(ExecutionException.class, () -> tls.get(1, TimeUnit.SECONDS));
        assertTrue(refused.getCause().getMessage().contains("ws:// only"), refused.getCause().getMessage());
    }

    @Test
    void spreadingBindsTheConnectionsToLocalAddressesInTurn() throws Exception {
        connector.close();
        connector = new NioWsConnector(2, Targets.localAddresses(URI.create("http://127.0.0.1:1"), 3),
                Duration.ofSeconds(5), 1000);
        for (int i = 1; i <= 4; i++) {
            var opened = connector.connect(uri(), new Recorder());
            try (FakeWsServer.Peer peer = server.accept()) {
                peer.upgrade(new byte[0]);
                opened.get(10, TimeUnit.SECONDS).close();
                InetAddress from = ((InetSocketAddress) peer.socket.getRemoteSocketAddress()).getAddress();
                assertEquals("127.0.0." + ((i - 1) % 3 + 1), from.getHostAddress());
            }
        }
    }
}
