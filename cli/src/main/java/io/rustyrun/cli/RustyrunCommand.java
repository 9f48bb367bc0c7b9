package io.rustyrun.cli;

import io.rustyrun.runtime.ContainerSetupException;
import io.rustyrun.runtime.lifecycle.Lifecycle;
import io.rustyrun.runtime.process.Trace;
import io.rustyrun.runtime.state.StateStore;
import io.rustyrun.runtime.sys.Syscalls;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The top command. Global options come before the subcommand, as OCI clients pass them
 * ({@code rustyrun --root /run/x --log-format json create ...}).
 *
 * <pre>{@code
 * rustyrun --debug run -f container.yaml
 * }</pre>
 */
public final class RustyrunCommand {
  private static final Path PROC = Path.of("/proc");

  private CommandSpec command;
  private Path root;
  private boolean debug;
  private Path log;
  private LogFormat logFormat;
  private boolean systemdCgroup;

  /** The top command's model, bound to this object's fields. */
  CommandSpec spec() {
    command = CommandModel.command(this, "rustyrun", "A Linux container runtime in Java.",
            "rustyrun spec > container.yaml && rustyrun run -f container.yaml")
        .option(CommandModel.value(Path.class, v -> root = v, "--root").paramLabel("DIR").defaultValue("/run/rustyrun")
            .description("Directory for container state (default: ${DEFAULT-VALUE})."))
        .option(CommandModel.flag(v -> debug = v, "--debug").description("Print stack traces and stage timings."))
        .option(CommandModel.value(Path.class, v -> log = v, "--log").paramLabel("FILE")
            .description("Also write errors to FILE (conmon and containerd read them there)."))
        .option(CommandModel.value(LogFormat.class, v -> logFormat = v, "--log-format").paramLabel("FORMAT")
            .defaultValue("text")
            .description("Format of --log: text or json ({\"level\":\"error\",\"msg\":...,\"time\":...})."))
        .option(CommandModel.flag(v -> systemdCgroup = v, "--systemd-cgroup")
            .description("Manage cgroups through systemd (not available: rustyrun uses cgroupfs; fails when set)."))
        .spec();
    return command;
  }

  /** Formats of the --log file. */
  enum LogFormat {
    text,
    json
  }

  /** The state directory. */
  Path root() {
    return root;
  }

  /** The OCI lifecycle over the state directory. */
  Lifecycle lifecycle(Syscalls syscalls) {
    if (systemdCgroup) {
      throw new ContainerSetupException("--systemd-cgroup is not supported: rustyrun manages cgroups through cgroupfs");
    }
    return new Lifecycle(syscalls, new StateStore(root, PROC), PROC, warnings());
  }

  /**
   * What goes wrong without failing the command (a poststart or poststop hook): a warning on
   * stderr and in the {@code --log} file.
   */
  Consumer<String> warnings() {
    return message -> {
      PrintWriter err = command.commandLine().getErr();
      err.println("rustyrun: warning: " + message);
      err.flush();
      log("warning", message);
    };
  }

  /**
   * With {@code --log FILE}, errors and warnings also go there, one line each: conmon reports
   * the last {@code msg} of a JSON log, containerd reads its log.json.
   */
  void log(String level, String message) {
    if (log == null) {
      return;
    }
    String line = logFormat == LogFormat.json
        ? StateJson.render(jsonLine(level, message), false)
        : Instant.now() + " " + level + ": " + message;
    try {
      Files.writeString(log, line + System.lineSeparator(), StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    } catch (IOException ignored) {
      // The message is on stderr already; a log that cannot be written must not hide it.
    }
  }

  private static Map<String, Object> jsonLine(String level, String message) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("level", level);
    json.put("msg", message);
    json.put("time", Instant.now().toString());
    return json;
  }

  boolean debug() {
    return debug;
  }

  /**
   * The stage timeline, on with {@code --debug} or {@code RUSTYRUN_TRACE=1}. Its origin is the
   * launcher's start ({@code RUSTYRUN_LAUNCHED}, bash's {@code EPOCHREALTIME}), moved onto the
   * monotonic clock every stage JVM shares; without it, this JVM's start time (second-grained).
   */
  Trace trace(Syscalls syscalls) {
    if (!debug && !"1".equals(System.getenv("RUSTYRUN_TRACE"))) {
      return Trace.off(syscalls);
    }
    long sinceStart = launched().or(() -> ProcessHandle.current().info().startInstant())
        .map(start -> Duration.between(start, Instant.now()).toNanos())
        .orElse(0L);
    return new Trace(syscalls, System.nanoTime() - sinceStart, "host");
  }

  private static Optional<Instant> launched() {
    String value = System.getenv("RUSTYRUN_LAUNCHED");
    if (value == null || !value.matches("\\d+[.,]\\d{6}")) {
      return Optional.empty();
    }
    String[] parts = value.split("[.,]");
    return Optional.of(Instant.ofEpochSecond(Long.parseLong(parts[0]), Long.parseLong(parts[1]) * 1000));
  }
}
