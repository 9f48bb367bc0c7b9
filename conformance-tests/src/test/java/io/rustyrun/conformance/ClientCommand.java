package io.rustyrun.conformance;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs a client of the runtime ({@code rustyrun}, {@code podman}, {@code ctr}) as a subprocess
 * with stdin from {@code /dev/null} and stdout/stderr captured in numbered files.
 *
 * <pre>{@code
 * ClientCommand podman = new ClientCommand(dir, Duration.ofMinutes(2));
 * CommandOutput out = podman.run(List.of("podman", "--runtime", launcher, "run", "--rm", ...));
 * // dir/003.stdout, dir/003.stderr keep the output for a post-mortem
 * }</pre>
 *
 * <p>A command that outlives the timeout fails the test with what it printed so far, after its
 * whole process tree is killed: a hung client must not hang the suite.
 */
final class ClientCommand {
  private static final File DEV_NULL = new File("/dev/null");

  private final Path dir;
  private final Duration timeout;
  private final Map<String, String> environment;
  private final AtomicInteger sequence = new AtomicInteger();

  ClientCommand(Path dir, Duration timeout) {
    this(dir, timeout, Map.of());
  }

  ClientCommand(Path dir, Duration timeout, Map<String, String> environment) {
    this.dir = createDirectories(dir);
    this.timeout = timeout;
    this.environment = Map.copyOf(environment);
  }

  /** Runs {@code command} to its end and returns what it printed. */
  CommandOutput run(List<String> command) {
    String name = String.format("%03d", sequence.incrementAndGet());
    Path stdout = dir.resolve(name + ".stdout");
    Path stderr = dir.resolve(name + ".stderr");
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(dir.toFile())
            .redirectInput(DEV_NULL)
            .redirectOutput(stdout.toFile())
            .redirectError(stderr.toFile());
    builder.environment().putAll(environment);
    try {
      Files.writeString(dir.resolve(name + ".command"), String.join(" ", command) + "\n");
      Process process = builder.start();
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        HostProcesses.killAll(process.descendants().map(ProcessHandle::pid).toList());
        process.destroyForcibly();
        throw new AssertionError(
            String.join(" ", command) + " did not finish within " + timeout
                + "\n--- stdout ---\n" + read(stdout) + "\n--- stderr ---\n" + read(stderr));
      }
      return new CommandOutput(
          List.copyOf(command), process.exitValue(), read(stdout), read(stderr), stdout, stderr);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run " + command, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** The directory holding the numbered output files. */
  Path dir() {
    return dir;
  }

  static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "";
    }
  }

  private static Path createDirectories(Path dir) {
    try {
      return Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + dir, e);
    }
  }
}
