package dev.jobcast.bench.peer;

import com.corundumstudio.socketio.Configuration;
import com.corundumstudio.socketio.SocketIOServer;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * The netty-socketio peer of jobcast's benchmarks: netty-socketio with its default
 * Configuration (only the address set), serving the fan-out contract of issue 6 /
 * docs/benchmarks.md so that `jobcast bench` drives it as it drives `jobcast bench-target`.
 *
 * <pre>java -jar netty-peer.jar [--host 127.0.0.1] [--port 3000] [--control-host 127.0.0.1] [--control-port 3001]</pre>
 */
public final class NettyPeer {
    static final String SERVER_NAME = "netty-socketio-2.0.14";

    private final SocketIOServer io;
    private final Publisher publisher;

    private NettyPeer(SocketIOServer io) {
        this.io = io;
        this.publisher = new Publisher(io);
    }

    public static void main(String[] args) throws IOException {
        Map<String, String> opts = new HashMap<>(Map.of("--host", "127.0.0.1", "--port", "3000",
                "--control-host", "127.0.0.1", "--control-port", "3001"));
        for (int i = 0; i < args.length; i += 2) {
            if (!opts.containsKey(args[i]) || i + 1 >= args.length) {
                System.err.println("usage: netty-peer [--host H] [--port P] [--control-host H] [--control-port C]");
                System.exit(2);
            }
            opts.put(args[i], args[i + 1]);
        }

        Configuration config = new Configuration();
        config.setHostname(opts.get("--host"));
        config.setPort(Integer.parseInt(opts.get("--port")));
        SocketIOServer io = new SocketIOServer(config);
        // `join` {room} joins the room, then acknowledges with {room}.
        io.addEventListener("join", Map.class, (client, data, ack) -> {
            Object room = data == null ? null : data.get("room");
            if (!(room instanceof String name)) {
                ack.sendAckData(Map.of("error", "join takes {\"room\": string}"));
                return;
            }
            client.joinRoom(name);
            ack.sendAckData(Map.of("room", name));
        });
        HttpServer control;
        try {
            io.start();
            control = HttpServer.create(
                    new InetSocketAddress(opts.get("--control-host"), Integer.parseInt(opts.get("--control-port"))), 0);
        } catch (Exception e) {
            // Netty's event loop threads would keep a half-started server alive: stop here.
            System.err.println("netty-peer: cannot start: " + e);
            System.exit(1);
            return;
        }
        control.createContext("/", new NettyPeer(io)::handle);
        control.start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            control.stop(0);
            io.stop();
        }));
        System.out.println(SERVER_NAME + ": Socket.IO on http://" + opts.get("--host") + ":" + opts.get("--port")
                + "/socket.io/, control on http://" + opts.get("--control-host") + ":" + opts.get("--control-port")
                + "/ (default options, Java " + Runtime.version() + ")");
    }

    // ---- Control API: GET /publish, /stats, /gc, JSON answers ----

    /** A status and a JSON body. */
    private record Answer(int status, String body) {
        static Answer ok(String body) {
            return new Answer(200, body);
        }

        /** Error messages here are fixed texts without quotes or backslashes. */
        static Answer error(int status, String message) {
            return new Answer(status, "{\"error\":\"" + message + "\"}");
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        Answer answer;
        if (!"GET".equals(exchange.getRequestMethod())) {
            answer = Answer.error(405, "GET only");
        } else {
            answer = switch (exchange.getRequestURI().getPath()) {
                case "/publish" -> publish(query(exchange.getRequestURI().getRawQuery()));
                case "/stats" -> Answer.ok(stats());
                case "/gc" -> Answer.ok(gc());
                default -> Answer.error(404, "not found");
            };
        }
        byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(answer.status(), bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private Answer publish(Map<String, String> q) {
        Publisher.Request request;
        try {
            request = new Publisher.Request(Integer.parseInt(q.getOrDefault("rooms", "1")),
                    q.getOrDefault("prefix", "r"), Double.parseDouble(q.getOrDefault("rate", "1")),
                    Double.parseDouble(q.getOrDefault("duration", "10")));
        } catch (NumberFormatException e) {
            return Answer.error(400, "rooms, rate and duration must be numbers");
        }
        String problem = request.problem();
        if (problem != null) {
            return Answer.error(400, problem);
        }
        long startedAt = publisher.start(request);
        if (startedAt < 0) {
            return Answer.error(409, "a publish run is in progress");
        }
        return Answer.ok("{\"startedAt\":" + startedAt + "}");
    }

    private String stats() {
        Publisher.Status s = publisher.status();
        return "{\"server\":\"" + SERVER_NAME + "\",\"clients\":" + io.getAllClients().size()
                + ",\"publishing\":" + s.publishing() + ",\"published\":" + s.published()
                + ",\"publishedPerRoom\":" + s.publishedPerRoom()
                + ",\"startedAt\":" + time(s.startedAt()) + ",\"endedAt\":" + time(s.endedAt())
                + ",\"clockOffsetMs\":" + Publisher.clockOffsetMillis().toPlainString() + "}";
    }

    /** A full collection, then the heap in use: what the live connections and rooms take. */
    private static String gc() {
        System.gc();
        return "{\"heapUsed\":" + ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() + "}";
    }

    private static String time(long epochMillis) {
        return epochMillis == 0 ? "null" : Long.toString(epochMillis);
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> q = new HashMap<>();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                String name = eq < 0 ? pair : pair.substring(0, eq);
                String value = eq < 0 ? "" : pair.substring(eq + 1);
                q.putIfAbsent(URLDecoder.decode(name, StandardCharsets.UTF_8), URLDecoder.decode(value, StandardCharsets.UTF_8));
            }
        }
        return q;
    }
}
