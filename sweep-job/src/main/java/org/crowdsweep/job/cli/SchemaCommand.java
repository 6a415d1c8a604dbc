package org.crowdsweep.job.cli;

import java.util.concurrent.Callable;
import org.crowdsweep.specs.SpecSchema;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code sweep schema}: prints the JSON Schema of the spec language. */
@Command(name = "schema", mixinStandardHelpOptions = true, description = "Prints the JSON Schema of sweep specs.")
final class SchemaCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().getOut().print(SpecSchema.generate());
    spec.commandLine().getOut().flush();
    return 0;
  }
}
