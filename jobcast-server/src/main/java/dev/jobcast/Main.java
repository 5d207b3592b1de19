package dev.jobcast;

import dev.jobcast.server.BenchLauncher;
import dev.jobcast.server.Commands;
import picocli.CommandLine.Command;
import picocli.CommandLine;

/** The command line: `java -jar jobcast.jar <subcommand>`. */
@Command(name = "jobcast", mixinStandardHelpOptions = true, version = "jobcast 0.1.0",
        description = "Real-time job progress over Socket.IO v4, on Apache Pekko.",
        subcommands = {Commands.Serve.class, Commands.UserCmd.class, Commands.Token.class, Commands.Echo.class,
                BenchLauncher.Bench.class, BenchLauncher.Target.class})
public final class Main implements Runnable {
    private static final String COMMON_POOL_PARALLELISM = "java.util.concurrent.ForkJoinPool.common.parallelism";

    public static void main(String[] args) {
        // Scala Futures seen as CompletionStages run their plain thenApply/handle/... as the
        // *Async variants on the common pool, and with fewer than 2 threads for it (one or two
        // cores, or a process pinned to one) CompletableFuture starts a new thread per call.
        // jobcast's own code passes an executor; this keeps any other such call off that path.
        if (System.getProperty(COMMON_POOL_PARALLELISM) == null) {
            System.setProperty(COMMON_POOL_PARALLELISM, "2");
        }
        int code = new CommandLine(new Main()).execute(args);
        if (code != 0) {
            System.exit(code);
        }
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }
}
