package io.rustyrun.runtime.cgroup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assumptions.abort;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.rustyrun.runtime.ebpf.Assembler;
import io.rustyrun.runtime.ebpf.Register;
import io.rustyrun.runtime.sys.Errno;
import io.rustyrun.runtime.sys.LinuxSyscalls;
import io.rustyrun.runtime.sys.SyscallException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The v2 manager's device program against the real kernel, in this host's cgroup2 hierarchy:
 * the root on a pure v2 host, {@code /sys/fs/cgroup/unified} on this machine kind's hybrid
 * layout, where the kernel enforces a BPF_CGROUP_DEVICE program as well (systemd relied on it).
 * The test shell stays in the v1 devices root, which allows everything, so whatever is denied is
 * denied by the program. Each test works in {@code <cgroup2>/rustyrun-test-<random>} and removes
 * it, which detaches the program; without root, a cgroup2 mount or bpf(2) it skips.
 */
@Tag("cgroup")
class CgroupV2DevicesKernelTest {
  private static final Path ROOT = Path.of("/sys/fs/cgroup");
  private static final DeviceRule NULL = DeviceRule.allow(DeviceRule.Type.CHAR, 1, 3, "rwm");
  private static final DeviceRule ALLOW_ALL = DeviceRule.allow(DeviceRule.Type.ALL, DeviceRule.ANY, DeviceRule.ANY, "rwm");
  /** Opens /dev/null for writing and /dev/zero (1:5, not in the rules) for reading. */
  private static final String PROBE =
      "echo x > /dev/null && echo null-opened; head -c1 /dev/zero > /dev/null && echo zero-opened";

  private final LinuxSyscalls syscalls = new LinuxSyscalls();
  private final List<Process> processes = new ArrayList<>();
  private final String name = "rustyrun-test-" + UUID.randomUUID().toString().substring(0, 8);
  private Path dir;
  private CgroupV2Manager cgroup;

  @BeforeEach
  void requireRootAndCgroup2() throws IOException {
    assumeTrue(Files.readAllLines(Path.of("/proc/self/status")).stream().anyMatch(l -> l.matches("Uid:\\s+0\\s.*")),
        "needs root to create cgroups and load BPF programs");
    CgroupLayout layout = CgroupLayout.detect(ROOT, Path.of("/proc/self/mountinfo"));
    assumeTrue(layout.unified().isPresent(), "needs a cgroup2 mount under " + ROOT);
    CgroupLayout.Hierarchy unified = layout.unified().get();
    dir = unified.mountPoint().resolve(name);
    cgroup = new CgroupV2Manager(unified, dir, syscalls);
    cgroup.create();
  }

  @AfterEach
  void cleanUp() {
    try {
      if (cgroup != null) {
        cgroup.destroy();
      }
    } finally {
      processes.forEach(Process::destroyForcibly);
    }
    if (dir != null) {
      assertThat(dir).doesNotExist();
    }
  }

  /** Applies the rules, or skips the test when this host does not let root load BPF programs. */
  private void applyOrSkip(List<DeviceRule> rules) {
    try {
      cgroup.apply(new CgroupResources(MemoryLimits.NONE, CpuLimits.NONE, null, rules));
    } catch (CgroupException e) {
      if (e.getCause() instanceof SyscallException s && s.errno() == Errno.EPERM && s.arguments().startsWith("BPF_PROG_LOAD")) {
        abort("bpf(BPF_PROG_LOAD) is not permitted on this host: " + s.getMessage());
      }
      throw e;
    }
  }

  /** Runs {@link #PROBE} in a shell moved into the cgroup, and returns its output. */
  private String probeInside() throws Exception {
    Path flag = Files.createTempFile("rustyrun-devices-test", ".flag");
    Files.delete(flag);
    try {
      Process shell = new ProcessBuilder("sh", "-c",
          "while [ ! -e '" + flag + "' ]; do sleep 0.01; done; " + PROBE).redirectErrorStream(true).start();
      processes.add(shell);
      cgroup.addProcess(shell.pid());
      Files.createFile(flag);
      assertThat(shell.waitFor(10, TimeUnit.SECONDS)).isTrue();
      return new String(shell.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    } finally {
      Files.deleteIfExists(flag);
    }
  }

  @Test
  void theProgramAllowsTheRulesDevicesAndDeniesTheRest() throws Exception {
    applyOrSkip(List.of(DeviceRule.DENY_ALL, NULL));

    String output = probeInside();

    assertThat(output).contains("null-opened", "Operation not permitted").doesNotContain("zero-opened");
  }

  @Test
  void applyingAgainReplacesTheProgram() throws Exception {
    applyOrSkip(List.of(DeviceRule.DENY_ALL, NULL));
    applyOrSkip(List.of(ALLOW_ALL));

    // Were the first program still attached, both would have to allow /dev/zero.
    assertThat(probeInside()).contains("null-opened", "zero-opened");
  }

  @Test
  void aProgramTheVerifierRefusesNamesTheCallTheCgroupAndTheLog() {
    applyOrSkip(List.of(ALLOW_ALL));
    byte[] noExit = new Assembler().movImm32(Register.R0, 1).assemble().bytes();

    SyscallException e = catchThrowableOfType(SyscallException.class,
        () -> syscalls.attachDeviceFilter(dir, noExit, DeviceFilter.LICENSE));

    assertThat(e.errno()).isEqualTo(Errno.EINVAL);
    assertThat(e.getMessage())
        .startsWith("bpf(BPF_PROG_LOAD, BPF_PROG_TYPE_CGROUP_DEVICE, 1 instructions, license=\"Apache\", cgroup=\"" + dir + "\"): EINVAL")
        .contains("\nverifier log:\n");
  }
}
