package io.rustyrun.runtime.cgroup;

import java.nio.file.Path;

/**
 * The cgroup v2 cpu controller: {@code cpu.weight} and {@code cpu.max}.
 *
 * <pre>{@code
 * new V2Cpu(dir).apply(new CpuLimits(1024L, 50_000L, 100_000L, null, null));
 * // cpu.weight = "39", cpu.max = "50000 100000"
 * }</pre>
 */
final class V2Cpu {
  private final Path dir;

  V2Cpu(Path dir) {
    this.dir = dir;
  }

  void apply(CpuLimits cpu) {
    if (cpu.shares() != null) {
      long weight = weight(cpu.shares());
      new CgroupFile(dir, "cpu.weight").write(Long.toString(weight),
          "set cpu weight " + weight + " (from shares " + cpu.shares() + ")");
    }
    String max = max(cpu);
    if (max != null) {
      new CgroupFile(dir, "cpu.max").write(max, "set cpu quota and period \"" + max + "\"");
    }
  }

  /**
   * Maps v1 shares [2, 262144] linearly onto v2 weight [1, 10000] with runc's formula ({@code
   * ConvertCPUSharesToCgroupV2Value}), so 2 becomes 1 and the default 1024 becomes 39.
   */
  static long weight(long shares) {
    return 1 + ((shares - 2) * 9999) / 262142;
  }

  /**
   * {@code "<quota|max> [period]"}, as runc writes it: a period alone keeps an unlimited quota,
   * a quota alone keeps the kernel's period.
   */
  static String max(CpuLimits cpu) {
    if (cpu.quota() == null && cpu.period() == null) {
      return null;
    }
    String quota = cpu.quota() == null || cpu.quota() == -1 ? "max" : Long.toString(cpu.quota());
    return cpu.period() == null ? quota : quota + " " + cpu.period();
  }
}
