package io.rustyrun.runtime.lifecycle;

import io.rustyrun.runtime.state.ProcessIdentity;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The processes of a container: every process whose PID namespace is its init's, found by
 * comparing {@code /proc/PID/ns/pid} links (cgroups would serve too, but need not exist).
 *
 * <pre>{@code
 * ContainerProcesses.of(Path.of("/proc"), init);   // [4242, 4250, 4251]
 * }</pre>
 */
final class ContainerProcesses {
  private ContainerProcesses() {}

  static List<Integer> of(Path proc, ProcessIdentity init) {
    String namespace = pidNamespace(proc, init.pid());
    List<Integer> pids = new ArrayList<>();
    if (namespace == null) {
      return pids;
    }
    if (namespace.equals(pidNamespace(proc, "self"))) {
      // A container without its own PID namespace shares the host's: never signal the host.
      return List.of(init.pid());
    }
    try (Stream<Path> entries = Files.list(proc)) {
      for (Path entry : entries.toList()) {
        String name = entry.getFileName().toString();
        if (name.chars().allMatch(Character::isDigit) && namespace.equals(pidNamespace(proc, Integer.parseInt(name)))) {
          pids.add(Integer.parseInt(name));
        }
      }
    } catch (IOException e) {
      return pids;
    }
    pids.sort(null);
    return pids;
  }

  private static String pidNamespace(Path proc, int pid) {
    return pidNamespace(proc, Integer.toString(pid));
  }

  private static String pidNamespace(Path proc, String process) {
    try {
      return Files.readSymbolicLink(proc.resolve(process).resolve("ns/pid")).toString();
    } catch (IOException e) {
      return null;
    }
  }
}
