package io.rustyrun.conformance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The host's cgroup hierarchies as the cgroup tests see them (v1 controllers, or v2, or the
 * hybrid of both under {@code /sys/fs/cgroup}).
 *
 * <pre>{@code
 * Path memory = HostCgroups.controllerRoot("memory");       // /sys/fs/cgroup/memory on v1
 * HostCgroups.pathOf(pid, "memory");                         // "/rustyrun/run-1a2b..." (host view)
 * HostCgroups.directories("/rustyrun-it/x");                 // every hierarchy's dir that exists
 * container.mount(HostCgroups.CONTAINER_MOUNT);              // /sys/fs/cgroup inside, read-only
 * }</pre>
 */
public final class HostCgroups {
  /** Where cgroup filesystems are mounted on this kind of host. */
  public static final Path ROOT = Path.of("/sys/fs/cgroup");

  /** The spec mount that shows the container its own cgroups, as {@code runc spec} writes it. */
  public static final Mount CONTAINER_MOUNT = new Mount(
      "/sys/fs/cgroup", "cgroup", "cgroup", List.of("nosuid", "noexec", "nodev", "relatime", "ro"));

  private HostCgroups() {}

  /** The root of a v1 controller's hierarchy, if the host mounts one. */
  public static Optional<Path> controllerRoot(String controller) {
    Path root = ROOT.resolve(controller);
    // On a pure v2 host /sys/fs/cgroup/memory does not exist; "unified" has no v1 controller.
    return Files.isRegularFile(root.resolve("cgroup.procs")) ? Optional.of(root) : Optional.empty();
  }

  /**
   * The cgroup of {@code pid} in {@code controller}'s v1 hierarchy as the host sees it, from
   * {@code /proc/PID/cgroup} lines {@code ID:CONTROLLERS:PATH}.
   */
  public static Optional<String> pathOf(long pid, String controller) {
    try (Stream<String> lines = Files.lines(Path.of("/proc", Long.toString(pid), "cgroup"))) {
      return lines
          .map(line -> line.split(":", 3))
          .filter(fields -> List.of(fields[1].split(",")).contains(controller))
          .map(fields -> fields[2])
          .findFirst();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The directories of {@code cgroupPath} that exist in any hierarchy under {@link #ROOT}. */
  public static List<Path> directories(String cgroupPath) {
    String relative = cgroupPath.replaceFirst("^/+", "");
    try (Stream<Path> hierarchies = Files.list(ROOT)) {
      return hierarchies
          .map(hierarchy -> hierarchy.resolve(relative))
          .filter(Files::isDirectory)
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * A launcher prefix that shows rustyrun a pure cgroup v2 host: in a private mount namespace,
   * the cgroup mounts under {@link #ROOT} are replaced by one cgroup2 mount at {@link #ROOT}, the
   * whole v2 hierarchy (on a hybrid host the one mounted at {@code /sys/fs/cgroup/unified}). The
   * v1 hierarchies are out of sight, not gone: the launcher's processes stay in their v1 cgroups.
   */
  public static List<String> unifiedOnlyView() {
    return List.of(HostTools.require("unshare"), "--mount", "--propagation", "private", "sh", "-c",
        "umount -R " + ROOT + " && mount -t cgroup2 cgroup2 " + ROOT + " && exec \"$@\"", "unified-only-view");
  }

  /** The directory of {@code cgroupPath} in the host's cgroup2 hierarchy, if one is mounted. */
  public static Optional<Path> unifiedDirectory(String cgroupPath) {
    String relative = cgroupPath.replaceFirst("^/+", "");
    return Stream.of(ROOT, ROOT.resolve("unified"))
        .filter(root -> Files.isRegularFile(root.resolve("cgroup.subtree_control")))
        .findFirst()
        .map(root -> root.resolve(relative));
  }

  /** Removes the (empty) directories of {@code cgroupPath} a test's cgroupsPath left as parents. */
  public static void removeEmpty(String cgroupPath) {
    for (Path dir : directories(cgroupPath)) {
      try {
        Files.deleteIfExists(dir);
      } catch (IOException e) {
        // Still in use (a container of another test, a child cgroup): leave it.
      }
    }
  }
}
