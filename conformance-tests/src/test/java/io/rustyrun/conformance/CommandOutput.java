package io.rustyrun.conformance;

import java.nio.file.Path;
import java.util.List;

/**
 * What one host command (a rustyrun, podman or ctr invocation) produced.
 *
 * <pre>{@code
 * CommandOutput state = cli.run("state", "c1");
 * state.exitCode();         // 0
 * state.stdout();           // the OCI state JSON
 * state.stdoutFile();       // still growing if a container inherited it (create)
 * }</pre>
 *
 * <p>Output is captured in files rather than pipes: {@code rustyrun create} hands its stdout and
 * stderr to the container, so a pipe would not reach end-of-file until the container ends.
 *
 * @param command the argv, for failure messages
 * @param exitCode the command's exit status
 * @param stdout stdout as it was when the command exited
 * @param stderr stderr as it was when the command exited
 * @param stdoutFile the file stdout was redirected to
 * @param stderrFile the file stderr was redirected to
 */
record CommandOutput(
    List<String> command,
    int exitCode,
    String stdout,
    String stderr,
    Path stdoutFile,
    Path stderrFile) {

  /** Non-blank stdout lines, stripped. */
  List<String> stdoutLines() {
    return stdout.lines().map(String::strip).filter(line -> !line.isEmpty()).toList();
  }

  /** The command, its exit status and both outputs: the message of every assertion. */
  String describe() {
    return String.join(" ", command)
        + "\n exited "
        + exitCode
        + "\n--- stdout ---\n"
        + stdout
        + "\n--- stderr ---\n"
        + stderr;
  }
}
