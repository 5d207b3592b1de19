package dev.jobcast.engineio;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jobcast.socketio.codec.Json;

/**
 * A raw Socket.IO client over {@link RawWebSocket}: Engine.IO handshake, then CONNECT to the
 * main namespace. Tests write and read the Socket.IO wire format themselves.
 */
public record RawSocketIo(RawWebSocket ws, String engineSid, String socketSid) implements AutoCloseable {

    /** Connects to {@code path} (say "/socket.io/") and to the main namespace "/". */
    public static RawSocketIo connect(HttpTestServer server, String path) throws Exception {
        RawWebSocket ws = RawWebSocket.engineIo(server, path);
        String engineSid = ws.readOpen().get("sid").textValue();
        ws.sendText("40");
        String reply = ws.nextText();
        assertTrue(reply.startsWith("40{"), "CONNECT reply: " + reply);
        return new RawSocketIo(ws, engineSid, Json.read(reply.substring(2)).get("sid").textValue());
    }

    /** Emits {@code ["echo", token]} with an ack id and expects the server to ack it with {@code [token]}. */
    public void assertEchoes(int ackId, String token) throws Exception {
        ws.sendText("42" + ackId + "[\"echo\",\"" + token + "\"]");
        String ack = ws.nextText();
        if (!ack.equals("43" + ackId + "[\"" + token + "\"]")) {
            throw new AssertionError("expected the ack of echo " + ackId + ", got " + ack);
        }
    }

    @Override
    public void close() {
        ws.close();
    }
}
