package io.rustyrun.cli;

import io.rustyrun.runtime.CgroupResolver;
import io.rustyrun.runtime.config.LaunchConfig;
import io.rustyrun.runtime.config.LaunchConfigCodec;
import io.rustyrun.runtime.state.StateStore;
import io.rustyrun.runtime.sys.LinuxSyscalls;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The host command line: picocli over {@link RustyrunCommand}, with rustyrun's error rendering
 * and exit codes.
 *
 * <pre>{@code
 * int status = Cli.run(new String[] {"validate", "-f", "container.yaml"});
 * }</pre>
 */
final class Cli {
  private Cli() {}

  static int run(String[] args) {
    PrintWriter out = new PrintWriter(System.out, true);
    PrintWriter err = new PrintWriter(System.err, true);
    try {
      return commandLine(new RustyrunCommand(), out, err, args).execute(args);
    } finally {
      out.flush(); // Main halts: nothing is flushed after this
      err.flush();
    }
  }

  /**
   * Every command first cleans up after foreground containers whose {@code rustyrun run} was
   * killed: their init died with it (parent-death signals), but their state directory stayed.
   */
  private static void reapStaleContainers(Path root) {
    new StateStore(root, Path.of("/proc"))
        .reapStale(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly), Cli::releaseCgroup);
  }

  private static void releaseCgroup(StateStore.ContainerDirectory dir) {
    try {
      LaunchConfig config = LaunchConfigCodec.read(dir.file(StateStore.ContainerDirectory.LAUNCH));
      if (!config.cgroups().isEmpty()) {
        CgroupResolver.forHost(new LinuxSyscalls()).reopenPaths(config.cgroups()).destroy();
      }
    } catch (IOException e) {
      // No launch config: the container died before it had a cgroup.
    }
  }

  /**
   * picocli prints the help for {@code --help} even after a word it does not know, and exits 0.
   * OCI clients probe a feature that way (podman: {@code checkpoint --help}, exit 0 means
   * supported, OCI-CLIENTS.md section 3), so an unknown word fails first.
   */
  private static void rejectUnmatched(ParseResult parsed) {
    for (ParseResult level = parsed; level != null; level = level.subcommand()) {
      if (!level.unmatched().isEmpty()) {
        throw new UnmatchedArgumentException(level.commandSpec().commandLine(), level.unmatched());
      }
    }
  }

  /**
   * A configured command line for {@code args} (it holds only the command they name, see
   * {@link Subcommands}); tests pass their own writers.
   */
  static CommandLine commandLine(RustyrunCommand top, PrintWriter out, PrintWriter err,
      String... args) {
    CommandLine cl = CommandModel.commandLine(top.spec());
    Subcommands.addTo(cl, top, args);
    ErrorRenderer renderer = new ErrorRenderer(top);
    cl.setOut(out);
    cl.setErr(err);
    cl.setExecutionExceptionHandler(renderer);
    cl.setParameterExceptionHandler(renderer::usageError);
    cl.setExitCodeExceptionMapper(renderer);
    cl.setExecutionStrategy(parsed -> {
      rejectUnmatched(parsed);
      reapStaleContainers(top.root());
      return new CommandLine.RunLast().execute(parsed);
    });
    return cl;
  }
}
