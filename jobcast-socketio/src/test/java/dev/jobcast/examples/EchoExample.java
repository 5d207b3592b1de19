package dev.jobcast.examples;

import dev.jobcast.engineio.EngineConfig;
import dev.jobcast.engineio.EngineServer;
import dev.jobcast.engineio.port.HttpBinding;
import dev.jobcast.engineio.port.HttpTransport;
import dev.jobcast.socketio.SocketIoConfig;
import dev.jobcast.socketio.SocketIoServer;
import java.util.List;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.http.javadsl.server.Directives;

public final class EchoExample {
    /** Socket.IO on http://localhost:PORT/socket.io/: every "echo" event comes back to its sender. */
    public static CompletionStage<HttpBinding.Bound> start(ActorSystem<?> system, int port) {
        SocketIoServer io = new SocketIoServer(system, SocketIoConfig.defaults());
        io.sockets().onConnection(socket -> socket.on("echo", (s, args, ack) -> s.emitArgs("echo", args)));
        EngineServer engine = new EngineServer(system, EngineConfig.defaults("/socket.io/"), io);
        return HttpBinding.bind(system, "localhost", port, HttpTransport.LEAN, List.of(engine), Directives.reject());
    }
}
