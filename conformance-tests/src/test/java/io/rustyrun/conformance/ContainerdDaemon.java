package io.rustyrun.conformance;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A private containerd 1.6 for the tests: its own root, state and socket, so it neither needs
 * nor disturbs a system daemon, and its shims use rustyrun through {@code --runc-binary}.
 *
 * <pre>{@code
 * ContainerdDaemon daemon = ContainerdDaemon.start(workDir.resolve("containerd"), containerd);
 * daemon.ctrCommand("images", "ls");   // [ctr, --address, .../containerd.sock, -n, rustyrun-it, images, ls]
 * daemon.stop();                       // containerd and the shims it started
 * }</pre>
 *
 * <p>The CRI plugin is disabled: it wants a CNI set-up this machine does not have and is not
 * what {@code ctr} uses. containerd's shim runs the runtime with {@code --root
 * /run/containerd/runc/NAMESPACE}, which is not under our directory, hence a namespace of our
 * own.
 */
final class ContainerdDaemon {
  static final String NAMESPACE = "rustyrun-it";
  private static final Duration STARTUP = Duration.ofSeconds(30);
  /** sun_path is 108 bytes; a longer work directory puts the socket in /tmp instead. */
  private static final int MAX_SOCKET_PATH = 100;

  private final Process process;
  private final Path socket;
  private final Path log;

  private ContainerdDaemon(Process process, Path socket, Path log) {
    this.process = process;
    this.socket = socket;
    this.log = log;
  }

  /**
   * Starts containerd and waits until {@code ctr version} reaches it; else kills it and returns
   * why (the caller skips with that reason).
   */
  static ContainerdDaemon start(Path dir, Path containerd) throws StartFailure {
    try {
      Files.createDirectories(dir);
      Path socket = dir.resolve("containerd.sock");
      if (socket.toString().length() > MAX_SOCKET_PATH) {
        socket = Files.createTempDirectory("rr-containerd").resolve("containerd.sock");
      }
      Path config = dir.resolve("config.toml");
      Files.writeString(config, config(dir, socket));
      Path log = dir.resolve("containerd.log");
      Process process =
          new ProcessBuilder(containerd.toString(), "--config", config.toString())
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
      ContainerdDaemon daemon = new ContainerdDaemon(process, socket, log);
      daemon.awaitReady();
      return daemon;
    } catch (IOException e) {
      throw new StartFailure("cannot start " + containerd + ": " + e.getMessage());
    }
  }

  /** {@code ctr --address SOCKET -n NAMESPACE ARGS...}. */
  List<String> ctrCommand(String... args) {
    return Stream.concat(
            Stream.of(HostTools.require("ctr"), "--address", socket.toString(), "-n", NAMESPACE),
            Stream.of(args))
        .toList();
  }

  /** Stops containerd (TERM, then KILL) and every shim that served it. */
  void stop() {
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    // Shims outlive containerd by design (they keep tasks running across daemon restarts).
    HostProcesses.killAll(
        HostProcesses.withCommandLineContaining("containerd-shim").stream()
            .filter(pid -> HostProcesses.commandLine(pid).contains(socket.toString()))
            .toList());
  }

  private void awaitReady() throws StartFailure {
    long deadline = System.nanoTime() + STARTUP.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new StartFailure("containerd exited with " + process.exitValue() + ":\n" + logTail());
      }
      if (Files.exists(socket) && versionAnswers()) {
        return;
      }
      RunningContainer.sleep(Duration.ofMillis(200));
    }
    stop();
    throw new StartFailure("containerd did not answer within " + STARTUP + ":\n" + logTail());
  }

  private boolean versionAnswers() {
    try {
      Process ctr = new ProcessBuilder(ctrCommand("version")).redirectErrorStream(true).start();
      ctr.getInputStream().readAllBytes();
      return ctr.waitFor(10, TimeUnit.SECONDS) && ctr.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private String logTail() {
    try {
      List<String> lines = Files.readAllLines(log);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  private static String config(Path dir, Path socket) {
    return String.join("\n",
        "version = 2",
        "root = " + toml(dir.resolve("root")),
        "state = " + toml(dir.resolve("state")),
        "disabled_plugins = [\"io.containerd.grpc.v1.cri\"]",
        "[grpc]",
        "  address = " + toml(socket),
        "[ttrpc]",
        "  address = " + toml(Path.of(socket + ".ttrpc")),
        "[debug]",
        "  address = \"\"",
        "");
  }

  private static String toml(Path path) {
    return "\"" + path.toString().replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  /** Why containerd could not be started: a reason to skip, not a test failure. */
  static final class StartFailure extends Exception {
    StartFailure(String message) {
      super(message);
    }
  }
}
