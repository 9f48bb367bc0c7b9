package io.rustyrun.runtime.cgroup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The cgroups a process is in, from {@code /proc/<pid>/cgroup} ({@code cgroups(7)}): one line
 * per hierarchy, {@code hierarchy-ID:controller-list:cgroup-path}, e.g. {@code
 * 4:memory:/process_api/3f3c} or {@code 0::/} for cgroup2.
 *
 * <pre>{@code
 * ProcessCgroups own = ProcessCgroups.read(Path.of("/proc/self/cgroup"));
 * own.pathOf(Set.of("memory"))   // Optional[/process_api/3f3c]
 * }</pre>
 */
public final class ProcessCgroups {
  private final Map<Set<String>, String> paths;

  private ProcessCgroups(Map<Set<String>, String> paths) {
    this.paths = Map.copyOf(paths);
  }

  public static ProcessCgroups read(Path file) {
    try {
      return parse(Files.readAllLines(file));
    } catch (IOException e) {
      throw new CgroupException("cannot read the cgroups of this process: \"" + file + "\": " + CgroupFile.reason(e), e);
    }
  }

  static ProcessCgroups parse(List<String> lines) {
    Map<Set<String>, String> paths = new HashMap<>();
    for (String line : lines) {
      String[] fields = line.split(":", 3);
      if (fields.length == 3) {
        Set<String> controllers = fields[1].isEmpty() ? Set.of() : Set.of(fields[1].split(","));
        paths.putIfAbsent(controllers, fields[2]);
      }
    }
    return new ProcessCgroups(paths);
  }

  /** The path in the hierarchy with exactly these controllers; the empty set is cgroup2. */
  public Optional<String> pathOf(Set<String> controllers) {
    return Optional.ofNullable(paths.get(controllers));
  }
}
