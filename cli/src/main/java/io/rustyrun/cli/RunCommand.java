package io.rustyrun.cli;

import io.rustyrun.runtime.config.LaunchConfig;
import io.rustyrun.runtime.process.ForegroundRun;
import io.rustyrun.runtime.process.Trace;
import io.rustyrun.runtime.state.StateStore;
import io.rustyrun.runtime.sys.LinuxSyscalls;
import io.rustyrun.spec.ContainerSpec;
import io.rustyrun.spec.SpecLoader;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code rustyrun run -f container.yaml [ID]}: runs a container in the foreground and exits
 * with its status.
 */
@Command(
    addMethodSubcommands = false,
    name = "run",
    description = "Run a container in the foreground; exit with its exit status.",
    footer = {"", "Example:", "  rustyrun run -f examples/container.yaml"},
    mixinStandardHelpOptions = true)
final class RunCommand implements Callable<Integer> {
  private static final Path PROC = Path.of("/proc");

  @ParentCommand RustyrunCommand top;

  @Option(names = {"-f", "--file"}, required = true, paramLabel = "FILE",
      description = "The container spec (YAML, or an OCI config.json).")
  Path file;

  @Option(names = "--image-cache", paramLabel = "DIR", defaultValue = Launches.DEFAULT_IMAGE_CACHE,
      description = "Where a spec's \"image\" is unpacked, once per image digest (default: ${DEFAULT-VALUE}).")
  Path imageCache;

  @Parameters(index = "0", arity = "0..1", paramLabel = "ID",
      description = "Container id (default: a random one).")
  String id;

  @Override
  public Integer call() {
    LinuxSyscalls syscalls = new LinuxSyscalls();
    Trace trace = top.trace(syscalls);
    ContainerSpec spec = new SpecLoader().load(file);
    trace.step("spec parsed and validated");
    String containerId = id != null ? id : "run-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
    Launches launches = Launches.forInstallation(syscalls, trace.origin(), imageCache);
    return new ForegroundRun(syscalls, new StateStore(top.root(), PROC), PROC, top.warnings())
        .run(containerId, launches.configure(spec, containerId, LaunchConfig.Mode.FOREGROUND),
            Launches.hooks(spec, containerId, file.toAbsolutePath().normalize().getParent()));
  }
}
