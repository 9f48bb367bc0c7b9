package io.rustyrun.runtime.seccomp;

import java.util.HashSet;
import java.util.Set;

/**
 * Every syscall name rustyrun knows on any architecture, e.g.
 *
 * <pre>{@code
 * KnownSyscalls known = KnownSyscalls.load();
 * known.contains("vm86");  // true: an i386 syscall, which an x86_64 filter skips
 * known.contains("mkdri"); // false: a typo
 * }</pre>
 *
 * <p>Profiles are written for many architectures at once: podman's default lists i386, arm,
 * ppc and mips syscalls next to x86_64 ones. Such a name is skipped where it does not exist, as
 * runc does; only a name that no architecture has is a mistake worth an error. The foreign names
 * ({@code syscalls-foreign.txt}) come from Debian 12's i386, x32, armhf, ppc64el, s390x and
 * mips64el kernel headers.
 */
public final class KnownSyscalls {
  private final Set<String> names;

  private KnownSyscalls(Set<String> names) {
    this.names = Set.copyOf(names);
  }

  public static KnownSyscalls load() {
    Set<String> names = new HashSet<>();
    for (Arch arch : Arch.values()) {
      for (String[] row : TableResource.read("syscalls-" + arch + ".txt")) {
        names.add(row[0]);
      }
    }
    for (String[] row : TableResource.read("syscalls-foreign.txt")) {
      names.add(row[0]);
    }
    return new KnownSyscalls(names);
  }

  public boolean contains(String name) {
    return names.contains(name);
  }
}
