package io.rustyrun.runtime;

/**
 * The container's init was killed by the kernel's OOM killer: its cgroup's memory limit was
 * too low for it. {@code run} still exits with the container's status (137).
 *
 * <pre>{@code
 * throw new ContainerOomException("web-1", 137);
 * }</pre>
 */
public final class ContainerOomException extends ContainerException {
  private static final long serialVersionUID = 1L;

  private final int exitCode;

  public ContainerOomException(String id, int exitCode) {
    super("container \"" + id + "\" was killed by the OOM killer (its memory limit is too low)", null);
    this.exitCode = exitCode;
  }

  /** The container's exit status, 137 (128 + SIGKILL). */
  public int exitCode() {
    return exitCode;
  }
}
