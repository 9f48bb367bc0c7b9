package io.rustyrun.runtime.cgroup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * How cgroups are mounted under a root such as {@code /sys/fs/cgroup}, read from a mountinfo
 * file ({@code proc(5)}).
 *
 * <pre>{@code
 * CgroupLayout layout = CgroupLayout.detect(Path.of("/sys/fs/cgroup"), Path.of("/proc/self/mountinfo"));
 * layout.kind();             // HYBRID on this machine kind
 * layout.hierarchy("memory") // /sys/fs/cgroup/memory
 * }</pre>
 *
 * <p>Mount points in the mountinfo text are resolved on the root's file system, so a test writes
 * a mountinfo file and the cgroup tree on jimfs and detects that.
 *
 * @param kind the layout
 * @param hierarchies the v1 hierarchies (empty on {@link Kind#V2}), in mount order
 * @param unified the cgroup2 mount, if any (the root on V2, usually {@code unified} on HYBRID)
 */
public record CgroupLayout(Kind kind, List<Hierarchy> hierarchies, Optional<Hierarchy> unified) {

  /** The three shapes a host can have. */
  public enum Kind {
    /** v1 hierarchies only. */
    V1,
    /** One cgroup2 hierarchy mounted at the root. */
    V2,
    /**
     * v1 hierarchies plus a cgroup2 mount under the root (systemd's {@code unified}). Every
     * controller is used through v1, as runc does: v2 holds at most controllers that no v1
     * hierarchy has (hugetlb on this machine kind), which rustyrun does not limit. Device rules
     * go to the v1 devices controller too; no eBPF device program is attached to the unified
     * hierarchy, although the kernel would enforce one there as well.
     */
    HYBRID
  }

  /**
   * One mounted hierarchy.
   *
   * @param controllers its controllers, e.g. {@code [cpu, cpuacct]} or {@code [name=systemd]};
   *     empty for cgroup2
   * @param mountPoint where it is mounted
   * @param root the cgroup the mount shows at its mount point (mountinfo's 4th field), {@code /}
   *     unless it is a bind mount of a sub-cgroup or inside a cgroup namespace
   */
  public record Hierarchy(Set<String> controllers, Path mountPoint, String root) {

    public Hierarchy {
      controllers = Set.copyOf(controllers);
    }

    /** {@code cpu,cpuacct}: the controllers as {@code /proc/self/cgroup} lists them. */
    public String name() {
      return String.join(",", controllers.stream().sorted().toList());
    }
  }

  /** Mount options that are not controller names (cgroups(7), "Mounting v1 controllers"). */
  private static final Set<String> NON_CONTROLLER_OPTIONS =
      Set.of("rw", "ro", "none", "noprefix", "clone_children", "xattr", "cpuset_v2_mode", "all");

  public CgroupLayout {
    hierarchies = List.copyOf(hierarchies);
  }

  /**
   * Detects the layout under {@code cgroupRoot}.
   *
   * @throws CgroupException when no cgroup file system is mounted there
   */
  public static CgroupLayout detect(Path cgroupRoot, Path mountinfo) {
    List<String> lines;
    try {
      lines = Files.readAllLines(mountinfo);
    } catch (IOException e) {
      throw new CgroupException("cannot detect the cgroup layout: read \"" + mountinfo + "\": " + CgroupFile.reason(e), e);
    }
    return fromMountinfo(cgroupRoot, lines);
  }

  static CgroupLayout fromMountinfo(Path cgroupRoot, List<String> mountinfo) {
    String root = cgroupRoot.toString();
    List<Hierarchy> v1 = new ArrayList<>();
    Optional<Hierarchy> unified = Optional.empty();
    for (String line : mountinfo) {
      Optional<MountinfoEntry> parsed = MountinfoEntry.parse(line);
      if (parsed.isEmpty() || !isAtOrBelow(parsed.get().mountPoint(), root)) {
        continue;
      }
      MountinfoEntry entry = parsed.get();
      Path mountPoint = cgroupRoot.getFileSystem().getPath(entry.mountPoint());
      if (entry.fsType().equals("cgroup2") && unified.isEmpty()) {
        unified = Optional.of(new Hierarchy(Set.of(), mountPoint, entry.root()));
      } else if (entry.fsType().equals("cgroup")) {
        Hierarchy hierarchy = new Hierarchy(controllers(entry.superOptions()), mountPoint, entry.root());
        // The same hierarchy mounted twice (a bind mount) counts once.
        if (v1.stream().noneMatch(h -> h.controllers().equals(hierarchy.controllers()))) {
          v1.add(hierarchy);
        }
      }
    }
    if (unified.isPresent() && unified.get().mountPoint().toString().equals(root)) {
      return new CgroupLayout(Kind.V2, List.of(), unified);
    }
    if (v1.isEmpty()) {
      throw new CgroupException("no cgroup file system is mounted at or under \"" + root + "\"");
    }
    return new CgroupLayout(unified.isPresent() ? Kind.HYBRID : Kind.V1, v1, unified);
  }

  private static boolean isAtOrBelow(String mountPoint, String root) {
    return mountPoint.equals(root) || mountPoint.startsWith(root.endsWith("/") ? root : root + "/");
  }

  private static Set<String> controllers(String superOptions) {
    Set<String> controllers = new LinkedHashSet<>();
    for (String option : superOptions.split(",")) {
      boolean setting = option.contains("=") && !option.startsWith("name=");
      if (!option.isEmpty() && !setting && !NON_CONTROLLER_OPTIONS.contains(option)) {
        controllers.add(option);
      }
    }
    return controllers;
  }

  /** The v1 hierarchy that has {@code controller} ({@code memory}, {@code name=systemd}). */
  public Optional<Hierarchy> hierarchy(String controller) {
    return hierarchies.stream().filter(h -> h.controllers().contains(controller)).findFirst();
  }

  /**
   * One line of mountinfo: {@code 35 31 0:32 / /sys/fs/cgroup/memory rw,relatime - cgroup cgroup
   * rw,memory}. Optional fields end at the {@code -} separator.
   */
  private record MountinfoEntry(String root, String mountPoint, String fsType, String superOptions) {

    static Optional<MountinfoEntry> parse(String line) {
      String[] fields = line.split(" ");
      int separator = List.of(fields).indexOf("-");
      if (fields.length < 5 || separator < 6 || separator + 1 >= fields.length) {
        return Optional.empty();
      }
      String superOptions = separator + 3 < fields.length ? fields[separator + 3] : "";
      return Optional.of(new MountinfoEntry(unescape(fields[3]), unescape(fields[4]), fields[separator + 1], superOptions));
    }

    /** mountinfo writes space, tab, newline and backslash as octal escapes ({@code \040}). */
    private static String unescape(String field) {
      StringBuilder out = new StringBuilder(field.length());
      for (int i = 0; i < field.length(); i++) {
        char c = field.charAt(i);
        if (c == '\\' && i + 3 < field.length() && field.substring(i + 1, i + 4).matches("[0-7]{3}")) {
          out.append((char) Integer.parseInt(field.substring(i + 1, i + 4), 8));
          i += 3;
        } else {
          out.append(c);
        }
      }
      return out.toString();
    }
  }
}
