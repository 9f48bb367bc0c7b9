package io.rustyrun.runtime.seccomp;

import java.util.List;

/**
 * A compiled filter, ready for the kernel, e.g.
 *
 * <pre>{@code
 * SeccompProgram program = compiler.compile(config);
 * // struct sock_fprog { unsigned short len; struct sock_filter *filter; }: on 64-bit, len at
 * // offset 0 and the pointer to bytes() at offset 8.
 * seccomp(SECCOMP_SET_MODE_FILTER, config.flagBits(), fprog(program.instructionCount(), program.bytes()));
 * }</pre>
 *
 * <p>Installing needs {@code prctl(PR_SET_NO_NEW_PRIVS, 1)} first or CAP_SYS_ADMIN
 * (seccomp(2)); the filter then survives {@code execve}.
 */
public final class SeccompProgram {
  private final Arch arch;
  private final byte[] bytes;
  private final List<String> skippedNames;

  SeccompProgram(Arch arch, byte[] bytes, List<String> skippedNames) {
    this.arch = arch;
    this.bytes = bytes.clone();
    this.skippedNames = List.copyOf(skippedNames);
  }

  /** The architecture the program filters. */
  public Arch arch() {
    return arch;
  }

  /** The {@code struct sock_filter} array, 8 bytes an instruction. */
  public byte[] bytes() {
    return bytes.clone();
  }

  /** The {@code len} of {@code struct sock_fprog}. */
  public int instructionCount() {
    return bytes.length / 8;
  }

  /** Names in the rules that this architecture has no syscall for, sorted: they filter nothing. */
  public List<String> skippedNames() {
    return skippedNames;
  }
}
