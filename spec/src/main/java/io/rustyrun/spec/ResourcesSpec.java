package io.rustyrun.spec;

import java.util.List;
import java.util.Map;

/**
 * The cgroup limits of a container, e.g. {@code resources: {memory: {limit: 268435456}, pids:
 * {limit: 100}}}; also the whole content of an {@code update --resources} file (see {@link
 * SpecLoader#loadResources}).
 *
 * <p>Absent parts are empty records whose fields are all {@code null} ("leave unchanged").
 *
 * @param devices device cgroup rules, in order
 * @param memory memory limits
 * @param cpu CPU limits
 * @param pids the process count limit
 * @param blockIO block I/O weights and throttles
 * @param hugepageLimits hugetlb limits by page size
 * @param network network class id and priorities
 * @param rdma RDMA limits by device
 * @param unified raw cgroup v2 files to write, e.g. {@code {"memory.high": "1G"}}
 */
public record ResourcesSpec(
    List<DeviceRuleSpec> devices,
    MemorySpec memory,
    CpuSpec cpu,
    PidsSpec pids,
    BlockIoSpec blockIO,
    List<HugepageLimitSpec> hugepageLimits,
    NetworkSpec network,
    Map<String, RdmaSpec> rdma,
    Map<String, String> unified) {

  /** No limits. */
  public static final ResourcesSpec NONE = new ResourcesSpec(null, null, null, null, null, null, null, null, null);

  public ResourcesSpec {
    devices = Defaults.list(devices);
    memory = Defaults.orElse(memory, MemorySpec.NONE);
    cpu = Defaults.orElse(cpu, CpuSpec.NONE);
    pids = Defaults.orElse(pids, PidsSpec.NONE);
    blockIO = Defaults.orElse(blockIO, BlockIoSpec.NONE);
    hugepageLimits = Defaults.list(hugepageLimits);
    network = Defaults.orElse(network, NetworkSpec.NONE);
    rdma = Defaults.map(rdma);
    unified = Defaults.map(unified);
  }
}
