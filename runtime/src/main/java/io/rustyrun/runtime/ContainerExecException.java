package io.rustyrun.runtime;

/**
 * The container's program could not be executed: not found (exit status 127) or found but not
 * executable (126), the chroot convention podman and Docker follow.
 *
 * <pre>{@code
 * new ContainerExecException("command \"nosuch\" not found in $PATH", 127)
 * }</pre>
 */
public final class ContainerExecException extends ContainerException {
  private static final long serialVersionUID = 1L;

  /** The exit status of a command that does not exist. */
  public static final int NOT_FOUND = 127;

  /** The exit status of a command that exists but cannot be executed. */
  public static final int NOT_EXECUTABLE = 126;

  private final int exitCode;

  public ContainerExecException(String message, int exitCode) {
    super(message, null);
    this.exitCode = exitCode;
  }

  /** 127 or 126. */
  public int exitCode() {
    return exitCode;
  }
}
