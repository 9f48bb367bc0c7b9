package io.rustyrun.runtime.cgroup;

import java.util.List;

/**
 * The limits to apply to a container's cgroup, resolved from {@code linux.resources} (or an
 * {@code update --resources} file) by {@code io.rustyrun.runtime.CgroupResolver}.
 *
 * <pre>{@code
 * new CgroupResources(new MemoryLimits(100L << 20, null, null), CpuLimits.NONE, 64L,
 *     List.of(DeviceRule.DENY_ALL, DeviceRule.allow(DeviceRule.Type.CHAR, 1, 3, "rwm")))
 * }</pre>
 *
 * @param memory memory limits
 * @param cpu CPU and cpuset limits
 * @param pidsLimit the maximum number of processes, {@code -1} unlimited, {@code null} unchanged
 * @param devices device rules in the order they are written; empty leaves the rules unchanged
 *     (a new container gets {@link DeviceRule#DENY_ALL} first, then its allow list)
 */
public record CgroupResources(MemoryLimits memory, CpuLimits cpu, Long pidsLimit, List<DeviceRule> devices) {

  /** Nothing to change. */
  public static final CgroupResources NONE = new CgroupResources(MemoryLimits.NONE, CpuLimits.NONE, null, List.of());

  public CgroupResources {
    devices = List.copyOf(devices);
  }
}
