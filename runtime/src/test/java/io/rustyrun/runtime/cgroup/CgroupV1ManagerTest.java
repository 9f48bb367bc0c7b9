package io.rustyrun.runtime.cgroup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The files a v1 manager writes, on a jimfs copy of this machine kind's hybrid layout. */
class CgroupV1ManagerTest {
  private static final String UNLIMITED = "9223372036854771712";
  private static final Teardown NO_WAIT = new Teardown(new Polling(3, Duration.ZERO), new Polling(3, Duration.ZERO), pid -> {});

  private final FakeCgroupFs fake = FakeCgroupFs.hybrid();
  private final CgroupLayout layout = fake.host().layout();

  /** A manager at {@code /c} in the given hierarchies, whose directories exist with these files. */
  private CgroupV1Manager manager(Map<String, Map<String, String>> filesByController) {
    Map<CgroupLayout.Hierarchy, Path> dirs = new HashMap<>();
    filesByController.forEach((controller, files) -> {
      CgroupLayout.Hierarchy hierarchy = layout.hierarchy(controller).orElseThrow();
      dirs.put(hierarchy, fake.cgroup(hierarchy.mountPoint().getFileName() + "/c", files));
    });
    return new CgroupV1Manager(dirs, NO_WAIT);
  }

  private String read(String relative) {
    return fake.read(fake.root.resolve(relative));
  }

  private static Map<String, String> memoryFiles(String limit, String memsw) {
    Map<String, String> files = new HashMap<>(Map.of(
        "memory.limit_in_bytes", limit, "memory.soft_limit_in_bytes", UNLIMITED,
        "memory.usage_in_bytes", "1048576", "memory.max_usage_in_bytes", "2097152"));
    if (memsw != null) {
      files.put("memory.memsw.limit_in_bytes", memsw);
    }
    return files;
  }

  private static CgroupResources memory(Long limit, Long reservation, Long swap) {
    return new CgroupResources(new MemoryLimits(limit, reservation, swap), CpuLimits.NONE, null, List.of());
  }

  @Test
  void createMakesTheDirectoryInEveryHierarchyAndCopiesCpusetsDown() throws Exception {
    CgroupManager cgroup = fake.host().manager(CgroupPath.of("/rustyrun/web-1", "web-1"));
    // The kernel gives every new cpuset cgroup empty cpus and mems; jimfs needs them made.
    fake.cgroup("cpuset/rustyrun", Map.of("cpuset.cpus", "", "cpuset.mems", ""));
    fake.cgroup("cpuset/rustyrun/web-1", Map.of("cpuset.cpus", "", "cpuset.mems", ""));

    cgroup.create();

    for (Path dir : cgroup.directories().values()) {
      assertThat(dir).isDirectory();
    }
    assertThat(read("cpuset/rustyrun/cpuset.cpus")).isEqualTo("0-1");
    assertThat(read("cpuset/rustyrun/web-1/cpuset.cpus")).isEqualTo("0-1");
    assertThat(read("cpuset/rustyrun/web-1/cpuset.mems")).isEqualTo("0");
  }

  @Test
  void cpusetsAlreadySetAreKept() {
    fake.cgroup("cpuset/a", Map.of("cpuset.cpus", "1", "cpuset.mems", "0"));
    Path leaf = fake.cgroup("cpuset/a/b", Map.of("cpuset.cpus", "", "cpuset.mems", ""));

    Cpuset.inheritParents(fake.root.resolve("cpuset"), leaf);

    assertThat(read("cpuset/a/cpuset.cpus")).isEqualTo("1");
    assertThat(read("cpuset/a/b/cpuset.cpus")).isEqualTo("1");
  }

  @Test
  void memoryLimitAndReservation() {
    CgroupV1Manager cgroup = manager(Map.of("memory", memoryFiles(UNLIMITED, UNLIMITED)));

    cgroup.apply(memory(100L << 20, 50L << 20, null));

    assertThat(read("memory/c/memory.limit_in_bytes")).isEqualTo("104857600");
    assertThat(read("memory/c/memory.soft_limit_in_bytes")).isEqualTo("52428800");
    assertThat(read("memory/c/memory.memsw.limit_in_bytes")).isEqualTo(UNLIMITED);
  }

  @Test
  void memoryAndSwapAreBothWritten() {
    CgroupV1Manager cgroup = manager(Map.of("memory", memoryFiles("104857600", "104857600")));

    cgroup.apply(memory(200L << 20, null, 400L << 20));

    assertThat(read("memory/c/memory.limit_in_bytes")).isEqualTo("209715200");
    assertThat(read("memory/c/memory.memsw.limit_in_bytes")).isEqualTo("419430400");
  }

  @Test
  void growingWritesSwapFirstShrinkingWritesTheLimitFirst() {
    long current = 200L << 20;

    assertThat(V1Memory.order(300L << 20, 500L << 20, current)).extracting(CgroupWrite::file)
        .containsExactly("memory.memsw.limit_in_bytes", "memory.limit_in_bytes");
    assertThat(V1Memory.order(100L << 20, 150L << 20, current)).extracting(CgroupWrite::file)
        .containsExactly("memory.limit_in_bytes", "memory.memsw.limit_in_bytes");
    assertThat(V1Memory.order(100L << 20, -1L, current)).extracting(CgroupWrite::value)
        .containsExactly("-1", "104857600");
    assertThat(V1Memory.order(null, 150L << 20, current)).extracting(CgroupWrite::what)
        .containsExactly("set memory+swap limit 150m");
  }

  @Test
  void anUnlimitedMemoryLimitAlsoLiftsSwap() {
    CgroupV1Manager cgroup = manager(Map.of("memory", memoryFiles("104857600", "209715200")));

    cgroup.apply(memory(-1L, null, null));

    assertThat(read("memory/c/memory.limit_in_bytes")).isEqualTo("-1");
    assertThat(read("memory/c/memory.memsw.limit_in_bytes")).isEqualTo("-1");
  }

  @Test
  void swapWithoutSwapAccountingIsAnError() {
    CgroupV1Manager cgroup = manager(Map.of("memory", memoryFiles(UNLIMITED, null)));

    assertThatThrownBy(() -> cgroup.apply(memory(100L << 20, null, 200L << 20)))
        .isInstanceOf(CgroupException.class)
        .hasMessage("cannot set memory+swap limit 200m: swap accounting is off "
            + "(\"/sys/fs/cgroup/memory/c/memory.memsw.limit_in_bytes\" does not exist)");
    // Unlimited swap needs no memsw file.
    cgroup.apply(memory(-1L, null, -1L));
    assertThat(read("memory/c/memory.limit_in_bytes")).isEqualTo("-1");
  }

  @Test
  void cpuSharesQuotaAndPeriod() {
    CgroupV1Manager cgroup = manager(Map.of("cpu", Map.of("cpu.shares", "1024", "cpu.cfs_quota_us", "-1", "cpu.cfs_period_us", "100000")));

    cgroup.apply(new CgroupResources(MemoryLimits.NONE, new CpuLimits(512L, 25_000L, 50_000L, null, null), null, List.of()));

    assertThat(read("cpu/c/cpu.shares")).isEqualTo("512");
    assertThat(read("cpu/c/cpu.cfs_quota_us")).isEqualTo("25000");
    assertThat(read("cpu/c/cpu.cfs_period_us")).isEqualTo("50000");
  }

  @Test
  void cpusetCpusAndMems() {
    CgroupV1Manager cgroup = manager(Map.of("cpuset", Map.of("cpuset.cpus", "0-1", "cpuset.mems", "0")));

    cgroup.apply(new CgroupResources(MemoryLimits.NONE, new CpuLimits(null, null, null, "1", "0"), null, List.of()));

    assertThat(read("cpuset/c/cpuset.cpus")).isEqualTo("1");
    assertThat(read("cpuset/c/cpuset.mems")).isEqualTo("0");
  }

  @Test
  void pidsLimitAndUnlimited() {
    CgroupV1Manager cgroup = manager(Map.of("pids", Map.of("pids.max", "max")));

    cgroup.apply(new CgroupResources(MemoryLimits.NONE, CpuLimits.NONE, 64L, List.of()));
    assertThat(read("pids/c/pids.max")).isEqualTo("64");

    cgroup.apply(new CgroupResources(MemoryLimits.NONE, CpuLimits.NONE, -1L, List.of()));
    assertThat(read("pids/c/pids.max")).isEqualTo("max");
  }

  @Test
  void deviceRulesAreWrittenInOrderToAllowOrDeny() {
    CgroupV1Manager cgroup = manager(Map.of("devices", Map.of("devices.allow", "", "devices.deny", "")));
    List<DeviceRule> rules = List.of(DeviceRule.DENY_ALL, DeviceRule.allow(DeviceRule.Type.CHAR, 1, 3, "rwm"),
        new DeviceRule(false, DeviceRule.Type.BLOCK, 8, DeviceRule.ANY, "w"));

    cgroup.apply(new CgroupResources(MemoryLimits.NONE, CpuLimits.NONE, null, rules));

    assertThat(V1Devices.plan(rules)).extracting(write -> write.file() + " <- " + write.value()).containsExactly(
        "devices.deny <- a *:* rwm", "devices.allow <- c 1:3 rwm", "devices.deny <- b 8:* w");
    // jimfs keeps the last write of each file.
    assertThat(read("devices/c/devices.allow")).isEqualTo("c 1:3 rwm");
    assertThat(read("devices/c/devices.deny")).isEqualTo("b 8:* w");
  }

  @Test
  void nothingSetWritesNothing() {
    CgroupV1Manager cgroup = manager(Map.of("pids", Map.of("pids.max", "max")));

    cgroup.apply(CgroupResources.NONE);

    assertThat(read("pids/c/pids.max")).isEqualTo("max");
  }

  @Test
  void aLimitWithoutItsHierarchyIsAnError() {
    CgroupV1Manager cgroup = manager(Map.of("memory", memoryFiles(UNLIMITED, UNLIMITED)));

    assertThatThrownBy(() -> cgroup.apply(new CgroupResources(MemoryLimits.NONE, CpuLimits.NONE, 10L, List.of())))
        .hasMessage("cannot set the pids limit: no cgroup v1 \"pids\" hierarchy is mounted");
  }

  @Test
  void aFailedWriteNamesTheValueTheFileAndTheReason() {
    CgroupV1Manager cgroup = manager(Map.of("pids", Map.of()));

    assertThatThrownBy(() -> cgroup.apply(new CgroupResources(MemoryLimits.NONE, CpuLimits.NONE, 100L, List.of())))
        .hasMessage("cannot set pids limit 100: write \"100\" to \"/sys/fs/cgroup/pids/c/pids.max\": No such file or directory");
  }

  @Test
  void addProcessWritesEveryHierarchysProcs() {
    CgroupV1Manager cgroup = manager(Map.of("memory", Map.of("cgroup.procs", ""), "freezer", Map.of("cgroup.procs", "")));

    cgroup.addProcess(4242);

    assertThat(read("memory/c/cgroup.procs")).isEqualTo("4242");
    assertThat(read("freezer/c/cgroup.procs")).isEqualTo("4242");
  }

  @Test
  void freezeAndThawThroughFreezerState() {
    CgroupV1Manager cgroup = manager(Map.of("freezer", Map.of("freezer.state", "THAWED")));

    cgroup.freeze();
    assertThat(cgroup.freezerState()).isEqualTo(FreezerState.FROZEN);

    cgroup.thaw();
    assertThat(cgroup.freezerState()).isEqualTo(FreezerState.THAWED);
  }

  @Test
  void withoutAFreezerHierarchyTheStateIsThawedAndFreezingFails() {
    CgroupV1Manager cgroup = manager(Map.of("pids", Map.of()));

    assertThat(cgroup.freezerState()).isEqualTo(FreezerState.THAWED);
    assertThatThrownBy(cgroup::freeze).hasMessage("cannot freeze the container: no cgroup v1 \"freezer\" hierarchy is mounted");
  }

  @Test
  void oomKillsComeFromOomControl() {
    Map<String, String> files = new HashMap<>(memoryFiles(UNLIMITED, UNLIMITED));
    files.put("memory.oom_control", "oom_kill_disable 0\nunder_oom 0\noom_kill 0\n");
    CgroupV1Manager cgroup = manager(Map.of("memory", files));
    assertThat(cgroup.oomKilled()).isFalse();

    fake.write("/sys/fs/cgroup/memory/c/memory.oom_control", "oom_kill_disable 0\nunder_oom 0\noom_kill 1\n");

    assertThat(cgroup.oomKilled()).isTrue();
  }

  @Test
  void pidsIncludeSubCgroups() {
    CgroupV1Manager cgroup = manager(Map.of("pids", Map.of("cgroup.procs", "10\n11\n")));
    fake.cgroup("pids/c/inner", Map.of("cgroup.procs", "12\n"));

    assertThat(cgroup.pids()).containsExactlyInAnyOrder(10L, 11L, 12L);
  }

  @Test
  void destroyOfAGoneCgroupDoesNothing() {
    CgroupManager cgroup = fake.host().manager(CgroupPath.of("/never/created", "x"));

    cgroup.destroy();

    assertThat(fake.root.resolve("memory/never")).doesNotExist();
  }

  @Test
  void removeTakesSubCgroupsFirst() throws Exception {
    Path dir = fake.root.resolve("pids/gone");
    // Empty directories: jimfs, unlike cgroupfs, refuses rmdir while control files exist.
    Files.createDirectories(dir.resolve("inner/deeper"));

    new CgroupTree(dir).remove(NO_WAIT.remove());

    assertThat(dir).doesNotExist();
    assertThat(fake.root.resolve("pids")).isDirectory();
  }

  @Test
  void aFailedRemoveNamesTheDirectory() {
    Path dir = fake.cgroup("pids/busy", Map.of("cgroup.procs", ""));

    assertThatThrownBy(() -> new CgroupTree(dir).remove(NO_WAIT.remove()))
        .hasMessageStartingWith("cannot remove the cgroup: rmdir \"/sys/fs/cgroup/pids/busy\": ");
  }

  @Test
  void killAllFreezesKillsAndThaws() {
    Path dir = fake.cgroup("freezer/c", Map.of("freezer.state", "THAWED"));
    V1Freezer freezer = new V1Freezer(dir, new Polling(3, Duration.ZERO));
    List<String> seen = new ArrayList<>();
    Teardown recording = new Teardown(NO_WAIT.freeze(), NO_WAIT.remove(), pid -> seen.add(pid + " " + freezer.state()));

    TaskKill.killAll(List.of(10L, 11L), Optional.of(freezer), recording);

    assertThat(seen).containsExactly("10 FROZEN", "11 FROZEN");
    assertThat(freezer.state()).isEqualTo(FreezerState.THAWED);
  }

  @Test
  void killAllRefusesToKillThisProcess() {
    long self = ProcessHandle.current().pid();

    assertThatThrownBy(() -> TaskKill.killAll(List.of(self), Optional.empty(), NO_WAIT))
        .hasMessage("cannot destroy the cgroup: it holds this rustyrun process (pid " + self + ")");
  }
}
