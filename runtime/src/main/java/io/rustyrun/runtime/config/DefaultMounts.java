package io.rustyrun.runtime.config;

import static io.rustyrun.runtime.sys.MountFlag.NODEV;
import static io.rustyrun.runtime.sys.MountFlag.NOEXEC;
import static io.rustyrun.runtime.sys.MountFlag.NOSUID;
import static io.rustyrun.runtime.sys.MountFlag.RDONLY;
import static io.rustyrun.runtime.sys.MountFlag.STRICTATIME;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

/**
 * The runtime-spec's default filesystems ({@code /proc}, {@code /dev}, {@code /dev/pts},
 * {@code /dev/shm}, {@code /dev/mqueue}, {@code /sys}) with runc's options, added for every
 * destination the spec does not mount itself.
 *
 * <pre>{@code
 * DefaultMounts.complete(List.of(tmpfsOnTmp))
 * // [proc, /dev, /dev/pts, /dev/shm, /dev/mqueue, /sys, tmpfsOnTmp]
 * }</pre>
 */
public final class DefaultMounts {
  /** runc spec's defaults (SECURITY.md section 6), in mount order. */
  static final List<MountEntry> DEFAULTS = List.of(
      new MountEntry("/proc", "proc", "proc", EnumSet.of(NOSUID, NOEXEC, NODEV), List.of(), ""),
      new MountEntry("/dev", "tmpfs", "tmpfs", EnumSet.of(NOSUID, STRICTATIME), List.of(),
          "mode=755,size=65536k"),
      new MountEntry("/dev/pts", "devpts", "devpts", EnumSet.of(NOSUID, NOEXEC), List.of(),
          "newinstance,ptmxmode=0666,mode=0620,gid=5"),
      new MountEntry("/dev/shm", "tmpfs", "shm", EnumSet.of(NOSUID, NOEXEC, NODEV), List.of(),
          "mode=1777,size=65536k"),
      new MountEntry("/dev/mqueue", "mqueue", "mqueue", EnumSet.of(NOSUID, NOEXEC, NODEV),
          List.of(), ""),
      new MountEntry("/sys", "sysfs", "sysfs", EnumSet.of(NOSUID, NOEXEC, NODEV, RDONLY),
          List.of(), ""));

  private DefaultMounts() {}

  /**
   * The spec's mounts with every missing default inserted: after the spec mount of its closest
   * parent (so {@code /dev/pts} lands on the spec's own {@code /dev}), never before a default
   * inserted earlier (the canonical order), and never after a spec mount beneath it, which it
   * would hide ({@code /sys} before the spec's {@code /sys/fs/cgroup}).
   */
  public static List<MountEntry> complete(List<MountEntry> specMounts) {
    List<MountEntry> result = new ArrayList<>(specMounts);
    int lastInserted = -1;
    for (MountEntry def : DEFAULTS) {
      if (mounts(result, def.destination())) {
        continue;
      }
      int position = Math.max(lastInserted + 1, afterLastAncestor(result, def.destination()));
      position = Math.min(position, firstDescendant(result, def.destination()));
      result.add(position, def);
      lastInserted = position;
    }
    return result;
  }

  private static boolean mounts(List<MountEntry> mounts, String destination) {
    return mounts.stream().anyMatch(m -> normalize(m.destination()).equals(destination));
  }

  private static int afterLastAncestor(List<MountEntry> mounts, String destination) {
    int position = 0;
    for (int i = 0; i < mounts.size(); i++) {
      String d = normalize(mounts.get(i).destination());
      if (destination.startsWith(d.endsWith("/") ? d : d + "/")) {
        position = i + 1;
      }
    }
    return position;
  }

  /** The index of the first mount below {@code destination}, or the list's size. */
  private static int firstDescendant(List<MountEntry> mounts, String destination) {
    for (int i = 0; i < mounts.size(); i++) {
      if (normalize(mounts.get(i).destination()).startsWith(destination + "/")) {
        return i;
      }
    }
    return mounts.size();
  }

  private static String normalize(String destination) {
    String d = destination.replaceAll("/+", "/");
    return d.length() > 1 && d.endsWith("/") ? d.substring(0, d.length() - 1) : d;
  }
}
