package io.rustyrun.runtime.sys;

/**
 * How a process ended, decoded from waitpid(2)'s status word.
 *
 * <pre>{@code
 * WaitStatus.decode(0x0100).exitCode();   // 1: exited with 1
 * WaitStatus.decode(0x0009).exitCode();   // 137: killed by SIGKILL, shell convention
 * }</pre>
 *
 * @param raw the status word
 */
public record WaitStatus(int raw) {
  public static WaitStatus decode(int raw) {
    return new WaitStatus(raw);
  }

  /** A status as if the process had exited with {@code code}. */
  public static WaitStatus exited(int code) {
    return new WaitStatus((code & 0xff) << 8);
  }

  public boolean signaled() {
    int sig = raw & 0x7f;
    return sig != 0 && sig != 0x7f;
  }

  /** The signal that killed the process (only if {@link #signaled()}). */
  public int signal() {
    return raw & 0x7f;
  }

  /** The exit status, or 128+N when killed by signal N. */
  public int exitCode() {
    return signaled() ? 128 + signal() : (raw >> 8) & 0xff;
  }
}
