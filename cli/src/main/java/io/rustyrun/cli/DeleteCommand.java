package io.rustyrun.cli;

import io.rustyrun.runtime.sys.LinuxSyscalls;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;

/** {@code rustyrun delete [--force] ID}: removes a stopped container (any container with --force). */
final class DeleteCommand implements Callable<Integer> {
  private final RustyrunCommand top;
  private boolean force;
  private String id;

  DeleteCommand(RustyrunCommand top) {
    this.top = top;
  }

  CommandSpec spec() {
    return CommandModel.command(this, "delete",
            "Delete a stopped container; --force kills a created or running one first.",
            "rustyrun delete --force web-1")
        .option(CommandModel.flag(v -> force = v, "-f", "--force")
            .description("Kill the container if it is not stopped; no error if it does not exist."))
        .positional(CommandModel.parameter("0", String.class, v -> id = v).paramLabel("ID")
            .description("The container id."))
        .spec();
  }

  @Override
  public Integer call() {
    top.lifecycle(new LinuxSyscalls()).delete(id, force);
    return ExitCodes.OK;
  }
}
