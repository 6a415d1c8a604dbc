package org.crowdsweep.job.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.crowdsweep.specs.Expansion;
import org.crowdsweep.specs.Plan;
import org.crowdsweep.specs.SpecError;
import org.crowdsweep.specs.SpecException;
import org.crowdsweep.specs.SpecReader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code sweep validate SPEC}: exit 0 for a valid spec, or every error (one per line) and exit 2. */
@Command(
    name = "validate",
    mixinStandardHelpOptions = true,
    description = "Checks a spec: prints every error, one line each with its JSON path, and exits 2; exits 0 if valid.")
final class ValidateCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "SPEC", description = "The spec file (JSON).")
  Path specFile;

  @Override
  public Integer call() {
    try {
      Plan plan = Expansion.expand(SpecReader.read(specFile));
      spec.commandLine().getOut().printf("%s: valid, %d points%n", specFile, plan.points().size());
      spec.commandLine().getOut().flush();
      return 0;
    } catch (SpecException e) {
      return report(spec.commandLine().getErr(), specFile, e);
    }
  }

  static int report(PrintWriter err, Path file, SpecException e) {
    for (SpecError error : e.errors()) {
      err.println("sweep: " + file + ": " + error);
    }
    err.flush();
    return SweepCli.BAD_INPUT;
  }
}
