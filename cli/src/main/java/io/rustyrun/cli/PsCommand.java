package io.rustyrun.cli;

import io.rustyrun.runtime.sys.LinuxSyscalls;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;

/** {@code rustyrun ps [--format table|json] ID}: the host pids of the container's processes. */
final class PsCommand implements Callable<Integer> {
  private final RustyrunCommand top;
  private CommandSpec command;
  private ListCommand.Format format;
  private String id;

  PsCommand(RustyrunCommand top) {
    this.top = top;
  }

  CommandSpec spec() {
    command = CommandModel.command(this, "ps", "List the host pids of the container's processes.",
            "rustyrun ps --format json web-1")
        .option(CommandModel.value(ListCommand.Format.class, v -> format = v, "-f", "--format").paramLabel("FORMAT")
            .defaultValue("table").description("table or json (a JSON array of pids)."))
        .positional(CommandModel.parameter("0", String.class, v -> id = v).paramLabel("ID")
            .description("The container id."))
        .spec();
    return command;
  }

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
