package io.rustyrun.spec;

import static io.rustyrun.spec.Checks.join;
import static io.rustyrun.spec.Checks.quote;

import java.util.List;
import java.util.regex.Pattern;

/**
 * The rules of {@code linux.resources}: values the kernel would reject or that mean nothing, e.g.
 * a memory limit of -5 or a CPU period of 0. Absent ({@code null}) values are always fine.
 */
final class ResourceRules {

  /** cpuset lists: {@code 0-3,8}. */
  private static final Pattern CPU_LIST = Pattern.compile("\\d+(-\\d+)?(,\\d+(-\\d+)?)*");

  private static final Pattern PAGE_SIZE = Pattern.compile("\\d+[KMGTP]?B");

  /** cgroup v1 blkio.weight and v2 io.bfq.weight limits. */
  private static final int MIN_WEIGHT = 10;
  private static final int MAX_WEIGHT = 1000;

  private final Checks checks;

  ResourceRules(Checks checks) {
    this.checks = checks;
  }

  /** @param prefix {@code linux.resources}, or empty for a resources file */
  void validate(ResourcesSpec resources, String prefix) {
    validateDeviceRules(resources.devices(), join(prefix, "devices"));
    validateMemory(resources.memory(), join(prefix, "memory"));
    validateCpu(resources.cpu(), join(prefix, "cpu"));
    atLeastMinusOne(join(prefix, "pids.limit"), resources.pids().limit(), "processes");
    validateBlockIo(resources.blockIO(), join(prefix, "blockIO"));
    for (int i = 0; i < resources.hugepageLimits().size(); i++) {
      String pageSize = resources.hugepageLimits().get(i).pageSize();
      if (!PAGE_SIZE.matcher(pageSize).matches()) {
        checks.fail(join(prefix, "hugepageLimits[" + i + "].pageSize"),
            quote(pageSize) + " is not a page size", "write it as <size><unit>B, e.g. 2MB or 1GB");
      }
    }
  }

  private void validateDeviceRules(List<DeviceRuleSpec> rules, String field) {
    for (int i = 0; i < rules.size(); i++) {
      DeviceRuleSpec rule = rules.get(i);
      String prefix = field + "[" + i + "]";
      if (!rule.type().isEmpty() && !KnownNames.DEVICE_RULE_TYPES.contains(rule.type())) {
        checks.fail(prefix + ".type", "unknown device type " + quote(rule.type()), "use a (all), c (character) or b (block)");
      }
      if (!rule.access().matches("[rwm]*")) {
        checks.fail(prefix + ".access", quote(rule.access()) + " is not a combination of r, w and m");
      }
    }
  }

  /** memory.swap is OCI's memory+swap total (cgroup v1 memsw), so it cannot be below the limit. */
  private void validateMemory(MemorySpec memory, String field) {
    atLeastMinusOne(field + ".limit", memory.limit(), "bytes");
    atLeastMinusOne(field + ".reservation", memory.reservation(), "bytes");
    atLeastMinusOne(field + ".swap", memory.swap(), "bytes");
    atLeastMinusOne(field + ".kernel", memory.kernel(), "bytes");
    atLeastMinusOne(field + ".kernelTCP", memory.kernelTCP(), "bytes");
    checks.range(field + ".swappiness", memory.swappiness(), 0, 100);
    Long limit = memory.limit();
    Long swap = memory.swap();
    if (limit != null && swap != null && limit > 0 && swap > 0 && swap < limit) {
      checks.fail(field + ".swap", "memory+swap limit " + swap + " is below the memory limit " + limit,
          "swap is memory plus swap: set it to at least the memory limit, or -1 for unlimited swap");
    }
  }

  private void validateCpu(CpuSpec cpu, String field) {
    // cpu.shares below 2 is silently raised to 2 by the kernel: 0 or 1 is a mistake.
    if (cpu.shares() != null && cpu.shares() < 2) {
      checks.fail(field + ".shares", "must be at least 2, got " + cpu.shares());
    }
    if (cpu.quota() != null && (cpu.quota() == 0 || cpu.quota() < -1)) {
      checks.fail(field + ".quota", "must be -1 (unlimited) or a positive number of microseconds, got " + cpu.quota());
    }
    // The kernel's limits for cpu.cfs_period_us (1 ms .. 1 s).
    checks.range(field + ".period", cpu.period(), 1000, 1_000_000);
    nonNegative(field + ".burst", cpu.burst());
    atLeastMinusOne(field + ".realtimeRuntime", cpu.realtimeRuntime(), "microseconds");
    nonNegative(field + ".realtimePeriod", cpu.realtimePeriod());
    checks.range(field + ".idle", cpu.idle(), 0, 1);
    cpuList(field + ".cpus", cpu.cpus());
    cpuList(field + ".mems", cpu.mems());
  }

  private void validateBlockIo(BlockIoSpec blockIo, String field) {
    checks.range(field + ".weight", blockIo.weight(), MIN_WEIGHT, MAX_WEIGHT);
    checks.range(field + ".leafWeight", blockIo.leafWeight(), MIN_WEIGHT, MAX_WEIGHT);
    for (int i = 0; i < blockIo.weightDevice().size(); i++) {
      checks.range(field + ".weightDevice[" + i + "].weight", blockIo.weightDevice().get(i).weight(), MIN_WEIGHT, MAX_WEIGHT);
    }
  }

  private void atLeastMinusOne(String field, Long value, String unit) {
    if (value != null && value < -1) {
      checks.fail(field, "must be -1 (unlimited) or a number of " + unit + ", got " + value);
    }
  }

  private void nonNegative(String field, Long value) {
    if (value != null && value < 0) {
      checks.fail(field, "must not be negative, got " + value);
    }
  }

  private void cpuList(String field, String list) {
    if (!list.isEmpty() && !CPU_LIST.matcher(list).matches()) {
      checks.fail(field, quote(list) + " is not a list of numbers and ranges", "e.g. 0-3,8");
    }
  }
}
