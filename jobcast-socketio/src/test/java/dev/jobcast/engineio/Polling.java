package dev.jobcast.engineio;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jobcast.engineio.codec.EioCodec;
import dev.jobcast.engineio.codec.EioPacket;
import dev.jobcast.socketio.codec.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** A raw Engine.IO long-polling client on java.net.http (HTTP/1.1, one connection per request in flight). */
public final class Polling {
    public static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(HttpTestServer.TIMEOUT)
            .build();

    private final HttpTestServer server;
    private final String path;
    private String sid;

    public Polling(HttpTestServer server, String path) {
        this.server = server;
        this.path = path;
    }

    /** Performs the polling handshake and returns its OPEN JSON; the session id is kept for later requests. */
    public JsonNode handshake() throws Exception {
        HttpResponse<String> r = send(HttpRequest.newBuilder(server.http(path + "?EIO=4&transport=polling")).GET());
        if (r.statusCode() != 200 || !r.body().startsWith("0")) {
            throw new AssertionError("handshake failed: " + r.statusCode() + " " + r.body());
        }
        JsonNode open = Json.read(r.body().substring(1));
        sid = open.get("sid").textValue();
        return open;
    }

    public String sid() {
        return sid;
    }

    public URI uri() {
        return server.http(path + "?EIO=4&transport=polling&sid=" + sid);
    }

    public HttpResponse<String> get() throws Exception {
        return send(HttpRequest.newBuilder(uri()).GET());
    }

    public CompletableFuture<HttpResponse<String>> getAsync() {
        return HTTP.sendAsync(HttpRequest.newBuilder(uri()).timeout(HttpTestServer.TIMEOUT).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<String> post(String body) throws Exception {
        return send(HttpRequest.newBuilder(uri()).POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    /** GETs and decodes the payload, failing unless the answer is 200. */
    public List<EioPacket> poll() throws Exception {
        HttpResponse<String> r = get();
        if (r.statusCode() != 200) {
            throw new AssertionError("GET failed: " + r.statusCode() + " " + r.body());
        }
        return EioCodec.decodePayload(r.body());
    }

    public static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return HTTP.send(request.timeout(HttpTestServer.TIMEOUT).build(), HttpResponse.BodyHandlers.ofString());
    }
}
