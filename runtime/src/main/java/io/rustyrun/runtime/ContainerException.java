package io.rustyrun.runtime;

/**
 * A container could not be set up, started or found. Each subtype is one kind of failure; the
 * message says what failed and on which object (user values in double quotes), and the CLI adds
 * the hint and the exit code.
 *
 * <pre>{@code
 * throw new ContainerSetupException("rootfs \"/x/rootfs\" does not exist");
 * }</pre>
 */
public abstract sealed class ContainerException extends RuntimeException
    permits ContainerSetupException, ContainerExecException, ContainerOomException {
  private static final long serialVersionUID = 1L;

  ContainerException(String message, Throwable cause) {
    super(message, cause);
  }
}
