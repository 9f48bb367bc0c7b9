package io.rustyrun.runtime.cgroup;

/**
 * CPU limits, e.g. {@code new CpuLimits(null, 50_000L, 100_000L, "0-1", null)} (half a CPU, on
 * CPUs 0 and 1). {@code null} leaves a value unchanged.
 *
 * @param shares the relative weight ({@code cpu.shares}; converted to v2 {@code cpu.weight})
 * @param quota microseconds per period, {@code -1} for unlimited
 * @param period the quota period in microseconds
 * @param cpus the cpuset CPU list, e.g. {@code 0-3,8}
 * @param mems the cpuset memory node list
 */
public record CpuLimits(Long shares, Long quota, Long period, String cpus, String mems) {

  /** Nothing set. */
  public static final CpuLimits NONE = new CpuLimits(null, null, null, null, null);

  boolean hasCpuset() {
    return cpus != null || mems != null;
  }

  boolean hasCpu() {
    return shares != null || quota != null || period != null;
  }
}
