package io.rustyrun.cli;

import io.rustyrun.spec.ExampleSpec;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code rustyrun spec}: prints a commented example spec to start from, the same text as {@code
 * examples/container.yaml}.
 *
 * <pre>
 * $ rustyrun spec > container.yaml
 * </pre>
 */
final class SpecCommand implements Callable<Integer> {
  private CommandSpec command;

  CommandSpec spec() {
    command = CommandModel.command(this, "spec", "Print a commented example container spec (a busybox shell command).",
            "rustyrun spec > container.yaml && rustyrun validate -f container.yaml")
        .spec();
    return command;
  }

  @Override
  public Integer call() {
    PrintWriter out = command.commandLine().getOut();
    // print, not println: the output must be byte-identical to examples/container.yaml.
    out.print(ExampleSpec.yaml());
    out.flush();
    return ExitCodes.OK;
  }
}
