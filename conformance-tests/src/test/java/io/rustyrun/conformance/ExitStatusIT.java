package io.rustyrun.conformance;

import static io.rustyrun.conformance.RunResultAssert.assertThatRun;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue #3 item 4: {@code run} exits with the container's status (128+N for signal N, 127 and
 * 126 for a command that is missing or not executable, each with a one-line message naming
 * it), and forwards SIGINT, SIGTERM and SIGHUP to the container's PID 1.
 */
@ConformanceTest
class ExitStatusIT {
  private static final Duration READY = Duration.ofSeconds(30);
  private static final Duration EXIT = Duration.ofSeconds(15);

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 42, 255})
  void exitCodeIsTheContainers(int code) {
    RunResult result = Container.busybox().args("sh", "-c", "exit " + code).run();

    assertThatRun(result).exitedWith(code);
  }

  @Test
  void pid1KilledBySignalGives128PlusN() {
    // PID 1 of a namespace ignores every signal it has no handler for, even from the host,
    // except SIGKILL (pid_namespaces(7)); so SIGKILL from the host is how PID 1 dies of a signal.
    try (RunningContainer container =
        Container.busybox().args("sh", "-c", "echo ready; sleep 1000 & wait").start()) {
      container.awaitStdout("ready", READY);

      HostProcesses.signal(container.containerInit(), "KILL");

      assertThatRun(container.awaitExit(EXIT)).exitedWith(128 + 9);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"no-such-command", "/bin/no-such-command", "/no/such/dir/cmd"})
  void missingCommandGives127AndNamesIt(String command) {
    RunResult result = Container.busybox().args(command, "arg").run();

    assertThatRun(result).exitedWith(127);
    assertOneErrorLineNaming(result, command);
  }

  @ParameterizedTest
  @ValueSource(strings = {"/bin/not-executable", "/tmp"})
  void commandThatCannotBeExecutedGives126AndNamesIt(String command) {
    // /bin/not-executable has mode 0644 (make-busybox-rootfs.sh); a directory is EACCES too.
    RunResult result = Container.busybox().args(command).run();

    assertThatRun(result).exitedWith(126);
    assertOneErrorLineNaming(result, command);
  }

  @ParameterizedTest
  @CsvSource({"INT, 10", "TERM, 11", "HUP, 12"})
  void signalsToRustyrunAreForwardedToPid1(String signal, int exitCode) {
    // sh as PID 1 traps the signal, proving it arrived there; "wait" returns on a trapped signal.
    String probe = "trap 'echo got-INT; exit 10' INT; trap 'echo got-TERM; exit 11' TERM; "
        + "trap 'echo got-HUP; exit 12' HUP; echo ready; sleep 1000 & wait";
    try (RunningContainer container = Container.busybox().args("sh", "-c", probe).start()) {
      container.awaitStdout("ready", READY);

      container.signal(signal);

      RunResult result = container.awaitExit(EXIT);
      assertThatRun(result).exitedWith(exitCode).stdoutLines().contains("got-" + signal);
    }
  }

  /**
   * One line says what failed and names the command in double quotes (STYLE.md section 3);
   * "rustyrun: hint:" lines may follow it.
   */
  private static void assertOneErrorLineNaming(RunResult result, String command) {
    assertThat(result.stderrLines()).as(result.describe())
        .filteredOn(line -> !line.startsWith("rustyrun: hint:"))
        .singleElement(InstanceOfAssertFactories.STRING)
        .contains("\"" + command + "\"");
  }
}
