package io.rustyrun.spec;

/**
 * The pids cgroup limit, e.g. {@code pids: {limit: 100}}.
 *
 * @param limit the maximum number of processes, {@code -1} for unlimited, {@code null} unchanged
 */
public record PidsSpec(Long limit) {

  /** Nothing set. */
  public static final PidsSpec NONE = new PidsSpec(null);
}
