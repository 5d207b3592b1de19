package dev.jobcast.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jobcast.engineio.port.HttpBinding;
import io.socket.client.IO;
import io.socket.client.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.junit.jupiter.api.Test;

/**
 * The echo server in the library's README is {@link EchoExample}, word for word, and it works:
 * on a bare actor system (no configuration of ours), the official Java client gets its echo.
 */
class ReadmeExampleTest {
    private static final Path EXAMPLE = Path.of("src/test/java/dev/jobcast/examples/EchoExample.java");

    @Test
    void theReadmeShowsTheExampleAsItIs() throws Exception {
        String source = Files.readString(EXAMPLE);
        String withoutPackage = source.substring(source.indexOf("\n\n") + 2).strip();
        String readme = Files.readString(Path.of("README.md"));
        assertTrue(readme.contains("```java\n" + withoutPackage + "\n```"),
                "README.md's java block is EchoExample.java without its package line");
        assertTrue(withoutPackage.lines().count() <= 20, "the example is at most 20 lines");
    }

    @Test
    void theExampleEchoes() throws Exception {
        ActorSystem<Void> system = ActorSystem.create(Behaviors.empty(), "readme-echo");
        Socket client = null;
        try {
            HttpBinding.Bound bound = EchoExample.start(system, 0).toCompletableFuture().get(30, TimeUnit.SECONDS);
            IO.Options options = IO.Options.builder().setReconnection(false).build();
            client = IO.socket("http://localhost:" + bound.localAddress().getPort(), options);
            BlockingQueue<Object> echoes = new LinkedBlockingQueue<>();
            client.on("echo", args -> echoes.add(args[0]));
            client.connect();
            client.emit("echo", "hello");
            assertEquals("hello", echoes.poll(20, TimeUnit.SECONDS), "the echo came back");
        } finally {
            if (client != null) {
                client.close();
            }
            system.terminate();
            system.getWhenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);
        }
    }
}
