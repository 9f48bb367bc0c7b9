package io.rustyrun.runtime.process;

import io.rustyrun.runtime.ContainerExecException;
import io.rustyrun.runtime.ContainerSetupException;

/**
 * What the stages tell the host over the sync pipe, one line per message.
 *
 * <table>
 *   <caption>The sync protocol (the stages write, the host reads, but for {@code resume})</caption>
 *   <tr><th>from</th><th>message</th><th>line</th><th>when</th></tr>
 *   <tr><td>child</td><td>{@link InitStarted}</td><td>{@code pid 4242}</td>
 *       <td>init is spawned; 4242 is its host pid (for signals and state)</td></tr>
 *   <tr><td>init</td><td>{@link HooksDue}</td><td>{@code hooks}</td>
 *       <td>the mounts are in place, pivot_root is next: the host runs the prestart and
 *       createRuntime hooks, then answers</td></tr>
 *   <tr><td>host</td><td>{@link Resume}</td><td>{@code resume}</td>
 *       <td>the hooks succeeded: init goes on (a failed hook kills init instead)</td></tr>
 *   <tr><td>init</td><td>{@link Ready}</td><td>{@code ready}</td>
 *       <td>the rootfs is set up; next comes execve (or, when created, the wait for start)</td></tr>
 *   <tr><td>init</td><td>{@link Failed}</td><td>{@code failed 127 command "x" not found}</td>
 *       <td>setup or execve failed; init exits with that status</td></tr>
 *   <tr><td>child</td><td>{@link InitExited}</td><td>{@code exited 256}</td>
 *       <td>init (the container) ended with that wait status; the child exits next</td></tr>
 * </table>
 *
 * <p>The channel is a socket pair, so the host can answer {@code hooks}; every other message
 * goes to the host. The stages' end is close-on-exec in init, so a successful execve simply closes it: end of
 * file after {@code ready} and before {@code exited} means the program is running.
 */
public sealed interface Message {

  /** The line for this message, without the newline. */
  String encode();

  /** Parses one line; unknown lines are a protocol error. */
  static Message decode(String line) {
    int space = line.indexOf(' ');
    String verb = space < 0 ? line : line.substring(0, space);
    String rest = space < 0 ? "" : line.substring(space + 1);
    return switch (verb) {
      case "pid" -> new InitStarted(Integer.parseInt(rest));
      case "ready" -> new Ready();
      case "hooks" -> new HooksDue();
      case "resume" -> new Resume();
      case "failed" -> {
        int s = rest.indexOf(' ');
        if (s < 0) {
          throw new IllegalArgumentException("unexpected sync message \"" + line + "\"");
        }
        yield new Failed(Integer.parseInt(rest.substring(0, s)), rest.substring(s + 1));
      }
      case "exited" -> new InitExited(Integer.parseInt(rest));
      default -> throw new IllegalArgumentException("unexpected sync message \"" + line + "\"");
    };
  }

  /** Init was spawned with this host pid. */
  record InitStarted(int pid) implements Message {
    @Override
    public String encode() {
      return "pid " + pid;
    }
  }

  /** Init waits before pivot_root for the host to run the prestart and createRuntime hooks. */
  record HooksDue() implements Message {
    @Override
    public String encode() {
      return "hooks";
    }
  }

  /** The host ran the hooks init waited for. */
  record Resume() implements Message {
    @Override
    public String encode() {
      return "resume";
    }
  }

  /** Init finished setting up the container. */
  record Ready() implements Message {
    @Override
    public String encode() {
      return "ready";
    }
  }

  /** Init failed; {@code exitCode} is 125, 126 or 127. */
  record Failed(int exitCode, String reason) implements Message {
    /** The exception the stage failed with, as the host rethrows it (126/127: exec, else setup). */
    public RuntimeException toException() {
      return exitCode == ContainerExecException.NOT_FOUND || exitCode == ContainerExecException.NOT_EXECUTABLE
          ? new ContainerExecException(reason, exitCode)
          : new ContainerSetupException(reason);
    }

    /** A failure report for {@code e}, which may carry no message (an NPE). */
    public static Failed of(int exitCode, Throwable e) {
      String message = e.getMessage();
      return new Failed(exitCode, message == null || message.isBlank() ? e.getClass().getSimpleName() : message);
    }

    @Override
    public String encode() {
      return "failed " + exitCode + " " + reason.replace('\n', ' ');
    }
  }

  /** Init ended with this raw wait status. */
  record InitExited(int waitStatus) implements Message {
    @Override
    public String encode() {
      return "exited " + waitStatus;
    }
  }
}
