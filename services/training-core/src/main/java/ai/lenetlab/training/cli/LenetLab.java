package ai.lenetlab.training.cli;

import ai.lenetlab.contracts.InvalidConfigException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code lenetlab}: train, inspect and benchmark the LeNet-5 family from the command line. */
@Command(
        name = "lenetlab",
        mixinStandardHelpOptions = true,
        version = "LeNet Lab 1.0",
        description = "Train and compare LeNet-5 variants on Fashion-MNIST.",
        subcommands = {
            TrainCommand.class,
            PresetsCommand.class,
            SummaryCommand.class,
            BenchCommand.class,
            ReproduceCommand.class,
            SweepCommand.class,
            ExportCommand.class
        })
public final class LenetLab {

    /** Exit code for bad arguments or an invalid config, as for picocli's usage errors. */
    static final int BAD_INPUT = 2;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The command line with LeNet Lab's error handling: a clear message, never just a stack trace. */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new LenetLab());
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            cmd.getErr().println("lenetlab " + cmd.getCommandName() + ": " + e.getMessage());
            if (System.getenv("LENETLAB_DEBUG") != null) {
                e.printStackTrace(cmd.getErr());
            }
            return e instanceof InvalidConfigException || e instanceof IllegalArgumentException ? BAD_INPUT : 1;
        });
        return cli;
    }
}
