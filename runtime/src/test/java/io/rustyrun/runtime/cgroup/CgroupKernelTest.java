package io.rustyrun.runtime.cgroup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.rustyrun.runtime.sys.LinuxSyscalls;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
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
 * The v1 manager against the real kernel of this machine kind: as root, with the memory, pids,
 * cpu, cpuset, devices and freezer hierarchies mounted v1 (the hybrid layout). Each test works in
 * {@code /sys/fs/cgroup/<hierarchy>/rustyrun-test-<random>} and removes it afterwards; elsewhere
 * the tests skip with the reason.
 */
@Tag("cgroup")
class CgroupKernelTest {
  private static final Path ROOT = Path.of("/sys/fs/cgroup");
  private static final List<String> NEEDED = List.of("memory", "pids", "cpu", "cpuset", "devices", "freezer");

  private final List<Process> processes = new ArrayList<>();
  private final String name = "rustyrun-test-" + UUID.randomUUID().toString().substring(0, 8);
  private CgroupHost host;
  private CgroupManager cgroup;
  private Path flag;

  @BeforeEach
  void requireRootAndV1() throws IOException {
    assumeTrue(Files.readAllLines(Path.of("/proc/self/status")).stream().anyMatch(l -> l.matches("Uid:\\s+0\\s.*")),
        "needs root to create cgroups");
    host = CgroupHost.detect(ROOT, Path.of("/proc/self/mountinfo"), Path.of("/proc/self/cgroup"), new LinuxSyscalls());
    assumeTrue(host.layout().kind() != CgroupLayout.Kind.V2, "needs v1 or hybrid cgroups, found " + host.layout().kind());
    for (String controller : NEEDED) {
      assumeTrue(host.layout().hierarchy(controller).isPresent(), "needs a v1 " + controller + " hierarchy");
    }
    cgroup = host.manager(CgroupPath.of("/" + name, name));
    flag = Files.createTempFile("rustyrun-cgroup-test", ".flag");
    Files.delete(flag);
  }

  @AfterEach
  void cleanUp() throws IOException {
    try {
      if (cgroup != null) {
        cgroup.destroy();
      }
    } finally {
      processes.forEach(Process::destroyForcibly);
      if (flag != null) {
        Files.deleteIfExists(flag);
      }
    }
    if (host != null) {
      for (CgroupLayout.Hierarchy hierarchy : host.layout().hierarchies()) {
        assertThat(hierarchy.mountPoint().resolve(name)).doesNotExist();
      }
    }
  }

  /** A shell that waits for {@link #flag} before running {@code command}, so it can join first. */
  private Process startWaiting(String command) throws IOException {
    Process process = new ProcessBuilder("sh", "-c",
        "while [ ! -e '" + flag + "' ]; do sleep 0.01; done; " + command).redirectErrorStream(true).start();
    processes.add(process);
    return process;
  }

  private Process startSleep() throws IOException {
    Process process = new ProcessBuilder("sleep", "1000").start();
    processes.add(process);
    return process;
  }

  private static String read(Path file) throws IOException {
    return Files.readString(file).strip();
  }

  private Path dir(String controller) {
    return host.layout().hierarchy(controller).orElseThrow().mountPoint().resolve(name);
  }

  @Test
  void thisHostIsDetected() {
    assertThat(host.layout().kind()).isIn(CgroupLayout.Kind.V1, CgroupLayout.Kind.HYBRID);
    assertThat(cgroup).isInstanceOf(CgroupV1Manager.class);
  }

  @Test
  void limitsTasksFreezeAndDestroy() throws Exception {
    List<DeviceRule> devices = new ArrayList<>(List.of(DeviceRule.DENY_ALL));
    devices.addAll(DeviceRule.defaults());
    cgroup.create();
    cgroup.apply(new CgroupResources(new MemoryLimits(64L << 20, 32L << 20, 64L << 20),
        new CpuLimits(512L, 50_000L, 100_000L, "0", "0"), 16L, devices));

    assertThat(read(dir("memory").resolve("memory.limit_in_bytes"))).isEqualTo("67108864");
    assertThat(read(dir("memory").resolve("memory.memsw.limit_in_bytes"))).isEqualTo("67108864");
    assertThat(read(dir("memory").resolve("memory.soft_limit_in_bytes"))).isEqualTo("33554432");
    assertThat(read(dir("cpu").resolve("cpu.shares"))).isEqualTo("512");
    assertThat(read(dir("cpu").resolve("cpu.cfs_quota_us"))).isEqualTo("50000");
    assertThat(read(dir("cpu").resolve("cpu.cfs_period_us"))).isEqualTo("100000");
    assertThat(read(dir("cpuset").resolve("cpuset.cpus"))).isEqualTo("0");
    assertThat(read(dir("pids").resolve("pids.max"))).isEqualTo("16");
    assertThat(Files.readAllLines(dir("devices").resolve("devices.list")))
        .contains("c 1:3 rwm", "c 136:* rwm", "c *:* m", "b *:* m").doesNotContain("a *:* rwm");

    Process sleep = startSleep();
    cgroup.addProcess(sleep.pid());
    assertThat(cgroup.pids()).containsExactly(sleep.pid());
    assertThat(Files.readString(Path.of("/proc/" + sleep.pid() + "/cgroup"))).contains(":memory:/" + name + "\n");

    // An update on the running cgroup; raising memory and swap needs memsw written first.
    cgroup.apply(new CgroupResources(new MemoryLimits(128L << 20, null, 256L << 20), CpuLimits.NONE, 32L, List.of()));
    assertThat(read(dir("memory").resolve("memory.limit_in_bytes"))).isEqualTo("134217728");
    assertThat(read(dir("pids").resolve("pids.max"))).isEqualTo("32");

    cgroup.freeze();
    assertThat(cgroup.freezerState()).isEqualTo(FreezerState.FROZEN);
    cgroup.thaw();
    assertThat(cgroup.freezerState()).isEqualTo(FreezerState.THAWED);
    assertThat(cgroup.oomKilled()).isFalse();

    cgroup.destroy();
    assertThat(sleep.waitFor(5, TimeUnit.SECONDS)).as("sleep killed by destroy").isTrue();
    assertThat(sleep.exitValue()).isEqualTo(128 + 9);
    assertThat(dir("memory")).doesNotExist();
    assertThat(dir("freezer")).doesNotExist();
  }

  @Test
  void aLimitBelowUsageNamesTheUsage() throws Exception {
    cgroup.create();
    // v1 does not move a task's charges when it joins: the memory must be allocated afterwards.
    Process shell = startWaiting("x=$(head -c 4000000 /dev/zero | tr '\\0' a); echo ready; sleep 1000");
    cgroup.addProcess(shell.pid());
    Files.createFile(flag);
    assertThat(new BufferedReader(new InputStreamReader(shell.getInputStream(), StandardCharsets.UTF_8)).readLine())
        .isEqualTo("ready");

    assertThatThrownBy(() -> cgroup.apply(new CgroupResources(new MemoryLimits(4096L, null, null), CpuLimits.NONE, null, List.of())))
        .isInstanceOf(CgroupException.class)
        .hasMessageMatching("cannot set memory limit 4k: write \"4096\" to \"" + dir("memory").resolve("memory.limit_in_bytes")
            + "\": Device or resource busy \\(current usage \\w+, peak \\w+\\)");
  }

  @Test
  void theDeviceRulesAreEnforced() throws Exception {
    cgroup.create();
    cgroup.apply(new CgroupResources(MemoryLimits.NONE, CpuLimits.NONE, null,
        List.of(DeviceRule.DENY_ALL, DeviceRule.allow(DeviceRule.Type.CHAR, 1, 3, "rwm"))));
    Process shell = startWaiting("echo x > /dev/null && echo null-ok; head -c1 /dev/zero > /dev/null || echo zero-denied");
    cgroup.addProcess(shell.pid());

    Files.createFile(flag);

    assertThat(shell.waitFor(10, TimeUnit.SECONDS)).isTrue();
    String output = new String(shell.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(output).contains("null-ok", "Operation not permitted", "zero-denied");
  }

  @Test
  void anOomKillIsReported() throws Exception {
    cgroup.create();
    cgroup.apply(new CgroupResources(new MemoryLimits(16L << 20, null, 16L << 20), CpuLimits.NONE, null, List.of()));
    // tail keeps the whole "line" of /dev/zero in memory: it grows until the OOM killer stops it.
    Process hog = startWaiting("exec tail /dev/zero");
    cgroup.addProcess(hog.pid());

    Files.createFile(flag);

    assertThat(hog.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(hog.exitValue()).isEqualTo(128 + 9);
    assertThat(cgroup.oomKilled()).isTrue();
  }
}
