package io.rustyrun.conformance;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A {@code rustyrun run} started in the background, with its output captured to files.
 *
 * <pre>{@code
 * try (RunningContainer c = Container.busybox()
 *     .args("sh", "-c", "echo ready; sleep 1000 & wait").start()) {
 *   c.awaitStdout("ready", Duration.ofSeconds(30));
 *   String pidNs = c.containerPidNamespace();     // as the host sees it
 *   c.signal("TERM");                             // to the host rustyrun, which must forward it
 *   RunResult result = c.awaitExit(Duration.ofSeconds(10));
 * }
 * }</pre>
 *
 * <p>{@link #close()} kills whatever is still alive (launcher, stages, container processes) so a
 * failing test does not leave a {@code sleep 1000} behind for the next one.
 */
public final class RunningContainer implements AutoCloseable {
  private static final Duration POLL = Duration.ofMillis(50);

  private final Process launcher;
  private final Path dir;
  private final Path spec;
  private String pidNamespace;

  private RunningContainer(Process launcher, Path dir, Path spec) {
    this.launcher = launcher;
    this.dir = dir;
    this.spec = spec;
  }

  static RunningContainer start(
      List<String> command, Path dir, Path spec, Map<String, String> env, String stdin) {
    ProcessBuilder builder =
        new ProcessBuilder(command)
            // Not the spec's directory: root.path must be resolved against the spec, not the cwd.
            .directory(TestEnvironment.workDir().toFile())
            .redirectOutput(dir.resolve("stdout").toFile())
            .redirectError(dir.resolve("stderr").toFile());
    builder.environment().putAll(env);
    try {
      RunningContainer running = new RunningContainer(builder.start(), dir, spec);
      running.feedStdin(stdin);
      return running;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + command, e);
    }
  }

  /** The host pid of the launched process; the launcher is expected to exec the JVM. */
  public long pid() {
    return launcher.pid();
  }

  public boolean isAlive() {
    return launcher.isAlive();
  }

  /** Stdout so far. */
  public String stdout() {
    return read("stdout");
  }

  /** Stderr so far. */
  public String stderr() {
    return read("stderr");
  }

  /** Waits until stdout contains {@code text}; fails early if {@code run} exits first. */
  public String awaitStdout(String text, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      String out = stdout();
      if (out.contains(text)) {
        return out;
      }
      if (!launcher.isAlive()) {
        throw new AssertionError(
            "run exited before printing \"" + text + "\": " + result(launcher.exitValue()).describe());
      }
      sleep(POLL);
    }
    throw new AssertionError("no \"" + text + "\" on stdout within " + timeout + ": " + snapshot());
  }

  /**
   * The container's PID namespace as the host names it ({@code "pid:[4026532190]"}): the
   * namespace of the launcher's descendants that differs from the host's. Call once the
   * container is known to be running; the value is remembered for {@link #close()}.
   */
  public String containerPidNamespace() {
    if (pidNamespace == null) {
      String host = HostProcesses.hostNamespace("pid");
      pidNamespace =
          launcher
              .descendants()
              .map(p -> HostProcesses.namespace(p.pid(), "pid"))
              .flatMap(Optional::stream)
              .filter(ns -> !ns.equals(host))
              .findFirst()
              .orElseThrow(
                  () -> new AssertionError("no descendant in a new PID namespace: " + snapshot()));
    }
    return pidNamespace;
  }

  /** Host pids of every process in the container's PID namespace. */
  public List<Long> containerProcesses() {
    return HostProcesses.inPidNamespace(containerPidNamespace());
  }

  /** Host pids of the launcher and all its descendants (stages and container), right now. */
  public List<Long> processTree() {
    return java.util.stream.Stream.concat(
            java.util.stream.Stream.of(launcher.toHandle()), launcher.descendants())
        .map(ProcessHandle::pid)
        .toList();
  }

  /**
   * The host pid of the container's PID 1 (the process whose innermost pid, last in {@code
   * NSpid}, is 1).
   */
  public long containerInit() {
    return containerProcesses().stream()
        .filter(pid -> HostProcesses.statusField(pid, "NSpid").map(v -> v.endsWith("\t1") || v.endsWith(" 1"))
            .orElse(false))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no PID 1 in the container: " + snapshot()));
  }

  /** Sends a signal by name to the host rustyrun process. */
  public void signal(String signalName) {
    HostProcesses.signal(launcher.pid(), signalName);
  }

  /** Waits for {@code run} to exit; on timeout kills everything and fails with the output. */
  public RunResult awaitExit(Duration timeout) {
    try {
      if (!launcher.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        String state = snapshot();
        close();
        throw new AssertionError("run did not exit within " + timeout + ": " + state);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    return result(launcher.exitValue());
  }

  /** Kills the launcher, its descendants and the container's processes if still alive. */
  @Override
  public void close() {
    if (launcher.isAlive()) {
      List<Long> tree = processTree();
      HostProcesses.killAll(tree);
    }
    if (pidNamespace != null) {
      HostProcesses.killAll(HostProcesses.inPidNamespace(pidNamespace));
    }
  }

  private RunResult result(int exitCode) {
    return new RunResult(exitCode, stdout(), stderr(), dir, readSpec());
  }

  private String snapshot() {
    return "\n--- stdout so far ---\n" + stdout() + "\n--- stderr so far ---\n" + stderr()
        + "\n--- spec ---\n" + readSpec();
  }

  private void feedStdin(String input) {
    try (OutputStream in = launcher.getOutputStream()) {
      in.write(input.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      // The container may exit without reading its stdin; that is not this test's concern.
    }
  }

  private String read(String stream) {
    try {
      // Lenient decoding: a test about bytes must not fail on a malformed UTF-8 sequence.
      return new String(Files.readAllBytes(dir.resolve(stream)), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "";
    }
  }

  private String readSpec() {
    try {
      return Files.readString(spec, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "(unreadable: " + e + ")";
    }
  }

  static void sleep(Duration duration) {
    try {
      Thread.sleep(duration);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
