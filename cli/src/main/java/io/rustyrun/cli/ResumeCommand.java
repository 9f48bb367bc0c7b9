package io.rustyrun.cli;

import io.rustyrun.runtime.sys.LinuxSyscalls;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;

/** {@code rustyrun resume ID}: thaws a paused container. */
final class ResumeCommand implements Callable<Integer> {
  private final RustyrunCommand top;
  private String id;

  ResumeCommand(RustyrunCommand top) {
    this.top = top;
  }

  CommandSpec spec() {
    return CommandModel.command(this, "resume", "Thaw a paused container.", "rustyrun resume web-1")
        .positional(CommandModel.parameter("0", String.class, v -> id = v).paramLabel("ID")
            .description("The container id."))
        .spec();
  }

  @Override
  public Integer call() {
    top.lifecycle(new LinuxSyscalls()).resume(id);
    return ExitCodes.OK;
  }
}
