package io.rustyrun.cli;

import io.rustyrun.spec.ExampleSpec;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code rustyrun spec}: prints a commented example spec to start from, the same text as {@code
 * examples/container.yaml}.
 *
 * <pre>
 * $ rustyrun spec > container.yaml
 * </pre>
 */
@Command(
    addMethodSubcommands = false,
    name = "spec",
    description = "Print a commented example container spec (a busybox shell command).",
    footer = {"", "Example:", "  rustyrun spec > container.yaml && rustyrun validate -f container.yaml"},
    mixinStandardHelpOptions = true)
final class SpecCommand implements Callable<Integer> {

  @Spec CommandSpec command;

  @Override
  public Integer call() {
    PrintWriter out = command.commandLine().getOut();
    // print, not println: the output must be byte-identical to examples/container.yaml.
    out.print(ExampleSpec.yaml());
    out.flush();
    return ExitCodes.OK;
  }
}
