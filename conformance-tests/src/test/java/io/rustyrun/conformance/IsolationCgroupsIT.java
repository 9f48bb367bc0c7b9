package io.rustyrun.conformance;

import static io.rustyrun.conformance.RunResultAssert.assertThatRun;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Issue #6 item 7, the container's cgroup proven from inside and from the host: {@code
 * linux.resources} limits are in the container's cgroup files, the container's cgroup namespace
 * shows that cgroup as {@code /}, the memory and pids limits are enforced (an OOM kill makes
 * {@code run} exit 137 and say so), and the cgroup is removed when {@code run} returns.
 *
 * <p>Needs the v1 controllers of this machine kind (SECURITY.md section 7); each test skips
 * naming the controller the host lacks. Device cgroup rules are in {@link IsolationDevicesIT}.
 */
@ConformanceTest
class IsolationCgroupsIT {
  private static final long MIB = 1024 * 1024;
  /** The parent of every cgroupsPath this class sets; removed (if empty) after the class. */
  private static final String TEST_PARENT = "/rustyrun-it";
  private static final Duration STEP = Duration.ofSeconds(30);

  @AfterAll
  static void removeTestParent() {
    HostCgroups.removeEmpty(TEST_PARENT);
  }

  @Test
  void memoryLimitIsVisibleInsideWhereTheCgroupIsTheRoot() {
    requireController("memory");
    RunResult result = Container.busybox()
        .mount(HostCgroups.CONTAINER_MOUNT)
        .linuxField("resources", Map.of("memory", Map.of("limit", 64 * MIB)))
        .args("sh", "-c",
            "cat /sys/fs/cgroup/memory/memory.limit_in_bytes; grep -E '^[0-9]+:memory:' /proc/self/cgroup")
        .run();

    // The cgroup namespace was unshared after joining: its cgroup is "/" from inside.
    assertThatRun(result).succeeded().stdoutLines().hasSize(2)
        .first().isEqualTo(Long.toString(64 * MIB));
    assertThat(result.stdoutLines().get(1)).as(result.describe()).matches("[0-9]+:memory:/");
  }

  @Test
  void resourcesAreInTheContainersCgroupFiles() {
    requireController("memory");
    requireController("cpu");
    requireController("cpuset");
    requireController("pids");
    Map<String, Object> memory = Map.of(
        "limit", 64 * MIB, "reservation", 32 * MIB, "swap", 128 * MIB);
    // cpus/mems "0": CPU 0 and memory node 0 exist on every host.
    Map<String, Object> cpu = Map.of(
        "shares", 512, "quota", 50000, "period", 100000, "cpus", "0", "mems", "0");
    RunResult result = Container.busybox()
        .mount(HostCgroups.CONTAINER_MOUNT)
        .linuxField("resources", Map.of("memory", memory, "cpu", cpu, "pids", Map.of("limit", 40)))
        .args("sh", "-c", "cd /sys/fs/cgroup && for f in"
            + " memory/memory.limit_in_bytes memory/memory.soft_limit_in_bytes"
            + " memory/memory.memsw.limit_in_bytes cpu/cpu.shares cpu/cpu.cfs_quota_us"
            + " cpu/cpu.cfs_period_us cpuset/cpuset.cpus cpuset/cpuset.mems pids/pids.max;"
            + " do echo \"$f $(cat $f)\"; done")
        .run();

    assertThatRun(result).succeeded().stdoutLines().containsExactly(
        "memory/memory.limit_in_bytes " + 64 * MIB,
        "memory/memory.soft_limit_in_bytes " + 32 * MIB,
        // v1 "swap" is memory + swap, as the runtime-spec defines it.
        "memory/memory.memsw.limit_in_bytes " + 128 * MIB,
        "cpu/cpu.shares 512",
        "cpu/cpu.cfs_quota_us 50000",
        "cpu/cpu.cfs_period_us 100000",
        "cpuset/cpuset.cpus 0",
        "cpuset/cpuset.mems 0",
        "pids/pids.max 40");
  }

  @Test
  void cgroupMountIsReadOnlyAndShowsOnlyTheContainer() {
    requireController("pids");
    RunResult result = Container.busybox()
        .mount(HostCgroups.CONTAINER_MOUNT)
        .linuxField("resources", Map.of("pids", Map.of("limit", 40)))
        .args("sh", "-c", String.join("; ",
            "echo 1000 > /sys/fs/cgroup/pids/pids.max",
            "cat /sys/fs/cgroup/pids/pids.max",
            "ls /sys/fs/cgroup/pids/rustyrun 2>&1 | head -1",
            "echo ---",
            "cat /sys/fs/cgroup/pids/cgroup.procs"))
        .run();

    // CVE-2023-25809: a writable cgroupfs lets the container lift its own limits.
    assertThatRun(result).succeeded();
    assertThat(result.stderr()).as(result.describe())
        .contains("can't create /sys/fs/cgroup/pids/pids.max: Read-only file system");
    String[] sections = result.stdout().split("---\n", 2);
    // Rooted at the container's cgroup: the host's /rustyrun parent is not reachable, and
    // cgroup.procs lists the container's processes only: PID 1 (sh, or cat if sh exec'd it).
    assertThat(sections[0].lines().toList()).as(result.describe()).containsExactly(
        "40", "ls: /sys/fs/cgroup/pids/rustyrun: No such file or directory");
    assertThat(sections[1].lines().toList()).as(result.describe()).contains("1").hasSizeBetween(1, 2);
  }

  @Test
  void cgroupsPathHoldsTheContainerAndIsRemovedAfterRun() throws IOException {
    requireController("memory");
    String cgroupsPath = TEST_PARENT + "/" + UUID.randomUUID();
    Path memory = HostCgroups.controllerRoot("memory").orElseThrow()
        .resolve(cgroupsPath.substring(1));
    Container container = Container.busybox()
        .linuxField("cgroupsPath", cgroupsPath)
        .linuxField("resources", Map.of("memory", Map.of("limit", 64 * MIB)));

    try (Gate gate = Gate.create(container)) {
      RunResult result;
      try (RunningContainer running = container.args("sh", "-c", gate.probe()).start()) {
        running.awaitStdout("ready", STEP);
        long init = running.containerInit();

        assertThat(HostCgroups.pathOf(init, "memory")).as("host view of the init's memory cgroup")
            .contains(cgroupsPath);
        assertThat(HostKernel.read(memory.resolve("memory.limit_in_bytes")))
            .isEqualTo(Long.toString(64 * MIB));
        gate.open();
        result = running.awaitExit(STEP);
      }
      assertThatRun(result).succeeded();
      assertThat(HostCgroups.directories(cgroupsPath)).as("cgroup directories left on the host")
          .isEmpty();
    }
  }

  @Test
  void defaultCgroupIsRemovedAfterRun() throws IOException {
    requireController("memory");
    Container container = Container.busybox();

    try (Gate gate = Gate.create(container)) {
      String cgroup;
      RunResult result;
      try (RunningContainer running = container.args("sh", "-c", gate.probe()).start()) {
        running.awaitStdout("ready", STEP);
        cgroup = HostCgroups.pathOf(running.containerInit(), "memory").orElseThrow();
        gate.open();
        result = running.awaitExit(STEP);
      }

      // The documented default: /rustyrun/<container id>.
      assertThatRun(result).succeeded();
      assertThat(cgroup).matches("/rustyrun/[^/]+");
      assertThat(HostCgroups.directories(cgroup)).as("cgroup directories left on the host").isEmpty();
    }
  }

  @Test
  void exceedingTheMemoryLimitIsAnOomKillReportedAs137() {
    requireController("memory");
    String cgroupsPath = TEST_PARENT + "/" + UUID.randomUUID();
    // swap = limit: memory+swap capped too, so a host with swap cannot page the probe out.
    RunResult result = Container.busybox()
        .linuxField("cgroupsPath", cgroupsPath)
        .linuxField("resources", Map.of("memory", Map.of("limit", 32 * MIB, "swap", 32 * MIB)))
        .args("sh", "-c", "echo allocating; exec tail /dev/zero")
        .run();

    // tail keeps an endless "line" of zeros in memory: the OOM killer takes it (SIGKILL).
    assertThatRun(result).exitedWith(137).stdoutText().isEqualTo("allocating");
    assertThatRun(result).stderrText().contains("OOM");
    assertThat(HostCgroups.directories(cgroupsPath)).as("cgroup directories left on the host")
        .isEmpty();
  }

  @Test
  void pidsLimitStopsForkingAndTheRunStillEnds() {
    requireController("pids");
    // The inner shell forks sleeps until fork fails; then PID 1 reads the count with builtins
    // only (no fork is possible at the limit) and kills everything else with the kill builtin.
    String probe = String.join("; ",
        "sh -c 'for i in $(seq 100); do sleep 1000 & done' 2>&1",
        "read max < /sys/fs/cgroup/pids/pids.max",
        "read current < /sys/fs/cgroup/pids/pids.current",
        "echo \"max $max current $current\"",
        "kill -9 -1",
        "echo killed");
    RunResult result = Container.busybox()
        .mount(HostCgroups.CONTAINER_MOUNT)
        .linuxField("resources", Map.of("pids", Map.of("limit", 30)))
        .args("sh", "-c", probe)
        .timeout(Duration.ofSeconds(60))
        .run();

    assertThatRun(result).succeeded().stdoutLines()
        .anyMatch(line -> line.contains("can't fork") || line.contains("Resource temporarily unavailable"))
        .contains("killed");
    String counts = result.stdoutLines().stream().filter(line -> line.startsWith("max "))
        .findFirst().orElseThrow(() -> new AssertionError("no counts: " + result.describe()));
    String[] fields = counts.split(" ");
    assertThat(fields[1]).as(result.describe()).isEqualTo("30");
    assertThat(Integer.parseInt(fields[3])).as(result.describe()).isBetween(2, 30);
  }

  private static void requireController(String controller) {
    assumeTrue(HostCgroups.controllerRoot(controller).isPresent(),
        "the host has no cgroup v1 \"" + controller + "\" hierarchy under " + HostCgroups.ROOT);
  }

  /**
   * Holds a container at "ready" until the host has looked at it: the probe waits for a file
   * in a bind-mounted host directory, which {@link #open()} creates.
   */
  private record Gate(Path dir) implements AutoCloseable {
    static Gate create(Container container) throws IOException {
      Path dir = Files.createDirectories(container.directory().resolve("gate"));
      container.mount(Mount.bind(dir, "/mnt/gate"));
      return new Gate(dir);
    }

    String probe() {
      return "echo ready; while [ ! -e /mnt/gate/open ]; do sleep 0.1; done";
    }

    void open() throws IOException {
      Files.writeString(dir.resolve("open"), "");
    }

    @Override
    public void close() throws IOException {
      Files.deleteIfExists(dir.resolve("open"));
    }
  }
}
