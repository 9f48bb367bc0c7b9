package io.rustyrun.conformance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * What a container may leave on the host, captured before it runs and compared after.
 *
 * <pre>{@code
 * HostTraces before = HostTraces.capture();
 * ... run a container ...
 * before.assertNothingLeftBehind(Duration.ofSeconds(5), container.directory(), rootfs);
 * }</pre>
 *
 * <p>Three kinds of leftovers: a directory under the state root ({@code /run/rustyrun/<id>}),
 * a host mount that mentions the container's paths, and a PID namespace that still has
 * processes (the container's, or a stage's that unshared it). Comparing with a snapshot keeps
 * the check honest on a host where other containers run.
 */
public final class HostTraces {
  private final Set<String> stateEntries;
  private final Set<String> pidNamespaces;

  private HostTraces(Set<String> stateEntries, Set<String> pidNamespaces) {
    this.stateEntries = stateEntries;
    this.pidNamespaces = pidNamespaces;
  }

  /** Snapshot of the state root and of the PID namespaces in use. */
  public static HostTraces capture() {
    return new HostTraces(stateEntries(), pidNamespaces());
  }

  /** State directories created since the snapshot. */
  public Set<String> newStateEntries() {
    Set<String> now = stateEntries();
    now.removeAll(stateEntries);
    return now;
  }

  /**
   * Waits up to {@code grace} for everything the container created to disappear, then fails
   * listing what is left: new state directories, host mounts mentioning any of {@code paths},
   * new PID namespaces with live processes.
   */
  public void assertNothingLeftBehind(Duration grace, Path... paths) {
    long deadline = System.nanoTime() + grace.toNanos();
    List<String> leftovers;
    do {
      leftovers = leftovers(paths);
      if (leftovers.isEmpty()) {
        return;
      }
      RunningContainer.sleep(Duration.ofMillis(100));
    } while (System.nanoTime() < deadline);
    throw new AssertionError("left behind after " + grace + ":\n" + String.join("\n", leftovers));
  }

  private List<String> leftovers(Path... paths) {
    List<String> found = new ArrayList<>();
    newStateEntries().forEach(entry ->
        found.add("state directory " + TestEnvironment.stateRoot().resolve(entry)));
    for (MountInfo mount : MountInfo.ofHost()) {
      for (Path path : paths) {
        if (mount.mountPoint().startsWith(path.toString()) || mount.root().startsWith(path.toString())) {
          found.add("host mount " + mount);
        }
      }
    }
    Set<String> namespaces = pidNamespaces();
    namespaces.removeAll(pidNamespaces);
    namespaces.forEach(ns -> found.add(
        "processes in " + ns + ": " + HostProcesses.inPidNamespace(ns).stream()
            .map(pid -> pid + " " + HostProcesses.commandLine(pid)).toList()));
    return found;
  }

  private static Set<String> stateEntries() {
    Path root = TestEnvironment.stateRoot();
    if (!Files.isDirectory(root)) {
      return new TreeSet<>();
    }
    try (Stream<Path> entries = Files.list(root)) {
      return entries.map(p -> p.getFileName().toString()).collect(Collectors.toCollection(TreeSet::new));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Set<String> pidNamespaces() {
    try (Stream<Path> entries = Files.list(Path.of("/proc"))) {
      return entries.map(p -> p.getFileName().toString())
          .filter(name -> name.chars().allMatch(Character::isDigit))
          .map(name -> HostProcesses.namespace(Long.parseLong(name), "pid"))
          .flatMap(java.util.Optional::stream)
          .collect(Collectors.toCollection(TreeSet::new));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
