package dev.jobcast.echo;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.jobcast.engineio.EngineConfig;
import dev.jobcast.engineio.EngineListener;
import dev.jobcast.engineio.EngineServer;
import dev.jobcast.engineio.codec.EioPacket;
import dev.jobcast.socketio.Socket;
import dev.jobcast.socketio.SocketIoConfig;
import dev.jobcast.socketio.SocketIoServer;
import java.time.Duration;
import java.util.List;
import org.apache.pekko.actor.typed.ActorSystem;

/**
 * The reference-behaviour server of `jobcast echo`: fixed settings and handlers, so that
 * client authors and our own tests can check interoperability against known answers.
 */
public final class EchoServer {
    public static final Duration PING_INTERVAL = Duration.ofMillis(300);
    public static final Duration PING_TIMEOUT = Duration.ofMillis(200);
    public static final long MAX_PAYLOAD = 1_000_000;
    public static final Duration CONNECT_TIMEOUT = Duration.ofMillis(1000);

    private EchoServer() {
    }

    static EngineConfig engineConfig(String path) {
        return EngineConfig.defaults(path)
                .withHeartbeat(PING_INTERVAL, PING_TIMEOUT)
                .withMaxPayload(MAX_PAYLOAD)
                .withAllowedOrigins(List.of("*"));
    }

    /** Both endpoints: Socket.IO on /socket.io/, plain Engine.IO on /engine.io/. */
    public static List<EngineServer> endpoints(ActorSystem<?> system) {
        SocketIoServer io = new SocketIoServer(system, SocketIoConfig.defaults().withConnectTimeout(CONNECT_TIMEOUT));
        io.sockets().onConnection(socket -> {
            sendAuth(socket);
            socket.on("message", (s, args, ack) -> s.emitArgs("message-back", args));
            socket.on("message-with-ack", (s, args, ack) -> {
                if (ack != null) {
                    Socket.ackArgs(ack, args);
                }
            });
        });
        io.namespace("/custom").onConnection(EchoServer::sendAuth);

        EngineServer socketIo = new EngineServer(system, engineConfig("/socket.io/"), io);
        EngineServer plain = new EngineServer(system, engineConfig("/engine.io/"), engine -> new EngineListener() {
            @Override
            public void onMessage(EioPacket message) {
                engine.send(List.of(message), null);
            }

            @Override
            public void onClose(String reason) {
            }
        });
        return List.of(socketIo, plain);
    }

    private static void sendAuth(Socket socket) {
        socket.emit("auth", socket.auth() == null ? JsonNodeFactory.instance.objectNode() : socket.auth());
    }
}
