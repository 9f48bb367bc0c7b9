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
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code rustyrun run -f container.yaml [ID]}: runs a container in the foreground and exits
 * with its status.
 */
final class RunCommand implements Callable<Integer> {
  private static final Path PROC = Path.of("/proc");

  private final RustyrunCommand top;
  private Path file;
  private Path imageCache;
  private String id;

  RunCommand(RustyrunCommand top) {
    this.top = top;
  }

  CommandSpec spec() {
    return CommandModel.command(this, "run", "Run a container in the foreground; exit with its exit status.",
            "rustyrun run -f examples/container.yaml")
        .option(CommandModel.value(Path.class, v -> file = v, "-f", "--file").required(true).paramLabel("FILE")
            .description("The container spec (YAML, or an OCI config.json)."))
        .option(CommandModel.value(Path.class, v -> imageCache = v, "--image-cache").paramLabel("DIR")
            .defaultValue(Launches.DEFAULT_IMAGE_CACHE)
            .description("Where a spec's \"image\" is unpacked, once per image digest (default: ${DEFAULT-VALUE})."))
        .positional(CommandModel.optionalParameter("0", String.class, v -> id = v).paramLabel("ID")
            .description("Container id (default: a random one)."))
        .spec();
  }

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
