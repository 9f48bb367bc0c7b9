package io.rustyrun.cli;

import io.rustyrun.runtime.sys.LinuxSyscalls;
import io.rustyrun.runtime.sys.Signal;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code rustyrun kill [--all] ID [SIGNAL]}: signals a container's init (or all its processes). */
@Command(
    addMethodSubcommands = false,
    name = "kill",
    description = "Send a signal to the container's init process (default: TERM).",
    footer = {"", "Examples:", "  rustyrun kill web-1", "  rustyrun kill --all web-1 KILL", "  rustyrun kill web-1 9"},
    mixinStandardHelpOptions = true)
final class KillCommand implements Callable<Integer> {
  @ParentCommand RustyrunCommand top;

  @Option(names = {"-a", "--all"}, description = "Signal every process in the container.")
  boolean all;

  @Parameters(index = "0", paramLabel = "ID", description = "The container id.")
  String id;

  @Parameters(index = "1", arity = "0..1", paramLabel = "SIGNAL", defaultValue = "TERM",
      description = "TERM, SIGTERM or 15; 1 to 64.")
  String signal;

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
