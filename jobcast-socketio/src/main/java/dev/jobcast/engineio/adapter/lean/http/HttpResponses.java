// The response bytes of the lean transport: status-line, header fields and a body framed by
// Content-Length (RFC 9112 sections 4, 5 and 6.3), and the 101 of RFC 6455 section 4.2.2.
package dev.jobcast.engineio.adapter.lean.http;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The writer owns the framing: it writes Content-Length and Connection: close itself, and
 * refuses anything (a CR or LF above all) that would let an application value end a line
 * and so add headers or a response of its own.
 */
public final class HttpResponses {

    private HttpResponses() {
    }

    /**
     * A complete response with a fixed-length body.
     *
     * @param status  200 to 599; a 1xx is not a final response, see {@link #switchingProtocols}
     * @param reason  the reason phrase, possibly empty
     * @param headers fields written in order; not Content-Length or Transfer-Encoding, nor
     *                Connection when closing (the writer writes those), but a Connection:
     *                keep-alive for an HTTP/1.0 client is the caller's to add
     * @param body    the body, or null for none
     * @param close   whether the connection closes after this response
     * @throws IllegalArgumentException when a part cannot be written as given
     */
    public static byte[] response(int status, String reason, List<Header> headers, byte[] body, boolean close) {
        if (status < 200 || status > 599) {
            throw new IllegalArgumentException("not a final status: " + status);
        }
        byte[] content = body == null ? new byte[0] : body;
        // RFC 9110 sections 8.6 and 15.4.5: these carry no content, and a 204 no Content-Length.
        boolean bodiless = status == 204 || status == 304;
        if (bodiless && content.length > 0) {
            throw new IllegalArgumentException(status + " has no body");
        }
        StringBuilder head = new StringBuilder(128);
        head.append("HTTP/1.1 ").append(status).append(' ').append(checkText(reason, "reason")).append("\r\n");
        for (Header h : headers) {
            String name = h.name();
            if (name.equalsIgnoreCase("Content-Length") || name.equalsIgnoreCase("Transfer-Encoding")
                    || (close && name.equalsIgnoreCase("Connection"))) {
                throw new IllegalArgumentException(name + " is written by the response writer");
            }
            field(head, name, h.value());
        }
        if (!bodiless) {
            field(head, "Content-Length", Integer.toString(content.length));
        }
        if (close) {
            field(head, "Connection", "close");
        }
        head.append("\r\n");
        return concat(head, content);
    }

    /**
     * The head that accepts a WebSocket upgrade; nothing follows it but frames.
     *
     * @param accept the Sec-WebSocket-Accept computed from the client's key (base64)
     */
    public static byte[] switchingProtocols(String accept) {
        if (accept.isEmpty() || !accept.chars().allMatch(HttpResponses::isBase64)) {
            throw new IllegalArgumentException("Sec-WebSocket-Accept is not base64");
        }
        StringBuilder head = new StringBuilder(128);
        head.append("HTTP/1.1 101 Switching Protocols\r\n");
        field(head, "Upgrade", "websocket");
        field(head, "Connection", "Upgrade");
        field(head, "Sec-WebSocket-Accept", accept);
        head.append("\r\n");
        return concat(head, new byte[0]);
    }

    /** An error answer with a JSON body, the reason phrase taken from {@link #reasonPhrase}. */
    public static byte[] error(int status, String jsonBody, boolean close) {
        return response(status, reasonPhrase(status), List.of(new Header("Content-Type", "application/json")),
                jsonBody.getBytes(StandardCharsets.UTF_8), close);
    }

    /** The RFC 9110 reason phrase of the statuses the lean transport answers; "" for others. */
    public static String reasonPhrase(int status) {
        return switch (status) {
            case 101 -> "Switching Protocols";
            case 200 -> "OK";
            case 204 -> "No Content";
            case 400 -> "Bad Request";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 408 -> "Request Timeout";
            case 413 -> "Content Too Large";
            case 414 -> "URI Too Long";
            case 429 -> "Too Many Requests";
            case 431 -> "Request Header Fields Too Large";
            case 500 -> "Internal Server Error";
            case 501 -> "Not Implemented";
            case 503 -> "Service Unavailable";
            case 505 -> "HTTP Version Not Supported";
            default -> "";
        };
    }

    private static void field(StringBuilder head, String name, String value) {
        if (!Syntax.isToken(name)) {
            throw new IllegalArgumentException("header name is not a token: " + printable(name));
        }
        head.append(name).append(": ").append(checkText(value, name)).append("\r\n");
    }

    /** Field values and reason phrases: HTAB, SP, VCHAR and obs-text (RFC 9110 section 5.5). */
    private static String checkText(String s, String what) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if ((c < 0x20 && c != '\t') || c == 0x7F || c > 0xFF) {
                throw new IllegalArgumentException(what + " holds a character a header cannot carry: "
                        + printable(s));
            }
        }
        return s;
    }

    private static boolean isBase64(int c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                || c == '+' || c == '/' || c == '=';
    }

    private static String printable(String s) {
        String shown = s.length() > 60 ? s.substring(0, 60) + "..." : s;
        return shown.replace("\r", "\\r").replace("\n", "\\n");
    }

    private static byte[] concat(StringBuilder head, byte[] body) {
        // Every character was checked to be at most 0xFF, so ISO-8859-1 writes it as one byte.
        byte[] h = head.toString().getBytes(StandardCharsets.ISO_8859_1);
        byte[] out = new byte[h.length + body.length];
        System.arraycopy(h, 0, out, 0, h.length);
        System.arraycopy(body, 0, out, h.length, body.length);
        return out;
    }
}
