package dev.jobcast;

import dev.jobcast.bench.BenchCommand;
import dev.jobcast.bench.BenchTargetCommand;
import dev.jobcast.server.Commands;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The command line: `java -jar jobcast.jar <subcommand>`. */
@Command(name = "jobcast", mixinStandardHelpOptions = true, version = "jobcast 0.1.0",
        description = "Real-time job progress over Socket.IO v4, on Apache Pekko.",
        subcommands = {Commands.Serve.class, Commands.UserCmd.class, Commands.Token.class, Commands.Echo.class,
                BenchCommand.class, BenchTargetCommand.class})
public final class Main implements Runnable {

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
}
