package io.rustyrun.runtime.cgroup;

/**
 * Memory limits in bytes, e.g. {@code new MemoryLimits(256L << 20, null, 512L << 20)} (256 MiB of
 * memory, 512 MiB of memory plus swap). {@code null} leaves a value unchanged, {@code -1} means
 * unlimited.
 *
 * @param limit the hard limit ({@code memory.limit_in_bytes}, v2 {@code memory.max})
 * @param reservation the soft limit ({@code memory.soft_limit_in_bytes}, v2 {@code memory.low})
 * @param swap memory plus swap, as OCI and cgroup v1 {@code memory.memsw.limit_in_bytes} count it
 *     (v2 {@code memory.swap.max} counts swap alone: {@code swap - limit})
 */
public record MemoryLimits(Long limit, Long reservation, Long swap) {

  /** Nothing set. */
  public static final MemoryLimits NONE = new MemoryLimits(null, null, null);

  public static final long UNLIMITED = -1;

  boolean isEmpty() {
    return equals(NONE);
  }

  /** {@code 100m}, {@code 1g}, {@code 12345} or {@code unlimited}, for messages. */
  static String human(long bytes) {
    if (bytes == UNLIMITED) {
      return "unlimited";
    }
    String[] units = {"g", "m", "k"};
    int[] shifts = {30, 20, 10};
    for (int i = 0; i < units.length; i++) {
      long unit = 1L << shifts[i];
      if (bytes > 0 && bytes % unit == 0) {
        return bytes / unit + units[i];
      }
    }
    return Long.toString(bytes);
  }
}
