package io.rustyrun.cli;

import io.rustyrun.runtime.sys.LinuxSyscalls;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code rustyrun resume ID}: thaws a paused container. */
@Command(
    addMethodSubcommands = false,
    name = "resume",
    description = "Thaw a paused container.",
    footer = {"", "Example:", "  rustyrun resume web-1"},
    mixinStandardHelpOptions = true)
final class ResumeCommand implements Callable<Integer> {
  @ParentCommand RustyrunCommand top;

  @Parameters(index = "0", paramLabel = "ID", description = "The container id.")
  String id;

  @Override
  public Integer call() {
    top.lifecycle(new LinuxSyscalls()).resume(id);
    return ExitCodes.OK;
  }
}
