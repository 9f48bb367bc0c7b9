package io.rustyrun.runtime;

/**
 * Preparing the container failed before its program started: a rootfs that does not exist, a
 * mount that the kernel refused, a {@code cwd} missing in the rootfs. Exit status 125.
 *
 * <pre>{@code
 * new ContainerSetupException("cwd \"/work\" does not exist in the container", cause)
 * }</pre>
 */
public final class ContainerSetupException extends ContainerException {
  private static final long serialVersionUID = 1L;

  public ContainerSetupException(String message) {
    super(message, null);
  }

  public ContainerSetupException(String message, Throwable cause) {
    super(message, cause);
  }
}
