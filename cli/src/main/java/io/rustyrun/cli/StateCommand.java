package io.rustyrun.cli;

import io.rustyrun.runtime.sys.LinuxSyscalls;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;

/** {@code rustyrun state ID}: the container's OCI state as JSON on stdout. */
final class StateCommand implements Callable<Integer> {
  private final RustyrunCommand top;
  private CommandSpec command;
  private String id;

  StateCommand(RustyrunCommand top) {
    this.top = top;
  }

  CommandSpec spec() {
    command = CommandModel.command(this, "state", "Print the container's state (OCI state JSON).",
            "rustyrun state web-1")
        .positional(CommandModel.parameter("0", String.class, v -> id = v).paramLabel("ID")
            .description("The container id."))
        .spec();
    return command;
  }

  @Override
  public Integer call() {
    PrintWriter out = command.commandLine().getOut();
    out.println(StateJson.render(StateJson.of(top.lifecycle(new LinuxSyscalls()).state(id)), true));
    out.flush();
    return ExitCodes.OK;
  }
}
