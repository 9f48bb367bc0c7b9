package io.rustyrun.spec;

/**
 * CPU cgroup limits, e.g. {@code cpu: {quota: 50000, period: 100000, cpus: "0-1"}} (half a CPU on
 * CPUs 0 and 1). {@code null} leaves a value unchanged.
 *
 * @param shares the relative weight (cgroup v1 {@code cpu.shares}), at least 2
 * @param quota microseconds per period, or {@code -1} for unlimited
 * @param burst extra microseconds that may accumulate
 * @param period the quota period in microseconds, 1000 .. 1000000
 * @param realtimeRuntime real-time microseconds per real-time period
 * @param realtimePeriod the real-time period in microseconds
 * @param cpus the cpuset CPUs, empty for all
 * @param mems the cpuset memory nodes, empty for all
 * @param idle 1 for {@code SCHED_IDLE} weight, 0 for normal
 */
public record CpuSpec(
    Long shares,
    Long quota,
    Long burst,
    Long period,
    Long realtimeRuntime,
    Long realtimePeriod,
    String cpus,
    String mems,
    Long idle) {

  /** Nothing set. */
  public static final CpuSpec NONE = new CpuSpec(null, null, null, null, null, null, null, null, null);

  public CpuSpec {
    cpus = Defaults.string(cpus);
    mems = Defaults.string(mems);
  }
}
