package io.rustyrun.runtime;

import io.rustyrun.runtime.cgroup.CgroupException;
import io.rustyrun.runtime.cgroup.CgroupHost;
import io.rustyrun.runtime.cgroup.CgroupManager;
import io.rustyrun.runtime.cgroup.CgroupPath;
import io.rustyrun.runtime.cgroup.CgroupResources;
import io.rustyrun.runtime.cgroup.CpuLimits;
import io.rustyrun.runtime.cgroup.DeviceRule;
import io.rustyrun.runtime.cgroup.FreezerState;
import io.rustyrun.runtime.cgroup.MemoryLimits;
import io.rustyrun.runtime.sys.Syscalls;
import io.rustyrun.spec.BlockIoSpec;
import io.rustyrun.spec.CpuSpec;
import io.rustyrun.spec.DeviceRuleSpec;
import io.rustyrun.spec.DeviceSpec;
import io.rustyrun.spec.LinuxSpec;
import io.rustyrun.spec.MemorySpec;
import io.rustyrun.spec.NetworkSpec;
import io.rustyrun.spec.ResourcesSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The host side of cgroups: turns {@code linux.cgroupsPath} and {@code linux.resources} into a
 * {@link CgroupManager} and {@link CgroupResources}, the only place where the cgroup code meets
 * the spec module. Every failure of the managers it returns is a {@link ContainerSetupException}.
 *
 * <pre>{@code
 * CgroupResolver cgroups = CgroupResolver.forHost(syscalls);
 * CgroupManager cgroup = cgroups.manager(spec.linux(), "web-1");
 * cgroup.create();
 * cgroup.apply(CgroupResolver.resources(spec.linux()));
 * cgroup.addProcess(initPid);
 * state.save(cgroup.directories());                                   // for delete/pause/update
 * cgroups.reopen(saved).apply(CgroupResolver.update(loadedResources)); // update
 * }</pre>
 *
 * <p>Not applied, and therefore refused when set: blockIO, hugepageLimits, network, rdma,
 * unified, memory kernelTCP/swappiness/disableOOMKiller, cpu burst/realtime/idle. Ignored as runc
 * ignores them: memory {@code kernel} (no effect since Linux 5.4), {@code useHierarchy} (always on
 * in current kernels) and {@code checkBeforeUpdate} (v1 refuses a limit below usage anyway).
 */
public final class CgroupResolver {
  private final CgroupHost host;

  public CgroupResolver(CgroupHost host) {
    this.host = host;
  }

  /**
   * Detects this host's layout from {@code /sys/fs/cgroup} and {@code /proc/self}; {@code
   * syscalls} attaches the device program on cgroup v2.
   */
  public static CgroupResolver forHost(Syscalls syscalls) {
    return new CgroupResolver(setup(() -> CgroupHost.detect(
        Path.of("/sys/fs/cgroup"), Path.of("/proc/self/mountinfo"), Path.of("/proc/self/cgroup"), syscalls)));
  }

  /** The manager of a new container's cgroup: {@code cgroupsPath}, or {@code /rustyrun/<id>}. */
  public CgroupManager manager(LinuxSpec linux, String id) {
    return new SetupErrors(setup(() -> host.manager(CgroupPath.of(linux.cgroupsPath(), id))));
  }

  /**
   * The manager of an existing container, from its stored {@link CgroupManager#directories()}
   * (each path as {@code toString()}).
   */
  public CgroupManager reopen(Map<String, String> directories) {
    return new SetupErrors(setup(() -> host.reopen(directories)));
  }

  /** {@link #reopen} for the directories a launch config carries. */
  public CgroupManager reopenPaths(Map<String, Path> directories) {
    Map<String, String> strings = new java.util.LinkedHashMap<>();
    directories.forEach((name, dir) -> strings.put(name, dir.toString()));
    return reopen(strings);
  }

  /**
   * The limits of a new container. Devices: deny all, then the spec's rules, then the default
   * allow list (runc appends it after the spec's rules, so a spec cannot deny /dev/null), then
   * read/write/mknod access to each of {@code linux.devices}.
   */
  public static CgroupResources resources(LinuxSpec linux) {
    ResourcesSpec spec = linux.resources();
    refuseUnsupported(spec, "linux.resources");
    List<DeviceRule> devices = new ArrayList<>();
    devices.add(DeviceRule.DENY_ALL);
    spec.devices().forEach(rule -> devices.add(deviceRule(rule)));
    devices.addAll(DeviceRule.defaults());
    linux.devices().forEach(device -> deviceAccess(device).ifPresent(devices::add));
    return new CgroupResources(memory(spec.memory()), cpu(spec.cpu()), spec.pids().limit(), devices);
  }

  /**
   * The limits of an {@code update --resources} file. Its device rules are ignored, as {@code
   * runc update} ignores them: rewriting them would deny everything for a moment in a running
   * container, and clients send back the rules the container was created with.
   */
  public static CgroupResources update(ResourcesSpec spec) {
    refuseUnsupported(spec, "resources");
    return new CgroupResources(memory(spec.memory()), cpu(spec.cpu()), spec.pids().limit(), List.of());
  }

  private static MemoryLimits memory(MemorySpec memory) {
    return new MemoryLimits(memory.limit(), memory.reservation(), memory.swap());
  }

  private static CpuLimits cpu(CpuSpec cpu) {
    return new CpuLimits(cpu.shares(), cpu.quota(), cpu.period(), emptyAsNull(cpu.cpus()), emptyAsNull(cpu.mems()));
  }

  private static String emptyAsNull(String value) {
    return value.isEmpty() ? null : value;
  }

  static DeviceRule deviceRule(DeviceRuleSpec rule) {
    DeviceRule.Type type = switch (rule.type()) {
      case "", "a" -> DeviceRule.Type.ALL;
      case "c" -> DeviceRule.Type.CHAR;
      case "b" -> DeviceRule.Type.BLOCK;
      default -> throw new ContainerSetupException("unknown device rule type \"" + rule.type() + "\"");
    };
    return new DeviceRule(rule.allow(), type, number(rule.major()), number(rule.minor()), access(rule.access()));
  }

  /** A FIFO is no device to the device cgroup: it needs no rule. */
  private static Optional<DeviceRule> deviceAccess(DeviceSpec device) {
    return switch (device.type()) {
      case "c", "u" -> Optional.of(DeviceRule.allow(DeviceRule.Type.CHAR, device.major(), device.minor(), "rwm"));
      case "b" -> Optional.of(DeviceRule.allow(DeviceRule.Type.BLOCK, device.major(), device.minor(), "rwm"));
      default -> Optional.empty();
    };
  }

  private static long number(Long value) {
    return value == null ? DeviceRule.ANY : value;
  }

  /** The spec allows any order and repeats ({@code mrw}); the kernel syntax is {@code rwm}. */
  private static String access(String access) {
    if (access.isEmpty()) {
      return "rwm";
    }
    StringBuilder canonical = new StringBuilder();
    for (char c : "rwm".toCharArray()) {
      if (access.indexOf(c) >= 0) {
        canonical.append(c);
      }
    }
    return canonical.toString();
  }

  /** A limit the runtime would silently drop is worse than one it refuses. */
  private static void refuseUnsupported(ResourcesSpec spec, String prefix) {
    List<String> fields = new ArrayList<>();
    MemorySpec memory = spec.memory();
    CpuSpec cpu = spec.cpu();
    addIf(fields, !spec.blockIO().equals(BlockIoSpec.NONE), "blockIO");
    addIf(fields, !spec.hugepageLimits().isEmpty(), "hugepageLimits");
    addIf(fields, !spec.network().equals(NetworkSpec.NONE), "network");
    addIf(fields, !spec.rdma().isEmpty(), "rdma");
    addIf(fields, !spec.unified().isEmpty(), "unified");
    addIf(fields, memory.kernelTCP() != null, "memory.kernelTCP");
    addIf(fields, memory.swappiness() != null, "memory.swappiness");
    addIf(fields, Boolean.TRUE.equals(memory.disableOOMKiller()), "memory.disableOOMKiller");
    addIf(fields, cpu.burst() != null, "cpu.burst");
    addIf(fields, cpu.realtimeRuntime() != null, "cpu.realtimeRuntime");
    addIf(fields, cpu.realtimePeriod() != null, "cpu.realtimePeriod");
    addIf(fields, cpu.idle() != null, "cpu.idle");
    if (!fields.isEmpty()) {
      throw new ContainerSetupException("rustyrun cannot apply "
          + String.join(", ", fields.stream().map(f -> "\"" + prefix + "." + f + "\"").toList()) + " yet");
    }
  }

  private static void addIf(List<String> fields, boolean set, String field) {
    if (set) {
      fields.add(field);
    }
  }

  private static <T> T setup(Supplier<T> action) {
    try {
      return action.get();
    } catch (CgroupException e) {
      throw new ContainerSetupException(e.getMessage(), e);
    }
  }

  private static void setup(Runnable action) {
    setup(() -> {
      action.run();
      return null;
    });
  }

  /** Turns each {@link CgroupException} of the cgroup package into a {@link ContainerSetupException}. */
  private record SetupErrors(CgroupManager cgroup) implements CgroupManager {
    @Override
    public Map<String, Path> directories() {
      return cgroup.directories();
    }

    @Override
    public void create() {
      setup(cgroup::create);
    }

    @Override
    public void apply(CgroupResources resources) {
      setup(() -> cgroup.apply(resources));
    }

    @Override
    public void addProcess(long pid) {
      setup(() -> cgroup.addProcess(pid));
    }

    @Override
    public void freeze() {
      setup(cgroup::freeze);
    }

    @Override
    public void thaw() {
      setup(cgroup::thaw);
    }

    @Override
    public FreezerState freezerState() {
      return setup(cgroup::freezerState);
    }

    @Override
    public boolean oomKilled() {
      return setup(cgroup::oomKilled);
    }

    @Override
    public List<Long> pids() {
      return setup(cgroup::pids);
    }

    @Override
    public void destroy() {
      setup(cgroup::destroy);
    }
  }
}
