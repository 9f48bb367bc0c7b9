package io.rustyrun.spec;

/**
 * Memory cgroup limits in bytes, e.g. {@code memory: {limit: 268435456, swap: 536870912}}.
 * {@code null} leaves a value unchanged; {@code -1} means unlimited.
 *
 * @param limit the memory limit
 * @param reservation the soft limit
 * @param swap the memory + swap limit (not swap alone), at least {@code limit}
 * @param kernel the kernel memory limit (deprecated, ignored by kernels since 5.4)
 * @param kernelTCP the kernel TCP buffer limit
 * @param swappiness 0 .. 100
 * @param disableOOMKiller whether the OOM killer is disabled
 * @param useHierarchy whether accounting is hierarchical (cgroup v1)
 * @param checkBeforeUpdate whether an update below current usage is refused
 */
public record MemorySpec(
    Long limit,
    Long reservation,
    Long swap,
    Long kernel,
    Long kernelTCP,
    Long swappiness,
    Boolean disableOOMKiller,
    Boolean useHierarchy,
    Boolean checkBeforeUpdate) {

  /** Nothing set. */
  public static final MemorySpec NONE = new MemorySpec(null, null, null, null, null, null, null, null, null);
}
