package io.rustyrun.runtime.cgroup;

import java.nio.file.Path;

/**
 * The cgroup v1 cpu controller (CFS bandwidth, kernel {@code Documentation/scheduler/sched-bwc.rst}).
 *
 * <pre>{@code
 * new V1Cpu(dir).apply(new CpuLimits(512L, 50_000L, 100_000L, null, null));
 * // cpu.shares = "512", cpu.cfs_period_us = "100000", cpu.cfs_quota_us = "50000"
 * }</pre>
 */
final class V1Cpu {
  private final Path dir;

  V1Cpu(Path dir) {
    this.dir = dir;
  }

  void apply(CpuLimits cpu) {
    if (cpu.shares() != null) {
      new CgroupFile(dir, "cpu.shares").write(Long.toString(cpu.shares()), "set cpu shares " + cpu.shares());
    }
    // The period first: the kernel checks quota against the period in force.
    if (cpu.period() != null) {
      new CgroupFile(dir, "cpu.cfs_period_us").write(Long.toString(cpu.period()), "set cpu period " + cpu.period() + "us");
    }
    if (cpu.quota() != null) {
      new CgroupFile(dir, "cpu.cfs_quota_us").write(Long.toString(cpu.quota()),
          "set cpu quota " + (cpu.quota() == -1 ? "unlimited" : cpu.quota() + "us"));
    }
  }
}
