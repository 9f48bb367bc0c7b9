package io.rustyrun.cli;

import io.rustyrun.runtime.sys.LinuxSyscalls;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code rustyrun ps [--format table|json] ID}: the host pids of the container's processes. */
@Command(
    addMethodSubcommands = false,
    name = "ps",
    description = "List the host pids of the container's processes.",
    footer = {"", "Example:", "  rustyrun ps --format json web-1"},
    mixinStandardHelpOptions = true)
final class PsCommand implements Callable<Integer> {
  @ParentCommand RustyrunCommand top;

  @Spec CommandSpec command;

  @Option(names = {"-f", "--format"}, defaultValue = "table", description = "table or json (a JSON array of pids).")
  ListCommand.Format format;

  @Parameters(index = "0", paramLabel = "ID", description = "The container id.")
  String id;

  @Override
  public Integer call() {
    List<Integer> pids = top.lifecycle(new LinuxSyscalls()).pids(id);
    PrintWriter out = command.commandLine().getOut();
    if (format == ListCommand.Format.json) {
      out.println(StateJson.render(pids, false));
    } else {
      out.println("PID");
      pids.forEach(out::println);
    }
    out.flush();
    return ExitCodes.OK;
  }
}
