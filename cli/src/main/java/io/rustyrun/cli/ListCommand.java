package io.rustyrun.cli;

import io.rustyrun.runtime.lifecycle.ContainerState;
import io.rustyrun.runtime.sys.LinuxSyscalls;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;

/** {@code rustyrun list [-q] [--format table|json]}: the containers under {@code --root}. */
final class ListCommand implements Callable<Integer> {
  private final RustyrunCommand top;
  private CommandSpec command;
  private boolean quiet;
  private Format format;

  enum Format {
    table,
    json
  }

  ListCommand(RustyrunCommand top) {
    this.top = top;
  }

  CommandSpec spec() {
    command = CommandModel.command(this, "list", "List containers.",
            "rustyrun list", "rustyrun list -q", "rustyrun list --format json")
        .option(CommandModel.flag(v -> quiet = v, "-q", "--quiet").description("Print only the ids."))
        .option(CommandModel.value(Format.class, v -> format = v, "-f", "--format").paramLabel("FORMAT")
            .defaultValue("table").description("table or json."))
        .spec();
    return command;
  }

  @Override
  public Integer call() {
    List<ContainerState> states = top.lifecycle(new LinuxSyscalls()).list();
    PrintWriter out = command.commandLine().getOut();
    if (quiet) {
      states.forEach(s -> out.println(s.id()));
    } else if (format == Format.json) {
      out.println(StateJson.render(states.stream().map(StateJson::of).toList(), false));
    } else {
      out.printf("%-24s %-8s %-10s %-30s %s%n", "ID", "PID", "STATUS", "BUNDLE", "CREATED");
      for (ContainerState s : states) {
        out.printf("%-24s %-8d %-10s %-30s %s%n", s.id(), s.pid(), s.status().ociName(),
            s.bundle() == null ? "" : s.bundle(), s.created() == null ? "" : s.created());
      }
    }
    out.flush();
    return ExitCodes.OK;
  }
}
