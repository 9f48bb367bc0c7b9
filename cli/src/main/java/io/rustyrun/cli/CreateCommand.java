package io.rustyrun.cli;

import io.rustyrun.runtime.ContainerSetupException;
import io.rustyrun.runtime.config.LaunchConfig;
import io.rustyrun.runtime.lifecycle.Lifecycle;
import io.rustyrun.runtime.sys.LinuxSyscalls;
import io.rustyrun.spec.ContainerSpec;
import io.rustyrun.spec.SpecLoader;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code rustyrun create [--bundle B] [--pid-file F] [--console-socket S] ID}: sets up a
 * container from an OCI bundle and leaves it waiting for {@code start}. Prints nothing on
 * success: its stdout and stderr are the container's.
 */
final class CreateCommand implements Callable<Integer> {
  private final RustyrunCommand top;
  private Path bundle;
  private Path pidFile;
  private Path consoleSocket;
  private boolean noPivot;
  private int preserveFds;
  private Path imageCache;
  private String id;

  CreateCommand(RustyrunCommand top) {
    this.top = top;
  }

  CommandSpec spec() {
    return CommandModel.command(this, "create",
            "Create a container from an OCI bundle; its process waits for \"start\".",
            "rustyrun create --bundle /srv/web --pid-file /run/web.pid web-1 && rustyrun start web-1")
        .option(CommandModel.value(Path.class, v -> bundle = v, "-b", "--bundle").paramLabel("DIR").defaultValue(".")
            .description("The bundle: a directory with config.json (default: the current directory)."))
        .option(CommandModel.value(Path.class, v -> pidFile = v, "--pid-file").paramLabel("FILE")
            .description("Write the container's host pid here."))
        .option(CommandModel.value(Path.class, v -> consoleSocket = v, "--console-socket").paramLabel("SOCKET")
            .description("AF_UNIX socket that receives the pty master when process.terminal is true."))
        .option(CommandModel.flag(v -> noPivot = v, "--no-pivot").description(
            "Move the rootfs onto / and chroot instead of pivot_root (for a rootfs on an initramfs; less isolated)."))
        .option(CommandModel.value(int.class, v -> preserveFds = v, "--preserve-fds").paramLabel("N").defaultValue("0")
            .description("Pass N more fds (3 to 3+N-1) of this process to the container's program, at the same numbers."))
        .option(CommandModel.value(Path.class, v -> imageCache = v, "--image-cache").paramLabel("DIR")
            .defaultValue(Launches.DEFAULT_IMAGE_CACHE)
            .description("Where a spec's \"image\" is unpacked (default: ${DEFAULT-VALUE})."))
        .positional(CommandModel.parameter("0", String.class, v -> id = v).paramLabel("ID")
            .description("The container id."))
        .spec();
  }

  @Override
  public Integer call() {
    if (preserveFds < 0) {
      throw new ContainerSetupException("--preserve-fds must be 0 or more, got " + preserveFds);
    }
    Path dir = bundle.toAbsolutePath().normalize();
    ContainerSpec spec = new SpecLoader().load(dir.resolve("config.json"));
    LinuxSyscalls syscalls = new LinuxSyscalls();
    Lifecycle lifecycle = top.lifecycle(syscalls);
    Launches launches = Launches.forInstallation(syscalls, top.trace(syscalls).origin(), imageCache);
    lifecycle.create(id, dir, spec.annotations(),
        new Lifecycle.CreateOptions(absolute(pidFile), absolute(consoleSocket), preserveFds, noPivot),
        launches.configure(spec, id, LaunchConfig.Mode.DETACHED), Launches.hooks(spec, id, dir));
    return ExitCodes.OK;
  }

  private static Path absolute(Path path) {
    return path == null ? null : path.toAbsolutePath();
  }
}
