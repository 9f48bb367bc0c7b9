package io.rustyrun.runtime.config;

/**
 * A seccomp BPF program compiled on the host, as init installs it with
 * {@code seccomp(SECCOMP_SET_MODE_FILTER, flags, &prog)}.
 *
 * <pre>{@code
 * new SeccompFilter(program.bytes(), config.flagBits())
 * }</pre>
 *
 * @param program the {@code struct sock_filter} array, 8 bytes an instruction
 * @param flags {@code SECCOMP_FILTER_FLAG_*} bits
 */
public record SeccompFilter(byte[] program, int flags) {
  public SeccompFilter {
    program = program.clone();
  }

  @Override
  public byte[] program() {
    return program.clone();
  }

  /** The {@code len} of {@code struct sock_fprog}. */
  public int instructions() {
    return program.length / 8;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SeccompFilter f && f.flags == flags && java.util.Arrays.equals(f.program, program);
  }

  @Override
  public int hashCode() {
    return 31 * java.util.Arrays.hashCode(program) + flags;
  }

  @Override
  public String toString() {
    return "SeccompFilter[" + instructions() + " instructions, flags " + flags + "]";
  }
}
