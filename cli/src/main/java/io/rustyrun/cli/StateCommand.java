package io.rustyrun.cli;

import io.rustyrun.runtime.sys.LinuxSyscalls;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code rustyrun state ID}: the container's OCI state as JSON on stdout. */
@Command(
    addMethodSubcommands = false,
    name = "state",
    description = "Print the container's state (OCI state JSON).",
    footer = {"", "Example:", "  rustyrun state web-1"},
    mixinStandardHelpOptions = true)
final class StateCommand implements Callable<Integer> {
  @ParentCommand RustyrunCommand top;

  @Spec CommandSpec command;

  @Parameters(index = "0", paramLabel = "ID", description = "The container id.")
  String id;

  @Override
  public Integer call() {
    PrintWriter out = command.commandLine().getOut();
    out.println(StateJson.render(StateJson.of(top.lifecycle(new LinuxSyscalls()).state(id)), true));
    out.flush();
    return ExitCodes.OK;
  }
}
