package dev.jobcast.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jobcast.socketio.codec.Json;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** The generator's side of the control API of the fan-out contract. */
final class Control {
    // /gc runs a full collection of a large heap: give it time.
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final URI base;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    Control(URI base) {
        String s = base.toString();
        this.base = URI.create(s.endsWith("/") ? s : s + "/");
    }

    /** @return the run's start time (epoch ms), as the server says */
    long publish(int rooms, String prefix, double rate, double seconds) throws IOException, InterruptedException {
        return get("publish?rooms=" + rooms + "&prefix=" + URLEncoder.encode(prefix, StandardCharsets.UTF_8) + "&rate=" + rate + "&duration=" + seconds)
                .path("startedAt").asLong();
    }

    /** jobcast's contract (`bench-target --jobs`): a token and the job of each room prefix0..prefix(count-1). */
    Contract jobcastContract(int count, String prefix) throws IOException, InterruptedException {
        JsonNode answer = get("jobs?count=" + count + "&prefix=" + URLEncoder.encode(prefix, StandardCharsets.UTF_8));
        java.util.Map<String, Long> ids = new java.util.HashMap<>();
        answer.path("jobs").fields().forEachRemaining(e -> ids.put(e.getKey(), e.getValue().asLong()));
        return Contract.jobcast(answer.path("token").asText(), ids);
    }

    JsonNode stats() throws IOException, InterruptedException {
        return get("stats");
    }

    /** Heap in use after a full GC in the server, in bytes. */
    long gc() throws IOException, InterruptedException {
        return get("gc").path("heapUsed").asLong();
    }

    private JsonNode get(String path) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(base.resolve(path)).timeout(TIMEOUT).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IOException("GET " + path + " answered " + r.statusCode() + ": " + r.body());
        }
        return Json.read(r.body());
    }
}
