package io.rustyrun.runtime.rootfs;

import java.util.ArrayList;
import java.util.List;

/**
 * The host's cgroup filesystems, as {@code /proc/self/mountinfo} lists them under
 * {@code /sys/fs/cgroup}, so a container's {@code cgroup} mount can repeat the same layout.
 *
 * <pre>{@code
 * // 35 31 0:32 / /sys/fs/cgroup/memory rw,relatime - cgroup cgroup rw,memory
 * CgroupHierarchies.parse(lines).hierarchies();   // [Hierarchy[name=memory, type=cgroup, options=memory], ...]
 * }</pre>
 *
 * @param unified whether {@code /sys/fs/cgroup} itself is a cgroup2 filesystem (pure v2)
 * @param hierarchies the filesystems mounted below it (v1 controllers, and on a hybrid host
 *     the cgroup2 at {@code unified})
 */
public record CgroupHierarchies(boolean unified, List<Hierarchy> hierarchies) {
  private static final String ROOT = "/sys/fs/cgroup";

  /**
   * One mounted hierarchy.
   *
   * @param name the directory under /sys/fs/cgroup, e.g. {@code cpu,cpuacct} or {@code unified}
   * @param type {@code cgroup} or {@code cgroup2}
   * @param options the controllers to mount it with, e.g. {@code cpu,cpuacct} or {@code name=systemd}
   */
  public record Hierarchy(String name, String type, String options) {}

  public CgroupHierarchies {
    hierarchies = List.copyOf(hierarchies);
  }

  /** Reads mountinfo lines (proc(5) format). */
  public static CgroupHierarchies parse(List<String> mountinfo) {
    boolean unified = false;
    List<Hierarchy> hierarchies = new ArrayList<>();
    for (String line : mountinfo) {
      String[] fields = line.split(" ");
      int separator = line.indexOf(" - ");
      if (fields.length < 5 || separator < 0) {
        continue;
      }
      String mountPoint = fields[4];
      String[] after = line.substring(separator + 3).split(" ");
      String type = after[0];
      if (!type.equals("cgroup") && !type.equals("cgroup2")) {
        continue;
      }
      if (mountPoint.equals(ROOT)) {
        unified = type.equals("cgroup2");
      } else if (mountPoint.startsWith(ROOT + "/") && mountPoint.indexOf('/', ROOT.length() + 1) < 0) {
        String options = after.length > 2 ? controllers(after[2]) : "";
        hierarchies.add(new Hierarchy(mountPoint.substring(ROOT.length() + 1), type, options));
      }
    }
    return new CgroupHierarchies(unified, hierarchies);
  }

  /** The super options without rw/ro and flags: what selects the hierarchy's controllers. */
  private static String controllers(String superOptions) {
    List<String> kept = new ArrayList<>();
    for (String option : superOptions.split(",")) {
      if (!option.equals("rw") && !option.equals("ro") && !option.equals("xattr")
          && !option.startsWith("release_agent=") && !option.equals("clone_children")
          && !option.equals("nsdelegate") && !option.equals("memory_recursiveprot")) {
        kept.add(option);
      }
    }
    return String.join(",", kept);
  }
}
