package io.rustyrun.runtime.cgroup;

import static io.rustyrun.runtime.cgroup.MemoryLimits.UNLIMITED;
import static io.rustyrun.runtime.cgroup.MemoryLimits.human;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The cgroup v1 memory controller (kernel {@code Documentation/admin-guide/cgroup-v1/memory.rst}).
 *
 * <pre>{@code
 * new V1Memory(dir).apply(new MemoryLimits(100L << 20, null, 200L << 20));
 * // memory.limit_in_bytes = "104857600", memory.memsw.limit_in_bytes = "209715200"
 * }</pre>
 */
final class V1Memory {
  static final String LIMIT = "memory.limit_in_bytes";
  static final String SWAP = "memory.memsw.limit_in_bytes";
  static final String SOFT_LIMIT = "memory.soft_limit_in_bytes";

  private final Path dir;

  V1Memory(Path dir) {
    this.dir = dir;
  }

  void apply(MemoryLimits memory) {
    for (CgroupWrite write : plan(memory)) {
      try {
        write.to(dir);
      } catch (CgroupException e) {
        throw write.file().equals(LIMIT) ? withUsage(e) : e;
      }
    }
  }

  List<CgroupWrite> plan(MemoryLimits memory) {
    Long swap = swapToWrite(memory);
    Long limit = memory.limit();
    boolean both = limit != null && swap != null;
    List<CgroupWrite> writes = new ArrayList<>(order(limit, swap, both ? currentLimit() : 0));
    if (memory.reservation() != null) {
      writes.add(new CgroupWrite(SOFT_LIMIT, Long.toString(memory.reservation()),
          "set memory reservation " + human(memory.reservation())));
    }
    return writes;
  }

  /**
   * The kernel keeps memsw >= memory at every moment, so the order of the two writes depends on
   * whether the limits grow or shrink (runc's {@code setMemoryAndSwap}): when the new memsw is
   * above the current memory limit, memsw goes first, else the memory limit does.
   */
  static List<CgroupWrite> order(Long limit, Long swap, long currentLimit) {
    List<CgroupWrite> writes = new ArrayList<>();
    if (limit != null) {
      writes.add(new CgroupWrite(LIMIT, Long.toString(limit), "set memory limit " + human(limit)));
    }
    if (swap != null) {
      CgroupWrite swapWrite = new CgroupWrite(SWAP, Long.toString(swap), "set memory+swap limit " + human(swap));
      boolean swapFirst = limit != null && (swap == UNLIMITED || currentLimit < swap);
      writes.add(swapFirst ? 0 : writes.size(), swapWrite);
    }
    return writes;
  }

  /**
   * The memsw value to write, or null. An unlimited memory limit without a swap value means
   * unlimited swap too (else the old memsw limit would still cap memory). Without swap
   * accounting ({@code swapaccount=0}, or no swap support) there is no memsw file: unlimited swap
   * then needs nothing, a real swap limit cannot be honoured and is an error.
   */
  private Long swapToWrite(MemoryLimits memory) {
    Long swap = memory.swap();
    if (swap == null && memory.limit() != null && memory.limit() == UNLIMITED) {
      swap = UNLIMITED;
    }
    if (swap != null && !new CgroupFile(dir, SWAP).exists()) {
      if (swap == UNLIMITED) {
        return null;
      }
      throw new CgroupException("cannot set memory+swap limit " + human(swap) + ": swap accounting is off (\""
          + dir.resolve(SWAP) + "\" does not exist)");
    }
    return swap;
  }

  private long currentLimit() {
    return number(LIMIT, "read the memory limit");
  }

  /** EBUSY means the limit is below what the cgroup already uses: say how much that is. */
  private CgroupException withUsage(CgroupException e) {
    if (!e.getMessage().endsWith("Device or resource busy")) {
      return e;
    }
    String read = "read the memory usage";
    return new CgroupException(e.getMessage() + " (current usage " + human(number("memory.usage_in_bytes", read))
        + ", peak " + human(number("memory.max_usage_in_bytes", read)) + ")", e.getCause());
  }

  private long number(String file, String what) {
    CgroupFile cgroupFile = new CgroupFile(dir, file);
    return cgroupFile.parseLong(cgroupFile.read(what), what);
  }

  /** The {@code oom_kill} counter of {@code memory.oom_control} (kernel 4.13+), 0 if absent. */
  long oomKills() {
    return new CgroupFile(dir, "memory.oom_control").keyed("oom_kill", "read the OOM kill count").orElse(0L);
  }
}
