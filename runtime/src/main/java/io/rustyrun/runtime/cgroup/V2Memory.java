package io.rustyrun.runtime.cgroup;

import static io.rustyrun.runtime.cgroup.MemoryLimits.UNLIMITED;
import static io.rustyrun.runtime.cgroup.MemoryLimits.human;

import java.nio.file.Path;

/**
 * The cgroup v2 memory controller (kernel {@code Documentation/admin-guide/cgroup-v2.rst},
 * "Memory"): {@code memory.max}, {@code memory.low} and {@code memory.swap.max}.
 *
 * <pre>{@code
 * new V2Memory(dir).apply(new MemoryLimits(100L << 20, null, 300L << 20));
 * // memory.swap.max = "209715200" (swap alone), memory.max = "104857600"
 * }</pre>
 */
final class V2Memory {
  static final String MAX = "memory.max";
  static final String LOW = "memory.low";
  static final String SWAP_MAX = "memory.swap.max";

  private final Path dir;

  V2Memory(Path dir) {
    this.dir = dir;
  }

  void apply(MemoryLimits memory) {
    String swap = swapMax(memory);
    // runc writes swap first; v2 does not tie the two together, so no order can fail.
    if (swap != null) {
      writeSwap(swap);
    }
    if (memory.limit() != null) {
      new CgroupFile(dir, MAX).write(value(memory.limit()), "set memory limit " + human(memory.limit()));
    }
    if (memory.reservation() != null) {
      new CgroupFile(dir, LOW).write(value(memory.reservation()), "set memory reservation " + human(memory.reservation()));
    }
  }

  /**
   * OCI's swap is memory plus swap, v2's {@code memory.swap.max} is swap alone (runc's {@code
   * ConvertMemorySwapToCgroupV2Value}): unlimited memory without a swap value also means
   * unlimited swap, and a swap limit needs a memory limit to subtract.
   */
  static String swapMax(MemoryLimits memory) {
    Long limit = memory.limit();
    Long swap = memory.swap();
    if (swap == null) {
      return limit != null && limit == UNLIMITED ? "max" : null;
    }
    if (swap == UNLIMITED) {
      return "max";
    }
    if (limit == null || limit == UNLIMITED) {
      throw new CgroupException("cannot set memory+swap limit " + human(swap) + " without a memory limit");
    }
    if (swap < limit) {
      throw new CgroupException("memory+swap limit " + human(swap) + " is below the memory limit " + human(limit));
    }
    return Long.toString(swap - limit);
  }

  /** Without swap support there is no {@code memory.swap.max}: "no swap" and "any swap" hold anyway. */
  private void writeSwap(String value) {
    CgroupFile file = new CgroupFile(dir, SWAP_MAX);
    if (!file.exists() && (value.equals("max") || value.equals("0"))) {
      return;
    }
    file.write(value, "set swap limit " + (value.equals("max") ? "unlimited" : human(Long.parseLong(value))));
  }

  private static String value(long bytes) {
    return bytes == UNLIMITED ? "max" : Long.toString(bytes);
  }

  /** The {@code oom_kill} counter of {@code memory.events}, 0 if absent. */
  long oomKills() {
    return new CgroupFile(dir, "memory.events").keyed("oom_kill", "read the OOM kill count").orElse(0L);
  }
}
