package dev.jobcast;

import dev.jobcast.server.EchoServer;
import dev.jobcast.server.HttpBinding;
import java.util.concurrent.Callable;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.http.javadsl.ServerBinding;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The command line: `java -jar jobcast.jar <subcommand>`. */
@Command(name = "jobcast", mixinStandardHelpOptions = true, version = "jobcast 0.1.0",
        description = "Real-time job progress over Socket.IO v4, on Apache Pekko.",
        subcommands = {Main.Echo.class})
public final class Main implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(Main.class);

    public static void main(String[] args) {
        int code = new CommandLine(new Main()).execute(args);
        if (code != 0) {
            System.exit(code);
        }
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }

    @Command(name = "echo", mixinStandardHelpOptions = true,
            description = "Run the reference-behaviour Socket.IO echo server (for interoperability tests).")
    static final class Echo implements Callable<Integer> {
        @Option(names = "--port", defaultValue = "3000", description = "Port to listen on (default: ${DEFAULT-VALUE}).")
        int port;

        @Option(names = "--host", defaultValue = "127.0.0.1", description = "Address to bind (default: ${DEFAULT-VALUE}).")
        String host;

        @Override
        public Integer call() throws Exception {
            ActorSystem<Void> system = ActorSystem.create(Behaviors.empty(), "jobcast-echo");
            ServerBinding binding = HttpBinding.bind(system, host, port, EchoServer.routes(system))
                    .toCompletableFuture().get();
            LOG.info("echo server listening on http://{}:{} (Socket.IO at /socket.io/, Engine.IO at /engine.io/)",
                    host, binding.localAddress().getPort());
            system.getWhenTerminated().toCompletableFuture().get();
            return 0;
        }
    }
}
