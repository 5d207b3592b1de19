package dev.jobcast.bench.cli;

import dev.jobcast.bench.BenchTargetCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine;

/**
 * The bench's own entry point: `java -jar target/jobcast-bench.jar bench|bench-target ...`, and
 * what `java -jar target/jobcast.jar bench ...` runs (the server's jar loads this one beside it).
 */
@Command(name = "jobcast", mixinStandardHelpOptions = true, version = "jobcast bench 0.1.0",
        description = "jobcast's load generators and the servers they measure.",
        subcommands = {BenchCommand.class, BenchTargetCommand.class})
public final class BenchMain implements Runnable {
    public static void main(String[] args) {
        int code = run(args);
        if (code != 0) {
            System.exit(code);
        }
    }

    /** Runs one command line to its end and gives its exit code. */
    public static int run(String[] args) {
        return new CommandLine(new BenchMain()).execute(args);
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }
}
