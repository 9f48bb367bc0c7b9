package io.rustyrun.runtime.cgroup;

import static io.rustyrun.runtime.cgroup.MemoryLimits.UNLIMITED;
import static io.rustyrun.runtime.cgroup.MemoryLimits.human;

import java.nio.file.Path;

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
  static final String OOM_CONTROL = "memory.oom_control";

  private final Path dir;

  V1Memory(Path dir) {
    this.dir = dir;
  }

  void apply(MemoryLimits memory) {
    applyLimitAndSwap(memory.limit(), swapToWrite(memory));
    if (memory.reservation() != null) {
      new CgroupFile(dir, SOFT_LIMIT).write(Long.toString(memory.reservation()),
          "set memory reservation " + human(memory.reservation()));
    }
  }

  /**
   * The kernel keeps memsw >= memory at every moment, so the order of the two writes depends on
   * whether the limits grow or shrink (runc's {@code setMemoryAndSwap}): raising both must raise
   * memsw first, lowering both must lower the memory limit first.
   */
  private void applyLimitAndSwap(Long limit, Long swap) {
    if (limit != null && swap != null && (swap == UNLIMITED || currentLimit() < swap)) {
      writeSwap(swap);
      writeLimit(limit);
      return;
    }
    if (limit != null) {
      writeLimit(limit);
    }
    if (swap != null) {
      writeSwap(swap);
    }
  }

  /**
   * The memsw value to write, or null. An unlimited memory limit without a swap value means
   * unlimited swap too (else the old memsw limit would still cap memory). Without swap
   * accounting ({@code swapaccount=0}, or no swap support) there is no memsw file: unlimited swap
   * then needs nothing, a real swap limit cannot be honoured and is an error.
   */
  private Long swapToWrite(MemoryLimits memory) {
    boolean accounted = new CgroupFile(dir, SWAP).exists();
    Long swap = memory.swap();
    if (swap == null && memory.limit() != null && memory.limit() == UNLIMITED) {
      swap = UNLIMITED;
    }
    if (swap != null && !accounted) {
      if (swap == UNLIMITED) {
        return null;
      }
      throw new CgroupException("cannot set memory+swap limit " + human(swap) + ": swap accounting is off (\""
          + dir.resolve(SWAP) + "\" does not exist)");
    }
    return swap;
  }

  private long currentLimit() {
    CgroupFile file = new CgroupFile(dir, LIMIT);
    return file.parseLong(file.read("read the memory limit"), "read the memory limit");
  }

  private void writeLimit(long limit) {
    String what = "set memory limit " + human(limit);
    try {
      new CgroupFile(dir, LIMIT).write(Long.toString(limit), what);
    } catch (CgroupException e) {
      throw withUsage(e, what);
    }
  }

  private void writeSwap(long swap) {
    new CgroupFile(dir, SWAP).write(Long.toString(swap), "set memory+swap limit " + human(swap));
  }

  /** EBUSY means the limit is below what the cgroup already uses: say how much that is. */
  private CgroupException withUsage(CgroupException e, String what) {
    if (!e.getMessage().endsWith("Device or resource busy")) {
      return e;
    }
    CgroupFile usage = new CgroupFile(dir, "memory.usage_in_bytes");
    CgroupFile peak = new CgroupFile(dir, "memory.max_usage_in_bytes");
    String read = "read the memory usage";
    return new CgroupException(e.getMessage() + " (current usage " + human(usage.parseLong(usage.read(read), read))
        + ", peak " + human(peak.parseLong(peak.read(read), read)) + ")", e.getCause());
  }

  /** The {@code oom_kill} counter of {@code memory.oom_control} (kernel 4.13+), 0 if absent. */
  long oomKills() {
    return new CgroupFile(dir, OOM_CONTROL).keyed("oom_kill", "read the OOM kill count").orElse(0L);
  }
}
