package io.rustyrun.cli;

import io.rustyrun.runtime.sys.LinuxSyscalls;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;

/** {@code rustyrun pause ID}: freezes every process of a running container (cgroup freezer). */
final class PauseCommand implements Callable<Integer> {
  private final RustyrunCommand top;
  private String id;

  PauseCommand(RustyrunCommand top) {
    this.top = top;
  }

  CommandSpec spec() {
    return CommandModel.command(this, "pause", "Freeze every process of a running container.", "rustyrun pause web-1 && rustyrun resume web-1")
        .positional(CommandModel.parameter("0", String.class, v -> id = v).paramLabel("ID")
            .description("The container id."))
        .spec();
  }

  @Override
  public Integer call() {
    top.lifecycle(new LinuxSyscalls()).pause(id);
    return ExitCodes.OK;
  }
}
