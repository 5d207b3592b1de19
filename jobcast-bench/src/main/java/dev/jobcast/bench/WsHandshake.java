package dev.jobcast.bench;

import dev.jobcast.engineio.adapter.lean.ws.WsAccept;
import dev.jobcast.engineio.adapter.lean.ws.WsCloseCodes;
import dev.jobcast.engineio.adapter.lean.ws.WsProtocolException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Random;

/**
 * The client's opening handshake (RFC 6455 section 4.1): the HTTP/1.1 upgrade request with
 * a fresh Sec-WebSocket-Key, and the checks on the server's answer, the proof of which is
 * the {@link WsAccept} of that key.
 */
final class WsHandshake {
    /** The longest response head this client reads. */
    static final int MAX_HEAD = 8192;

    private WsHandshake() {
    }

    /** A Sec-WebSocket-Key: 16 random bytes in base64 (a nonce, not a secret). */
    static String newKey(Random random) {
        byte[] nonce = new byte[16];
        random.nextBytes(nonce);
        return Base64.getEncoder().encodeToString(nonce);
    }

    /** The upgrade request for a ws:// URI. */
    static byte[] request(URI uri, String key) {
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        String target = uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
        String host = uri.getPort() < 0 || uri.getPort() == 80 ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
        return ("GET " + target + " HTTP/1.1\r\n"
                + "Host: " + host + "\r\n"
                + "Upgrade: websocket\r\n"
                + "Connection: Upgrade\r\n"
                + "Sec-WebSocket-Key: " + key + "\r\n"
                + "Sec-WebSocket-Version: 13\r\n"
                + "\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * Where the response head ends in the buffer (from its position to its limit): the
     * index just past its blank line, or -1 when the blank line has not come yet.
     */
    static int headEnd(ByteBuffer in) {
        for (int i = in.position() + 3; i < in.limit(); i++) {
            if (in.get(i) == '\n' && in.get(i - 1) == '\r' && in.get(i - 2) == '\n' && in.get(i - 3) == '\r') {
                return i + 1;
            }
        }
        return -1;
    }

    /**
     * Checks a complete response head (status line and headers, CRLF-separated): a 101 that
     * upgrades to websocket with the right accept, and no extension or subprotocol, since the
     * request offered none.
     */
    static void verify(String head, String key) throws WsProtocolException {
        String[] lines = head.split("\r\n");
        String[] status = lines[0].split(" ", 3);
        if (status.length < 2 || !status[0].startsWith("HTTP/1.")) {
            throw failed("not an HTTP response: " + abbreviate(lines[0]));
        }
        if (!status[1].equals("101")) {
            throw failed("the server answered " + abbreviate(lines[0]) + " instead of 101");
        }
        String upgrade = null;
        String connection = null;
        String accept = null;
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon <= 0) {
                continue;
            }
            String name = lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = lines[i].substring(colon + 1).trim();
            switch (name) {
                case "upgrade" -> upgrade = value;
                case "connection" -> connection = value;
                case "sec-websocket-accept" -> accept = value;
                case "sec-websocket-extensions", "sec-websocket-protocol" ->
                        throw failed("the server chose " + name + " " + abbreviate(value) + ", which was not offered");
                default -> {
                    // Other headers say nothing about the upgrade.
                }
            }
        }
        if (upgrade == null || !upgrade.equalsIgnoreCase("websocket")) {
            throw failed("Upgrade is " + upgrade + ", not websocket");
        }
        if (connection == null || !hasToken(connection, "upgrade")) {
            throw failed("Connection is " + connection + ", without upgrade");
        }
        if (!WsAccept.accept(key).equals(accept)) {
            throw failed("Sec-WebSocket-Accept " + accept + " does not match the key");
        }
    }

    private static boolean hasToken(String list, String token) {
        for (String t : list.split(",")) {
            if (t.trim().equalsIgnoreCase(token)) {
                return true;
            }
        }
        return false;
    }

    private static String abbreviate(String s) {
        return s.length() > 80 ? s.substring(0, 80) + "..." : s;
    }

    private static WsProtocolException failed(String message) {
        return new WsProtocolException(WsCloseCodes.PROTOCOL_ERROR, "handshake failed: " + message);
    }
}
