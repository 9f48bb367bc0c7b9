package io.rustyrun.runtime.sys;

import java.util.Collection;
import java.util.Optional;

/**
 * Linux capabilities; the ordinal is the kernel's number ({@code CAP_CHOWN} = 0 ...
 * {@code CAP_CHECKPOINT_RESTORE} = 40, linux/capability.h).
 *
 * <pre>{@code
 * Capability.parse("CAP_NET_RAW");                              // NET_RAW
 * Capability.mask(List.of(Capability.KILL, Capability.CHOWN));  // 0x21
 * }</pre>
 */
public enum Capability {
  CHOWN,
  DAC_OVERRIDE,
  DAC_READ_SEARCH,
  FOWNER,
  FSETID,
  KILL,
  SETGID,
  SETUID,
  SETPCAP,
  LINUX_IMMUTABLE,
  NET_BIND_SERVICE,
  NET_BROADCAST,
  NET_ADMIN,
  NET_RAW,
  IPC_LOCK,
  IPC_OWNER,
  SYS_MODULE,
  SYS_RAWIO,
  SYS_CHROOT,
  SYS_PTRACE,
  SYS_PACCT,
  SYS_ADMIN,
  SYS_BOOT,
  SYS_NICE,
  SYS_RESOURCE,
  SYS_TIME,
  SYS_TTY_CONFIG,
  MKNOD,
  LEASE,
  AUDIT_WRITE,
  AUDIT_CONTROL,
  SETFCAP,
  MAC_OVERRIDE,
  MAC_ADMIN,
  SYSLOG,
  WAKE_ALARM,
  BLOCK_SUSPEND,
  AUDIT_READ,
  PERFMON,
  BPF,
  CHECKPOINT_RESTORE;

  /** The capability named {@code CAP_X}, as the OCI spec writes it. */
  public static Optional<Capability> parse(String name) {
    if (!name.startsWith("CAP_")) {
      return Optional.empty();
    }
    for (Capability c : values()) {
      if (c.name().equals(name.substring(4))) {
        return Optional.of(c);
      }
    }
    return Optional.empty();
  }

  /** The kernel's number for this capability. */
  public int number() {
    return ordinal();
  }

  /** The set as the 64-bit mask that capset(2) and /proc/PID/status use. */
  public static long mask(Collection<Capability> caps) {
    long mask = 0;
    for (Capability c : caps) {
      mask |= 1L << c.ordinal();
    }
    return mask;
  }
}
