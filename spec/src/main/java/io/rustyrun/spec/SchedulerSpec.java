package io.rustyrun.spec;

import java.util.List;

/**
 * The {@code sched_setattr(2)} attributes of the process, e.g. {@code scheduler: {policy:
 * SCHED_BATCH, nice: 5}}.
 *
 * @param policy a {@code SCHED_*} policy
 * @param nice the nice value, -20 .. 19
 * @param priority the static priority (real-time policies)
 * @param flags {@code SCHED_FLAG_*} names
 * @param runtime SCHED_DEADLINE runtime in nanoseconds
 * @param deadline SCHED_DEADLINE deadline in nanoseconds
 * @param period SCHED_DEADLINE period in nanoseconds
 */
public record SchedulerSpec(
    String policy, int nice, int priority, List<String> flags, long runtime, long deadline, long period) {

  public SchedulerSpec {
    policy = Defaults.string(policy);
    flags = Defaults.list(flags);
  }
}
