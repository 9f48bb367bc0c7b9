package io.rustyrun.cli;

import io.rustyrun.runtime.sys.LinuxSyscalls;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code rustyrun delete [--force] ID}: removes a stopped container (any container with --force). */
@Command(
    addMethodSubcommands = false,
    name = "delete",
    description = "Delete a stopped container; --force kills a created or running one first.",
    footer = {"", "Example:", "  rustyrun delete --force web-1"},
    mixinStandardHelpOptions = true)
final class DeleteCommand implements Callable<Integer> {
  @ParentCommand RustyrunCommand top;

  @Option(names = {"-f", "--force"}, description = "Kill the container if it is not stopped; no error if it does not exist.")
  boolean force;

  @Parameters(index = "0", paramLabel = "ID", description = "The container id.")
  String id;

  @Override
  public Integer call() {
    top.lifecycle(new LinuxSyscalls()).delete(id, force);
    return ExitCodes.OK;
  }
}
