package io.rustyrun.runtime.cgroup;

/**
 * A cgroup operation failed; the message names the operation, the file, the value and the
 * kernel's reason.
 *
 * <pre>{@code
 * throw new CgroupException("cannot set memory limit 100m: write \"104857600\" to "
 *     + "\"/sys/fs/cgroup/memory/x/memory.limit_in_bytes\": Device or resource busy", e);
 * }</pre>
 *
 * <p>This package cannot throw {@code ContainerSetupException} itself (that would make a package
 * cycle with {@code io.rustyrun.runtime}); {@code CgroupResolver} converts at the boundary.
 */
public final class CgroupException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public CgroupException(String message) {
    super(message);
  }

  public CgroupException(String message, Throwable cause) {
    super(message, cause);
  }
}
