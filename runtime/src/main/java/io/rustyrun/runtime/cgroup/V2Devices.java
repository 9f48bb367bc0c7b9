package io.rustyrun.runtime.cgroup;

import io.rustyrun.runtime.ebpf.Program;
import io.rustyrun.runtime.sys.SyscallException;
import io.rustyrun.runtime.sys.Syscalls;
import java.nio.file.Path;
import java.util.List;

/**
 * Device rules on cgroup v2 (kernel {@code Documentation/admin-guide/cgroup-v2.rst}, "Device
 * controller"): there are no device files, the rules are compiled into an eBPF program ({@link
 * DeviceFilter}) and attached to the container's directory.
 *
 * <pre>{@code
 * new V2Devices(syscalls).apply(dir, List.of(DeviceRule.DENY_ALL, nullDevice));
 * // bpf(BPF_PROG_LOAD) + bpf(BPF_PROG_ATTACH, dir, BPF_CGROUP_DEVICE, BPF_F_ALLOW_MULTI)
 * }</pre>
 *
 * <p>The program lives as long as it is attached: removing the directory detaches and frees it,
 * so {@link CgroupManager#destroy} needs no step of its own.
 */
final class V2Devices {
  private final Syscalls syscalls;

  V2Devices(Syscalls syscalls) {
    this.syscalls = syscalls;
  }

  void apply(Path dir, List<DeviceRule> rules) {
    Program program = DeviceFilter.compile(rules);
    try {
      syscalls.attachDeviceFilter(dir, program.bytes(), DeviceFilter.LICENSE);
    } catch (SyscallException e) {
      throw new CgroupException("cannot apply the device rules to \"" + dir + "\": " + e.getMessage(), e);
    }
  }
}
