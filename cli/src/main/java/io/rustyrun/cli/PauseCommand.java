package io.rustyrun.cli;

import io.rustyrun.runtime.sys.LinuxSyscalls;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code rustyrun pause ID}: freezes every process of a running container (cgroup freezer). */
@Command(
    addMethodSubcommands = false,
    name = "pause",
    description = "Freeze every process of a running container.",
    footer = {"", "Example:", "  rustyrun pause web-1 && rustyrun resume web-1"},
    mixinStandardHelpOptions = true)
final class PauseCommand implements Callable<Integer> {
  @ParentCommand RustyrunCommand top;

  @Parameters(index = "0", paramLabel = "ID", description = "The container id.")
  String id;

  @Override
  public Integer call() {
    top.lifecycle(new LinuxSyscalls()).pause(id);
    return ExitCodes.OK;
  }
}
