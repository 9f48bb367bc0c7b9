package io.rustyrun.conformance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

/**
 * A private copy of the busybox rootfs for a test that alters the image or must see every file
 * a container leaves in it; the shared {@link BusyboxRootfs} is never modified.
 *
 * <pre>{@code
 * try (RootfsCopy copy = RootfsCopy.ofBusybox("malicious-rootfs")) {
 *   Files.createSymbolicLink(copy.rootfs().resolve("mnt/evil"), hostDir);
 *   Container.onRootfs(copy.rootfs()).args("true").run();
 * }
 * }</pre>
 *
 * <p>{@link #close()} deletes the copy without following links, and leaves it in place if
 * something is still mounted below it (a leftover the test reports, not one to hide).
 */
public final class RootfsCopy implements AutoCloseable {
  private final Path dir;

  private RootfsCopy(Path dir) {
    this.dir = dir;
  }

  /** {@code <work>/<purpose>/<uuid>/rootfs}, a {@code cp -a} of the busybox rootfs. */
  public static RootfsCopy ofBusybox(String purpose) {
    try {
      Path dir = Files.createDirectories(
          TestEnvironment.workDir().resolve(purpose).resolve(UUID.randomUUID().toString()));
      Commands.run("cp", "-a", BusyboxRootfs.path().toString(), dir.resolve("rootfs").toString());
      return new RootfsCopy(dir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The copied root filesystem. */
  public Path rootfs() {
    return dir.resolve("rootfs");
  }

  /** The directory holding the copy, for the test's other host-side files. */
  public Path directory() {
    return dir;
  }

  @Override
  public void close() {
    String prefix = dir.toString();
    if (MountInfo.ofHost().stream().anyMatch(m -> m.mountPoint().startsWith(prefix))) {
      return;
    }
    try {
      Container.deleteRecursively(dir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
