package io.rustyrun.runtime.sys;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

/** mount(2) flags ({@code MS_*}), rendered by name in error messages. */
public enum MountFlag {
  RDONLY(1),
  NOSUID(2),
  NODEV(4),
  NOEXEC(8),
  SYNCHRONOUS(16),
  REMOUNT(32),
  MANDLOCK(64),
  DIRSYNC(128),
  NOSYMFOLLOW(256),
  NOATIME(1024),
  NODIRATIME(2048),
  BIND(4096),
  MOVE(8192),
  REC(16384),
  SILENT(32768),
  UNBINDABLE(1 << 17),
  PRIVATE(1 << 18),
  SLAVE(1 << 19),
  SHARED(1 << 20),
  RELATIME(1 << 21),
  STRICTATIME(1 << 24),
  LAZYTIME(1 << 25);

  private final long bit;

  MountFlag(long bit) {
    this.bit = bit;
  }

  public long bit() {
    return bit;
  }

  /** An immutable copy that iterates in declaration order, so messages are stable. */
  public static Set<MountFlag> ordered(Set<MountFlag> flags) {
    return flags.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(flags));
  }

  /** The flags as the kernel wants them. */
  public static long bits(Set<MountFlag> flags) {
    long bits = 0;
    for (MountFlag f : flags) {
      bits |= f.bit;
    }
    return bits;
  }

  /** {@code MS_NOSUID|MS_NODEV}, or {@code 0}. */
  public static String render(Set<MountFlag> flags) {
    return flags.isEmpty()
        ? "0"
        : flags.stream().map(f -> "MS_" + f.name()).collect(Collectors.joining("|"));
  }
}
