package io.rustyrun.runtime.cgroup;

import io.rustyrun.runtime.sys.Syscalls;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The cgroup setup of this host as seen by this process: the {@link CgroupLayout} and the
 * cgroups the process itself is in. It places a container's {@link CgroupPath} in each
 * hierarchy and hands out the {@link CgroupManager} for it.
 *
 * <pre>{@code
 * CgroupHost host = CgroupHost.detect(Path.of("/sys/fs/cgroup"), Path.of("/proc/self/mountinfo"),
 *     Path.of("/proc/self/cgroup"), syscalls);
 * CgroupManager cgroup = host.manager(CgroupPath.of("/libpod_parent/libpod-abc", "abc"));
 * // on this machine kind: /sys/fs/cgroup/memory/libpod_parent/libpod-abc, .../pids/..., ...
 * }</pre>
 *
 * <p>Placement follows runc: an absolute path starts at each hierarchy's root (its mount point);
 * a relative path starts at this process's own cgroup in that hierarchy, from {@code
 * /proc/self/cgroup}, which can differ per hierarchy (here the memory cgroup is {@code
 * /process_api/<id>} while the others are {@code /}).
 */
public final class CgroupHost {
  private final CgroupLayout layout;
  private final ProcessCgroups own;
  private final Syscalls syscalls;

  /** @param syscalls for the v2 device program (v1 device rules are file writes) */
  public CgroupHost(CgroupLayout layout, ProcessCgroups own, Syscalls syscalls) {
    this.layout = layout;
    this.own = own;
    this.syscalls = syscalls;
  }

  public static CgroupHost detect(Path cgroupRoot, Path mountinfo, Path selfCgroup, Syscalls syscalls) {
    return new CgroupHost(CgroupLayout.detect(cgroupRoot, mountinfo), ProcessCgroups.read(selfCgroup), syscalls);
  }

  public CgroupLayout layout() {
    return layout;
  }

  /** The manager of the cgroup at {@code path}; nothing is created until {@link CgroupManager#create}. */
  public CgroupManager manager(CgroupPath path) {
    if (layout.kind() == CgroupLayout.Kind.V2) {
      CgroupLayout.Hierarchy unified = layout.unified().orElseThrow();
      return new CgroupV2Manager(unified, place(unified, path), syscalls);
    }
    Map<CgroupLayout.Hierarchy, Path> directories = new LinkedHashMap<>();
    for (CgroupLayout.Hierarchy hierarchy : layout.hierarchies()) {
      directories.put(hierarchy, place(hierarchy, path));
    }
    return new CgroupV1Manager(directories);
  }

  /**
   * The manager of a container created earlier, from its stored {@link
   * CgroupManager#directories()} as strings; hierarchies no longer mounted are skipped.
   */
  public CgroupManager reopen(Map<String, String> directories) {
    if (layout.kind() == CgroupLayout.Kind.V2) {
      CgroupLayout.Hierarchy unified = layout.unified().orElseThrow();
      String directory = directories.get(unified.name());
      if (directory == null) {
        throw new CgroupException("the stored cgroup directories " + directories.keySet() + " have no cgroup v2 entry");
      }
      return new CgroupV2Manager(unified, checkedBelow(unified, directory), syscalls);
    }
    Map<CgroupLayout.Hierarchy, Path> placed = new LinkedHashMap<>();
    for (CgroupLayout.Hierarchy hierarchy : layout.hierarchies()) {
      String directory = directories.get(hierarchy.name());
      if (directory != null) {
        placed.put(hierarchy, checkedBelow(hierarchy, directory));
      }
    }
    return new CgroupV1Manager(placed);
  }

  /** A stored directory outside its hierarchy is refused: destroy() would rmdir it. */
  private static Path checkedBelow(CgroupLayout.Hierarchy hierarchy, String directory) {
    Path normal = hierarchy.mountPoint().getFileSystem().getPath(directory).normalize();
    if (!normal.startsWith(hierarchy.mountPoint()) || normal.equals(hierarchy.mountPoint())) {
      throw new CgroupException("stored cgroup directory \"" + directory + "\" is not below \"" + hierarchy.mountPoint() + "\"");
    }
    return normal;
  }

  private Path place(CgroupLayout.Hierarchy hierarchy, CgroupPath path) {
    if (path.absolute()) {
      return path.under(hierarchy.mountPoint());
    }
    return path.under(ownDirectory(hierarchy));
  }

  /**
   * This process's cgroup directory in {@code hierarchy}. The kernel prints the path from the
   * root of the hierarchy (of the cgroup namespace); a mount that shows only a sub-cgroup has
   * that sub-cgroup as its mountinfo root, which is cut off first (runc's {@code
   * getCgroupPathHelper}).
   */
  private Path ownDirectory(CgroupLayout.Hierarchy hierarchy) {
    String cgroup = own.pathOf(hierarchy.controllers()).orElseThrow(() -> new CgroupException(
        "cannot place a relative cgroup path: this process is in no \"" + hierarchy.name() + "\" cgroup"));
    String root = hierarchy.root();
    if (!root.equals("/") && !cgroup.equals(root) && !cgroup.startsWith(root + "/")) {
      throw new CgroupException("cannot place a relative cgroup path: this process's cgroup \"" + cgroup
          + "\" is outside the mounted part \"" + root + "\" of \"" + hierarchy.mountPoint() + "\"");
    }
    String relative = root.equals("/") ? cgroup : cgroup.substring(root.length());
    List<String> names = Arrays.stream(relative.split("/")).filter(name -> !name.isEmpty()).toList();
    return new CgroupPath(true, names).under(hierarchy.mountPoint());
  }
}
