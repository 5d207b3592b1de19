package dev.jobcast.bench;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * One HTTP/1.1 connection kept alive for request after request, in blocking I/O: a load
 * generator's client that costs one write and (mostly) one read per request, so that what
 * a benchmark measures is the server. Not thread-safe: one connection per thread. Plain
 * http only; the response must carry a Content-Length or be chunked.
 */
public final class KeepAliveHttp implements AutoCloseable {
    /** Larger bodies are refused: the worker API answers with one small job. */
    static final int MAX_BODY = 1 << 20;
    private static final int MAX_LINE = 8192;

    /** The status and body of one response. */
    public record Response(int status, String body) {
    }

    private final String host;
    private final int port;
    private final int timeoutMillis;
    private final String hostHeader;
    private Socket socket;
    private InputStream in;
    private OutputStream out;

    public KeepAliveHttp(URI base, int timeoutMillis) {
        if (!"http".equals(base.getScheme())) {
            throw new IllegalArgumentException("only http:// URLs, got " + base);
        }
        this.host = base.getHost();
        this.port = base.getPort() < 0 ? 80 : base.getPort();
        this.timeoutMillis = timeoutMillis;
        this.hostHeader = base.getPort() < 0 ? host : host + ":" + port;
    }

    /** POSTs a JSON body; connects (again) first when needed. On an I/O failure the connection is dropped. */
    public Response post(String path, String bearer, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        return send("POST " + path + " HTTP/1.1\r\nHost: " + hostHeader + "\r\nAuthorization: Bearer " + bearer
                + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length + "\r\n\r\n", body);
    }

    /** GETs a path (with its query); connects (again) first when needed. */
    public Response get(String pathAndQuery, String bearer) throws IOException {
        return send("GET " + pathAndQuery + " HTTP/1.1\r\nHost: " + hostHeader + "\r\nAuthorization: Bearer " + bearer
                + "\r\n\r\n", new byte[0]);
    }

    private Response send(String head, byte[] body) throws IOException {
        byte[] headBytes = head.getBytes(StandardCharsets.ISO_8859_1);
        byte[] request = new byte[headBytes.length + body.length];
        System.arraycopy(headBytes, 0, request, 0, headBytes.length);
        System.arraycopy(body, 0, request, headBytes.length, body.length);
        connect();
        try {
            out.write(request);
            out.flush();
            return read();
        } catch (IOException | RuntimeException e) {
            close();
            throw e;
        }
    }

    private void connect() throws IOException {
        if (socket != null) {
            return;
        }
        Socket s = new Socket();
        try {
            s.setTcpNoDelay(true);
            s.connect(new InetSocketAddress(host, port), timeoutMillis);
            s.setSoTimeout(timeoutMillis);
            in = new BufferedInputStream(s.getInputStream(), 16 * 1024);
            out = s.getOutputStream();
            socket = s;
        } catch (IOException e) {
            s.close();
            throw e;
        }
    }

    private Response read() throws IOException {
        String statusLine = line();
        // "HTTP/1.1 200 OK"
        if (!statusLine.startsWith("HTTP/1.") || statusLine.length() < 12) {
            throw new IOException("not an HTTP/1.x status line: " + statusLine);
        }
        int status = Integer.parseInt(statusLine.substring(9, 12));
        long length = -1;
        boolean chunked = false;
        boolean closeAfter = false;
        for (String h = line(); !h.isEmpty(); h = line()) {
            int colon = h.indexOf(':');
            if (colon <= 0) {
                continue;
            }
            String name = h.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = h.substring(colon + 1).trim();
            switch (name) {
                case "content-length" -> length = Long.parseLong(value);
                case "transfer-encoding" -> chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
                case "connection" -> closeAfter = value.equalsIgnoreCase("close");
                default -> { }
            }
        }
        byte[] body;
        if (chunked) {
            body = chunkedBody();
        } else if (length >= 0) {
            if (length > MAX_BODY) {
                throw new IOException("response body of " + length + " bytes");
            }
            body = in.readNBytes((int) length);
            if (body.length != length) {
                throw new EOFException("connection closed in the middle of a response body");
            }
        } else {
            throw new IOException("a response without Content-Length that is not chunked");
        }
        if (closeAfter) {
            close();
        }
        return new Response(status, new String(body, StandardCharsets.UTF_8));
    }

    private byte[] chunkedBody() throws IOException {
        java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream();
        while (true) {
            String sizeLine = line();
            int semi = sizeLine.indexOf(';');
            int size = Integer.parseInt((semi < 0 ? sizeLine : sizeLine.substring(0, semi)).trim(), 16);
            if (size == 0) {
                for (String trailer = line(); !trailer.isEmpty(); trailer = line()) {
                    // trailers are ignored
                }
                return all.toByteArray();
            }
            if (all.size() + size > MAX_BODY) {
                throw new IOException("chunked response body over " + MAX_BODY + " bytes");
            }
            byte[] chunk = in.readNBytes(size);
            if (chunk.length != size) {
                throw new EOFException("connection closed in the middle of a chunk");
            }
            all.write(chunk);
            line();
        }
    }

    /** One header line without its CRLF (ISO-8859-1), bounded. */
    private String line() throws IOException {
        StringBuilder sb = new StringBuilder(64);
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("connection closed by the server");
            }
            if (b == '\n') {
                int n = sb.length();
                return n > 0 && sb.charAt(n - 1) == '\r' ? sb.substring(0, n - 1) : sb.toString();
            }
            if (sb.length() >= MAX_LINE) {
                throw new IOException("header line longer than " + MAX_LINE);
            }
            sb.append((char) b);
        }
    }

    @Override
    public void close() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing anyway
            }
            socket = null;
            in = null;
            out = null;
        }
    }
}
