package io.rustyrun.cli;

import io.rustyrun.runtime.sys.LinuxSyscalls;
import io.rustyrun.runtime.sys.Signal;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;

/** {@code rustyrun kill [--all] ID [SIGNAL]}: signals a container's init (or all its processes). */
final class KillCommand implements Callable<Integer> {
  private final RustyrunCommand top;
  private boolean all;
  private String id;
  private String signal;

  KillCommand(RustyrunCommand top) {
    this.top = top;
  }

  CommandSpec spec() {
    return CommandModel.command(this, "kill",
            "Send a signal to the container's init process (default: TERM).",
            "rustyrun kill web-1", "rustyrun kill --all web-1 KILL", "rustyrun kill web-1 9")
        .option(CommandModel.flag(v -> all = v, "-a", "--all").description("Signal every process in the container."))
        .positional(CommandModel.parameter("0", String.class, v -> id = v).paramLabel("ID")
            .description("The container id."))
        .positional(CommandModel.optionalParameter("1", String.class, v -> signal = v).paramLabel("SIGNAL")
            .defaultValue("TERM").description("TERM, SIGTERM or 15; 1 to 64."))
        .spec();
  }

  @Override
  public Integer call() {
    top.lifecycle(new LinuxSyscalls()).kill(id, number(signal), all);
    return ExitCodes.OK;
  }

  /** Names of the classic signals, or any number up to the last real-time signal. */
  static int number(String text) {
    if (!text.isEmpty() && text.chars().allMatch(Character::isDigit) && text.length() <= 2) {
      int n = Integer.parseInt(text);
      if (n >= 1 && n <= Signal.MAX) {
        return n;
      }
    }
    return Signal.parse(text).map(Signal::number).orElseThrow(() -> new IllegalArgumentException(
        "unknown signal \"" + text + "\": use a name such as TERM or SIGKILL, or a number from 1 to " + Signal.MAX));
  }
}
