package io.rustyrun.conformance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A tmpfs the test mounts on the host for the duration of a try block.
 *
 * <pre>{@code
 * try (HostMount marker = HostMount.tmpfs(work.resolve("host-only-mount"))) {
 *   // a container must not see marker.path() in its mountinfo
 * }
 * }</pre>
 */
public final class HostMount implements AutoCloseable {
  private final Path path;

  private HostMount(Path path) {
    this.path = path;
  }

  /** Mounts a small tmpfs at {@code path} (created if needed). */
  public static HostMount tmpfs(Path path) {
    try {
      Files.createDirectories(path);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Commands.run("mount", "-t", "tmpfs", "-o", "size=1m", "rr-host-only", path.toString());
    return new HostMount(path);
  }

  public Path path() {
    return path;
  }

  @Override
  public void close() {
    Commands.run("umount", path.toString());
  }
}
