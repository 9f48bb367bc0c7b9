package io.rustyrun.conformance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The OCI command line of {@code ./rustyrun} with a private {@code --root}, as the validation
 * suite, conmon and containerd's shim drive it.
 *
 * <pre>{@code
 * try (RuntimeCli cli = RuntimeCli.under(workDir)) {
 *   cli.create(bundle, "c1");                 // tracked: deleted with --force by close()
 *   cli.run("start", "c1");
 *   cli.state("c1").status();                 // "running"
 * }
 * }</pre>
 *
 * <p>The state root is private so that {@code list}, the process scan and the cleanup see only
 * this test's containers, while other tests (and other people) use the machine.
 */
final class RuntimeCli implements AutoCloseable {
  private static final Duration TIMEOUT = Duration.ofSeconds(90);
  /** The Java entry point; every rustyrun JVM (host command or stage) has it in its cmdline. */
  static final String MAIN_CLASS = "io.rustyrun.cli.Main";

  private final Path root;
  private final ClientCommand commands;
  private final Set<String> created = ConcurrentHashMap.newKeySet();

  private RuntimeCli(Path root, Path outputDir) {
    this.root = root;
    this.commands = new ClientCommand(outputDir, TIMEOUT);
  }

  /** A CLI whose {@code --root} is {@code dir/state}; command output goes to {@code dir/cli}. */
  static RuntimeCli under(Path dir) {
    try {
      return new RuntimeCli(Files.createDirectories(dir.resolve("state")), dir.resolve("cli"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  Path root() {
    return root;
  }

  /** {@code rustyrun --root ROOT ARGS...}. */
  CommandOutput run(String... args) {
    return runWithGlobals(List.of(), args);
  }

  /** {@code rustyrun --root ROOT GLOBALS... ARGS...}, e.g. globals {@code --log F}. */
  CommandOutput runWithGlobals(List<String> globals, String... args) {
    List<String> command = new ArrayList<>();
    command.add(TestEnvironment.launcher().toString());
    command.add("--root");
    command.add(root.toString());
    command.addAll(globals);
    command.addAll(List.of(args));
    for (String arg : args) {
      if (arg.equals("create")) {
        created.add(args[args.length - 1]);
      }
    }
    CommandOutput output = commands.run(command);
    // The jar is rebuilt by other work on this machine; a JVM that started mid-rebuild fails
    // before rustyrun's own code runs, so one retry after the rebuild cannot hide a rustyrun bug.
    for (int retry = 0; retry < 3 && startedDuringRebuild(output); retry++) {
      RunningContainer.sleep(Duration.ofSeconds(10));
      output = commands.run(command);
    }
    return output;
  }

  /** {@code create --bundle B --pid-file B/pid ID}; the container's output lands in stdoutFile. */
  CommandOutput create(OciBundle bundle, String id) {
    return run("create", "--bundle", bundle.dir().toString(), "--pid-file", pidFile(bundle, id)
        .toString(), id);
  }

  /**
   * {@link #create} with {@code --preserve-fds}: the launcher starts with {@code files} open for
   * appending as fds 3, 4, ... (a shell opens them, as podman's conmon passes its fds).
   */
  CommandOutput createPreservingFds(OciBundle bundle, String id, List<Path> files) {
    StringBuilder script = new StringBuilder("exec");
    for (int i = 0; i < files.size(); i++) {
      script.append(' ').append(3 + i).append(">>'").append(files.get(i)).append('\'');
    }
    script.append("; exec \"$@\"");
    created.add(id);
    return commands.run(List.of("/bin/bash", "-c", script.toString(), "bash", TestEnvironment.launcher().toString(),
        "--root", root.toString(), "create", "--bundle", bundle.dir().toString(), "--pid-file",
        pidFile(bundle, id).toString(), "--preserve-fds", Integer.toString(files.size()), id));
  }

  /** Where {@link #create} asked for the pid file. */
  static Path pidFile(OciBundle bundle, String id) {
    return bundle.dir().resolve(id + ".pid");
  }

  /** {@code state ID}, failing the test unless it succeeded. */
  OciState state(String id) {
    CommandOutput output = run("state", id);
    if (output.exitCode() != 0) {
      throw new AssertionError("state " + id + " failed:\n" + output.describe());
    }
    return OciState.parse(output.stdout());
  }

  /**
   * Host pids of rustyrun JVMs working on this root (host commands and stage JVMs both name
   * the root or a file under it on their command line), other than {@code except}.
   */
  List<Long> rustyrunProcesses(Optional<Long> except) {
    return HostProcesses.withCommandLineContaining(MAIN_CLASS).stream()
        .filter(pid -> HostProcesses.commandLine(pid).contains(root.toString()))
        .filter(pid -> except.map(e -> !e.equals(pid)).orElse(true))
        .filter(HostProcesses::isAlive)
        .toList();
  }

  /** Deletes (with {@code --force}) every container this CLI created. */
  @Override
  public void close() {
    for (String id : created) {
      commands.run(
          List.of(TestEnvironment.launcher().toString(), "--root", root.toString(), "delete",
              "--force", id));
    }
  }

  private static boolean startedDuringRebuild(CommandOutput output) {
    String stderr = output.stderr();
    return output.exitCode() != 0
        && (stderr.contains("Could not find or load main class " + MAIN_CLASS)
            || stderr.contains("rustyrun.jar\" is not built")
            || (stderr.contains("at io.rustyrun.cli.Main.main")
                && (stderr.contains("NoClassDefFoundError")
                    || stderr.contains("ClassNotFoundException"))));
  }
}
