package org.crowdsweep.job.cli;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code sweep} command: parses, dispatches, and turns failures into one-line messages and exit codes. */
@Command(
    name = "sweep",
    mixinStandardHelpOptions = true,
    versionProvider = SweepCli.Version.class,
    description = "Parameter sweeps of the Hedderich & Oulasvirta crowdworker RL model.",
    subcommands = {
      RunCommand.class, PlanCommand.class, ValidateCommand.class, EvaluateCommand.class, TraceCommand.class, TrainCommand.class,
      SchemaCommand.class, CommandLine.HelpCommand.class
    })
public final class SweepCli {
  /** Exit code of bad input: a one-line message on stderr. */
  public static final int BAD_INPUT = 2;

  private SweepCli() {}

  /** Runs the command line and exits with its code. */
  public static void main(String[] args) {
    System.exit(run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args));
  }

  /** Runs the command line, printing to the given writers, and returns the exit code. */
  public static int run(PrintWriter out, PrintWriter err, String... args) {
    CommandLine cli = new CommandLine(new SweepCli());
    cli.setOut(out);
    cli.setErr(err);
    cli.setExecutionExceptionHandler(
        (ex, commandLine, parseResult) -> {
          if (ex instanceof IllegalArgumentException || ex instanceof UncheckedIOException) {
            commandLine.getErr().println("sweep: " + ex.getMessage());
            return BAD_INPUT;
          }
          throw ex;
        });
    return cli.execute(args);
  }

  /** The project version from the jar manifest, or "development" when run from classes. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = SweepCli.class.getPackage().getImplementationVersion();
      return new String[] {"sweep " + (v == null ? "development" : v)};
    }
  }
}
