package io.rustyrun.runtime.sys;

/**
 * A kernel call failed. The message names the call with its arguments and the errno, following
 * runc's {@code mountError}:
 *
 * <pre>{@code
 * mount(src="proc", dst="/rootfs/proc", type="proc", flags=MS_NOSUID|MS_NODEV|MS_NOEXEC): EPERM (operation not permitted)
 * }</pre>
 *
 * <p>Deep code throws this fact; the CLI maps {@link #errno()} (and the call name) to a hint.
 */
public final class SyscallException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String call;
  private final String arguments;
  private final Errno errno;

  /**
   * @param call the kernel call's name, e.g. {@code "mount"}
   * @param arguments the rendered arguments, e.g. {@code src="proc", dst="/proc"}
   * @param errno what the kernel answered
   */
  public SyscallException(String call, String arguments, Errno errno) {
    this(call, arguments, errno, "");
  }

  /**
   * @param detail what the kernel said besides the errno, e.g. the BPF verifier's log; shown on
   *     the lines after the call, nothing when empty
   */
  public SyscallException(String call, String arguments, Errno errno, String detail) {
    super(call + "(" + arguments + "): " + errno.describe() + (detail.isEmpty() ? "" : "\n" + detail));
    this.call = call;
    this.arguments = arguments;
    this.errno = errno;
  }

  /** The call's name, e.g. {@code "pivot_root"}. */
  public String call() {
    return call;
  }

  /** The rendered arguments. */
  public String arguments() {
    return arguments;
  }

  public Errno errno() {
    return errno;
  }
}
