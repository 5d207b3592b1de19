package dev.jobcast.bench.cli;

import dev.jobcast.bench.ConnectionsCommand;
import dev.jobcast.bench.FanoutCommand;
import dev.jobcast.bench.PersistCommand;
import dev.jobcast.bench.RecoverCommand;
import dev.jobcast.bench.jobs.JobsCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** `bench`: the load generator; its scenarios are subcommands (this package sits above them all). */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Load generator speaking Socket.IO over WebSocket (point it at a server of the fan-out contract).",
        subcommands = {FanoutCommand.class, ConnectionsCommand.class, PersistCommand.class, RecoverCommand.class,
                JobsCommand.class})
public final class BenchCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "name a scenario: fanout, connections, persist, recover, jobs");
    }
}
