package io.rustyrun.cli;

import io.rustyrun.runtime.sys.LinuxSyscalls;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code rustyrun start ID}: runs the program of a created container. */
@Command(
    addMethodSubcommands = false,
    name = "start",
    description = "Start the program of a created container.",
    footer = {"", "Example:", "  rustyrun start web-1"},
    mixinStandardHelpOptions = true)
final class StartCommand implements Callable<Integer> {
  @ParentCommand RustyrunCommand top;

  @Parameters(index = "0", paramLabel = "ID", description = "The container id.")
  String id;

  @Override
  public Integer call() {
    top.lifecycle(new LinuxSyscalls()).start(id);
    return ExitCodes.OK;
  }
}
