package io.rustyrun.cli;

import io.rustyrun.image.ImageCache;
import io.rustyrun.image.ImageUnpacker;
import io.rustyrun.image.UnpackOptions;
import io.rustyrun.runtime.config.LaunchConfig;
import io.rustyrun.runtime.SpecResolver;
import io.rustyrun.runtime.process.ForegroundRun;
import io.rustyrun.runtime.process.Trace;
import io.rustyrun.runtime.state.StateStore;
import io.rustyrun.runtime.sys.LinuxFileSyscalls;
import io.rustyrun.runtime.sys.LinuxSyscalls;
import io.rustyrun.spec.ContainerSpec;
import io.rustyrun.spec.SpecLoader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
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

  @Option(names = "--image-cache", paramLabel = "DIR", defaultValue = "/var/lib/rustyrun/images",
      description = "Where images named by the spec's \"image\" are unpacked, once per image digest (default: ${DEFAULT-VALUE}).")
  Path imageCacheRoot;

  @Parameters(index = "0", arity = "0..1", paramLabel = "ID",
      description = "Container id (default: a random one).")
  String id;

  @Override
  public Integer call() {
    LinuxSyscalls syscalls = new LinuxSyscalls();
    ImageCache imageCache = new ImageCache(imageCacheRoot,
        new ImageUnpacker(new NativeRootfsWriterFactory(new LinuxFileSyscalls())), UnpackOptions.forHost());
    Trace trace = top.trace(syscalls);
    ContainerSpec spec = new SpecLoader().load(file);
    trace.step("spec parsed and validated");
    SpecResolver resolver = new SpecResolver(
        Installation.current(System.getenv("RUSTYRUN_STAGE_JAVA_OPTS")).stageCommand(), trace.origin());
    Path image = spec.image() == null ? null : imageCache.rootfsFor(spec.image());
    String containerId = containerId();
    return new ForegroundRun(syscalls, new StateStore(top.root(), PROC), PROC).run(containerId, state ->
        image == null
            ? resolver.resolve(spec, containerId, LaunchConfig.Mode.FOREGROUND)
            : resolver.resolveWithImage(spec, containerId, LaunchConfig.Mode.FOREGROUND, image, overlayDirs(state)));
  }

  /** Creates {@code rootfs}, {@code upper} and {@code work} in the state directory; returns rootfs. */
  private static Path overlayDirs(Path state) {
    try {
      for (String dir : new String[] {"upper", "work", "rootfs"}) {
        Files.createDirectory(state.resolve(dir));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the overlay directories in \"" + state + "\"", e);
    }
    return state.resolve("rootfs");
  }

  private String containerId() {
    return id != null ? id : "run-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
  }
}
