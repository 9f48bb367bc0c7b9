package io.rustyrun.runtime.config;

import static io.rustyrun.runtime.sys.MountFlag.BIND;
import static io.rustyrun.runtime.sys.MountFlag.DIRSYNC;
import static io.rustyrun.runtime.sys.MountFlag.MANDLOCK;
import static io.rustyrun.runtime.sys.MountFlag.NOATIME;
import static io.rustyrun.runtime.sys.MountFlag.NODEV;
import static io.rustyrun.runtime.sys.MountFlag.NODIRATIME;
import static io.rustyrun.runtime.sys.MountFlag.NOEXEC;
import static io.rustyrun.runtime.sys.MountFlag.NOSUID;
import static io.rustyrun.runtime.sys.MountFlag.NOSYMFOLLOW;
import static io.rustyrun.runtime.sys.MountFlag.RDONLY;
import static io.rustyrun.runtime.sys.MountFlag.REC;
import static io.rustyrun.runtime.sys.MountFlag.RELATIME;
import static io.rustyrun.runtime.sys.MountFlag.REMOUNT;
import static io.rustyrun.runtime.sys.MountFlag.STRICTATIME;
import static io.rustyrun.runtime.sys.MountFlag.SYNCHRONOUS;

import io.rustyrun.runtime.sys.MountFlag;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Parses OCI mount options into mount(2) flags, propagation changes and filesystem data, with
 * the same table as runc's {@code parseMountOptions}.
 *
 * <pre>{@code
 * MountOptions.parse(List.of("nosuid", "ro", "mode=755", "rprivate"))
 * // flags {NOSUID, RDONLY}, propagation [RPRIVATE], data "mode=755"
 * }</pre>
 */
public record MountOptions(Set<MountFlag> flags, List<Propagation> propagation, String data) {

  /** Options that set a flag. */
  private static final Map<String, MountFlag> SETS = Map.ofEntries(
      Map.entry("bind", BIND), Map.entry("dirsync", DIRSYNC), Map.entry("mand", MANDLOCK),
      Map.entry("noatime", NOATIME), Map.entry("nodev", NODEV), Map.entry("nodiratime", NODIRATIME),
      Map.entry("noexec", NOEXEC), Map.entry("nosuid", NOSUID), Map.entry("nosymfollow", NOSYMFOLLOW),
      Map.entry("relatime", RELATIME), Map.entry("remount", REMOUNT), Map.entry("ro", RDONLY),
      Map.entry("strictatime", STRICTATIME), Map.entry("sync", SYNCHRONOUS));

  /** Options that clear a flag. */
  private static final Map<String, MountFlag> CLEARS = Map.ofEntries(
      Map.entry("async", SYNCHRONOUS), Map.entry("atime", NOATIME), Map.entry("dev", NODEV),
      Map.entry("diratime", NODIRATIME), Map.entry("exec", NOEXEC), Map.entry("nomand", MANDLOCK),
      Map.entry("norelatime", RELATIME), Map.entry("nostrictatime", STRICTATIME),
      Map.entry("rw", RDONLY), Map.entry("suid", NOSUID), Map.entry("symfollow", NOSYMFOLLOW));

  public MountOptions {
    flags = Set.copyOf(flags);
    propagation = List.copyOf(propagation);
  }

  /** Parses {@code options} in order; later options win, as with mount(8). */
  public static MountOptions parse(List<String> options) {
    Set<MountFlag> flags = EnumSet.noneOf(MountFlag.class);
    List<Propagation> propagation = new ArrayList<>();
    List<String> data = new ArrayList<>();
    for (String option : options) {
      if (option.equals("defaults")) {
        continue;
      }
      if (option.equals("rbind")) {
        flags.add(BIND);
        flags.add(REC);
      } else if (SETS.containsKey(option)) {
        flags.add(SETS.get(option));
      } else if (CLEARS.containsKey(option)) {
        flags.remove(CLEARS.get(option));
      } else if (isPropagation(option)) {
        propagation.add(Propagation.valueOf(option.toUpperCase(Locale.ROOT)));
      } else {
        data.add(option);
      }
    }
    return new MountOptions(flags, propagation, String.join(",", data));
  }

  private static boolean isPropagation(String option) {
    for (Propagation p : Propagation.values()) {
      if (p.name().toLowerCase(Locale.ROOT).equals(option)) {
        return true;
      }
    }
    return false;
  }
}
