package io.rustyrun.runtime.cgroup;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The cpuset controller: {@code cpuset.cpus} and {@code cpuset.mems}, the same files on v1 and
 * v2.
 *
 * <pre>{@code
 * Cpuset.inheritParents(mountPoint, dir);              // v1, before any task joins
 * Cpuset.apply(dir, new CpuLimits(null, null, null, "0-1", "0"));
 * }</pre>
 */
final class Cpuset {
  private static final String CPUS = "cpuset.cpus";
  private static final String MEMS = "cpuset.mems";

  private Cpuset() {}

  static void apply(Path dir, CpuLimits cpu) {
    if (cpu.cpus() != null) {
      new CgroupFile(dir, CPUS).write(cpu.cpus(), "set cpuset cpus \"" + cpu.cpus() + "\"");
    }
    if (cpu.mems() != null) {
      new CgroupFile(dir, MEMS).write(cpu.mems(), "set cpuset mems \"" + cpu.mems() + "\"");
    }
  }

  /**
   * A new v1 cpuset cgroup starts with empty {@code cpus} and {@code mems}, and joining it fails
   * with ENOSPC until both are set: copy them down from the nearest ancestor, top first, for
   * every directory from below the mount point to {@code dir} (runc's {@code ensureParent}).
   */
  static void inheritParents(Path mountPoint, Path dir) {
    List<Path> chain = new ArrayList<>();
    for (Path p = dir; p != null && !p.equals(mountPoint); p = p.getParent()) {
      chain.addFirst(p);
    }
    for (Path child : chain) {
      copyIfEmpty(child, CPUS);
      copyIfEmpty(child, MEMS);
    }
  }

  private static void copyIfEmpty(Path dir, String name) {
    CgroupFile file = new CgroupFile(dir, name);
    if (file.read("read " + name).isEmpty()) {
      String inherited = new CgroupFile(dir.getParent(), name).read("read the parent's " + name);
      file.write(inherited, "copy the parent's " + name + " \"" + inherited + "\"");
    }
  }
}
