package io.rustyrun.cli;

import io.rustyrun.runtime.sys.LinuxSyscalls;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;

/** {@code rustyrun start ID}: runs the program of a created container. */
final class StartCommand implements Callable<Integer> {
  private final RustyrunCommand top;
  private String id;

  StartCommand(RustyrunCommand top) {
    this.top = top;
  }

  CommandSpec spec() {
    return CommandModel.command(this, "start", "Start the program of a created container.", "rustyrun start web-1")
        .positional(CommandModel.parameter("0", String.class, v -> id = v).paramLabel("ID")
            .description("The container id."))
        .spec();
  }

  @Override
  public Integer call() {
    top.lifecycle(new LinuxSyscalls()).start(id);
    return ExitCodes.OK;
  }
}
