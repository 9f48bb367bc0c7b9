package io.rustyrun.conformance;

import java.nio.file.Path;
import java.util.List;

/**
 * What one {@code rustyrun run} produced.
 *
 * <pre>{@code
 * RunResult result = Container.busybox().args("hostname").run();
 * result.exitCode();       // 0
 * result.stdout();         // "rr-test\n"
 * result.stdoutLines();    // ["rr-test"]
 * }</pre>
 *
 * @param exitCode the exit status of the launcher
 * @param stdout everything the launcher (i.e. the container) wrote to stdout
 * @param stderr everything written to stderr
 * @param containerDir the test's directory holding the spec and the captured output
 * @param spec the spec text that was run, for failure messages
 */
public record RunResult(int exitCode, String stdout, String stderr, Path containerDir, String spec) {

  /** Non-blank stdout lines, stripped (busybox pads columns with spaces). */
  public List<String> stdoutLines() {
    return nonBlankLines(stdout);
  }

  /** Non-blank stderr lines, stripped. */
  public List<String> stderrLines() {
    return nonBlankLines(stderr);
  }

  /** Everything needed to understand a failure without re-running: exit, output and spec. */
  public String describe() {
    return "rustyrun run -f "
        + containerDir
        + " exited "
        + exitCode
        + "\n--- stdout ---\n"
        + stdout
        + "\n--- stderr ---\n"
        + stderr
        + "\n--- spec ---\n"
        + spec;
  }

  private static List<String> nonBlankLines(String text) {
    return text.lines().map(String::strip).filter(line -> !line.isEmpty()).toList();
  }
}
