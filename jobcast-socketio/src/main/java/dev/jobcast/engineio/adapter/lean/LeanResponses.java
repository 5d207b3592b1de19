package dev.jobcast.engineio.adapter.lean;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import dev.jobcast.engineio.EngineCommand.PollReply;
import dev.jobcast.engineio.EngineError;
import dev.jobcast.engineio.EngineRequest;
import dev.jobcast.engineio.HandshakeRequest;
import dev.jobcast.engineio.adapter.HttpErrorCodes;
import dev.jobcast.engineio.adapter.lean.http.Header;
import dev.jobcast.engineio.adapter.lean.http.HttpResponses;
import dev.jobcast.engineio.adapter.lean.http.RequestHead;
import dev.jobcast.engineio.adapter.lean.http.RequestHeadParser;
import dev.jobcast.engineio.adapter.lean.ws.WsAccept;
import dev.jobcast.engineio.codec.EioCodec;
import dev.jobcast.engineio.codec.EioDecodeException;
import dev.jobcast.engineio.codec.EioPacket;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.pekko.util.ByteString;

/**
 * The answers of the lean transport's Engine.IO endpoint, as bytes: the same statuses,
 * bodies and CORS headers as the Pekko HTTP adapter gives (both follow {@link EngineRequest}).
 */
final class LeanResponses {

    /** An answer, and whether the connection closes after it. */
    record Response(ByteString bytes, boolean close) {
    }

    private LeanResponses() {
    }

    static Response error(EngineError e, String origin, boolean close) {
        return new Response(bytes(e.status(), headers("application/json", EngineRequest.corsHeaders(origin)),
                e.json().getBytes(StandardCharsets.UTF_8), close), close);
    }

    /** An HTTP-level refusal (a broken head, a timeout): JSON {error, message}, and the connection closes. */
    static ByteString plainError(int status, String message) {
        String body = "{\"error\":\"" + HttpErrorCodes.errorCode(status) + "\",\"message\":\""
                + new String(JsonStringEncoder.getInstance().quoteAsString(message)) + "\"}";
        return bytes(status, headers("application/json", List.of()), body.getBytes(StandardCharsets.UTF_8), true);
    }

    static Response preflight(String origin, String requestedHeaders, boolean close) {
        return new Response(bytes(204, EngineRequest.preflightHeaders(origin, requestedHeaders), new byte[0], close),
                close);
    }

    static Response pollReply(PollReply reply, String origin, boolean close) {
        if (reply instanceof PollReply.Payload p) {
            return new Response(bytes(200, headers("text/plain; charset=UTF-8", EngineRequest.corsHeaders(origin)),
                    p.body().getBytes(StandardCharsets.UTF_8), close), close);
        }
        if (reply instanceof PollReply.Failed f) {
            return error(f.error(), origin, close);
        }
        return new Response(bytes(200, headers("text/html; charset=UTF-8", EngineRequest.corsHeaders(origin)),
                "ok".getBytes(StandardCharsets.UTF_8), close), close);
    }

    /** A WebSocket request the upgrade cannot be granted to (a missing or bad key, say). */
    static Response badUpgrade(String problem) {
        return new Response(plainError(400, problem), true);
    }

    static ByteString switchingProtocols(RequestHead head) {
        String key = head.header("Sec-WebSocket-Key").orElseThrow();
        return ByteString.fromArrayUnsafe(HttpResponses.switchingProtocols(WsAccept.accept(key)));
    }

    /**
     * The path of the request-target in the first line of {@code request}, as sent (not
     * decoded), or null when the bytes hold no request-line that far. For routing a head the
     * strict parser refused: only our own paths get its answers.
     */
    static String rawPathOf(ByteString request) {
        int at = 0;
        while (at + 1 < request.size() && request.apply(at) == '\r' && request.apply(at + 1) == '\n') {
            at += 2;
        }
        int limit = Math.min(request.size(), at + LeanSetup.MAX_HEAD_BYTES);
        int space = -1;
        for (int i = at; i < limit; i++) {
            byte b = request.apply(i);
            if (b == ' ') {
                space = i;
                break;
            }
            if (b == '\r' || b == '\n') {
                return null;
            }
        }
        if (space < 0) {
            return null;
        }
        StringBuilder path = new StringBuilder();
        for (int i = space + 1; i < limit; i++) {
            byte b = request.apply(i);
            if (b == ' ' || b == '?' || b == '\r' || b == '\n') {
                return path.toString();
            }
            path.append((char) (b & 0xFF));
        }
        return null;
    }

    /** The packets of a polling POST's body, or null when it is not a valid payload. */
    static List<EioPacket> decodePayload(ByteString body) {
        try {
            return EioCodec.decodePayload(body.decodeString(StandardCharsets.UTF_8));
        } catch (EioDecodeException e) {
            return null;
        }
    }

    /**
     * What the layers above may know of the request that opened a session, kept as the raw
     * head and parsed again only when asked: an idle session then holds one small array, not
     * two maps and a string per name and value.
     */
    static HandshakeRequest handshake(byte[] rawHead, String transport, InetSocketAddress remote, int maxBytes,
                                      int maxFields) {
        return HandshakeRequest.deferred(transport, () -> parts(rawHead, remote, maxBytes, maxFields));
    }

    static HandshakeRequest.Parts parts(byte[] rawHead, InetSocketAddress remote, int maxBytes, int maxFields) {
        RequestHeadParser.Result parsed = new RequestHeadParser(maxBytes, maxFields).feed(ByteBuffer.wrap(rawHead));
        if (!(parsed instanceof RequestHeadParser.Complete complete)) {
            // It parsed when it arrived, with the same limits; it cannot fail now.
            throw new IllegalStateException("a stored request head no longer parses: " + parsed);
        }
        RequestHead head = complete.head();
        Map<String, String> headers = new HashMap<>();
        for (Header f : head.headers()) {
            HandshakeRequest.addHeader(headers, f.name(), f.value());
        }
        String address = remote.getAddress() == null ? remote.getHostString() : remote.getAddress().getHostAddress();
        return new HandshakeRequest.Parts(head.query(), headers, address.toLowerCase(Locale.ROOT));
    }

    private static List<EngineRequest.Header> headers(String contentType, List<EngineRequest.Header> more) {
        List<EngineRequest.Header> all = new ArrayList<>(more.size() + 1);
        all.add(new EngineRequest.Header("Content-Type", contentType));
        all.addAll(more);
        return all;
    }

    private static ByteString bytes(int status, List<EngineRequest.Header> headers, byte[] body, boolean close) {
        List<Header> out = new ArrayList<>(headers.size());
        for (EngineRequest.Header h : headers) {
            out.add(new Header(h.name(), h.value()));
        }
        return ByteString.fromArrayUnsafe(HttpResponses.response(status, HttpResponses.reasonPhrase(status), out, body,
                close));
    }
}
