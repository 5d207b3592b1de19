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
        int code = commandLine().execute(args);
        if (code != 0) {
            System.exit(code);
        }
    }

    /**
     * The command line, with what a user typed wrong (a bad email, a zero lifetime: the
     * commands throw IllegalArgumentException for those) said in one line and exit code 2,
     * as picocli says a bad option, rather than as a stack trace. Anything else is a bug,
     * and keeps its trace.
     */
    public static CommandLine commandLine() {
        CommandLine cmd = new CommandLine(new Main());
        cmd.setExecutionExceptionHandler((e, command, parsed) -> {
            if (e instanceof IllegalArgumentException) {
                command.getErr().println("jobcast " + command.getCommandName() + ": " + e.getMessage());
                return command.getCommandSpec().exitCodeOnInvalidInput();
            }
            throw e;
        });
        return cmd;
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }
}
