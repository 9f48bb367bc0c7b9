package io.rustyrun.cli;

import io.rustyrun.image.ImageCache;
import io.rustyrun.image.UnpackOptions;
import io.rustyrun.runtime.CgroupResolver;
import io.rustyrun.runtime.HookResolver;
import io.rustyrun.runtime.SpecResolver;
import io.rustyrun.runtime.cgroup.CgroupManager;
import io.rustyrun.runtime.config.HookState;
import io.rustyrun.runtime.config.Hooks;
import io.rustyrun.runtime.config.LaunchConfig;
import io.rustyrun.runtime.sys.Syscalls;
import io.rustyrun.spec.ContainerSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;

/**
 * Turns a spec into the launch config of {@code run} and {@code create}, unpacking the spec's
 * {@code image} (once per image digest) when it names one.
 *
 * <pre>{@code
 * Function<Path, LaunchConfig> configure = Launches.forInstallation(syscalls, trace.origin(), cacheRoot)
 *     .configure(spec, "web-1", LaunchConfig.Mode.FOREGROUND);
 * }</pre>
 */
final class Launches {
  /** Default of {@code --image-cache}. */
  static final String DEFAULT_IMAGE_CACHE = "/var/lib/rustyrun/images";

  private final SpecResolver resolver;
  private final Syscalls syscalls;
  private final Path imageCacheRoot;

  /** @param syscalls for the container's cgroup (the device program on cgroup v2) */
  Launches(SpecResolver resolver, Syscalls syscalls, Path imageCacheRoot) {
    this.resolver = resolver;
    this.syscalls = syscalls;
    this.imageCacheRoot = imageCacheRoot;
  }

  /** For this installation, with tracing from {@code traceOrigin} (0 for none). */
  static Launches forInstallation(Syscalls syscalls, long traceOrigin, Path imageCacheRoot) {
    return new Launches(new SpecResolver(
        Installation.current(System.getenv("RUSTYRUN_STAGE_JAVA_OPTS")).stageCommand(), traceOrigin), syscalls, imageCacheRoot);
  }

  /**
   * The launch config, given the container's state directory. With an image, the container's
   * rootfs is an overlay whose upper layer lives in that directory, so the cached image stays
   * as it was unpacked.
   */
  Function<Path, LaunchConfig> configure(ContainerSpec spec, String id, LaunchConfig.Mode mode) {
    if (spec.image() == null) {
      return state -> withCgroup(resolver.resolve(spec, id, mode), spec, id);
    }
    ImageCache cache = new ImageCache(imageCacheRoot, NativeRootfsWriterFactory.hostUnpacker(), UnpackOptions.forHost());
    Path image = cache.rootfsFor(spec.image());
    return state -> withCgroup(resolver.resolveWithImage(spec, id, mode, image, overlayDirs(state)), spec, id);
  }

  /**
   * The spec's hooks with the state they are given ({@code bundle}: the OCI bundle, or for
   * {@code run} the spec file's directory).
   */
  static Hooks hooks(ContainerSpec spec, String id, Path bundle) {
    return HookResolver.resolve(spec.hooks(),
        new HookState(VersionProvider.OCI_SPEC_VERSION, id, bundle, spec.annotations()));
  }

  /**
   * Every container gets a cgroup ({@code linux.cgroupsPath}, or {@code /rustyrun/ID}) with the
   * spec's limits, made before any of its processes exists; the child stage joins it first.
   */
  private LaunchConfig withCgroup(LaunchConfig config, ContainerSpec spec, String id) {
    CgroupManager cgroup = CgroupResolver.forHost(syscalls).manager(spec.linux(), id);
    cgroup.create();
    try {
      cgroup.apply(CgroupResolver.resources(spec.linux()));
    } catch (RuntimeException e) {
      cgroup.destroy();
      throw e;
    }
    return config.withCgroups(cgroup.directories());
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
}
