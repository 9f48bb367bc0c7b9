package io.rustyrun.runtime.lifecycle;

import java.util.Locale;

/**
 * A container's status, as the OCI runtime-spec names them.
 *
 * <pre>{@code
 * Status.RUNNING.ociName();   // "running"
 * }</pre>
 */
public enum Status {
  /** The state directory exists, init is not ready yet. */
  CREATING,
  /** init is set up and waits for {@code start}. */
  CREATED,
  /** The program runs. */
  RUNNING,
  /** The container's cgroup is frozen. */
  PAUSED,
  /** init has exited. */
  STOPPED;

  public String ociName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
