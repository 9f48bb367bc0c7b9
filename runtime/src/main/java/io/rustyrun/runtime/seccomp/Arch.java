package io.rustyrun.runtime.seccomp;

import java.util.Locale;

/**
 * An architecture rustyrun builds filters for, e.g.
 *
 * <pre>{@code
 * SyscallTable table = SyscallTable.load(Arch.host());
 * }</pre>
 *
 * <p>The kernel puts {@code auditArch} into {@code seccomp_data.arch} for every syscall
 * (include/uapi/linux/audit.h), so a filter can tell which syscall table {@code nr} belongs to.
 */
public enum Arch {
  /** AUDIT_ARCH_X86_64 = EM_X86_64 | __AUDIT_ARCH_64BIT | __AUDIT_ARCH_LE. */
  X86_64("x86_64", 0xC000003E),
  /** AUDIT_ARCH_AARCH64 = EM_AARCH64 | __AUDIT_ARCH_64BIT | __AUDIT_ARCH_LE. */
  AARCH64("aarch64", 0xC00000B7);

  private final String displayName;
  private final int auditArch;

  Arch(String displayName, int auditArch) {
    this.displayName = displayName;
    this.auditArch = auditArch;
  }

  /**
   * The architecture this JVM runs on.
   *
   * @throws SeccompException on an architecture rustyrun has no syscall table for
   */
  public static Arch host() {
    String osArch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
    return switch (osArch) {
      case "amd64", "x86_64" -> X86_64;
      case "aarch64", "arm64" -> AARCH64;
      default -> throw new SeccompException(
          "seccomp: rustyrun filters syscalls on x86_64 and aarch64 only, this machine is " + osArch);
    };
  }

  /** The value of {@code seccomp_data.arch} for this architecture's native syscalls. */
  public int auditArch() {
    return auditArch;
  }

  @Override
  public String toString() {
    return displayName;
  }
}
