package io.rustyrun.runtime.cgroup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rustyrun.runtime.sys.Errno;
import io.rustyrun.runtime.sys.SyscallCall.AttachDeviceFilter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The files a v2 manager writes, on a jimfs unified hierarchy. */
class CgroupV2ManagerTest {
  private static final Teardown NO_WAIT = new Teardown(new Polling(3, Duration.ZERO), new Polling(3, Duration.ZERO), pid -> {});

  private final FakeCgroupFs fake = FakeCgroupFs.v2();
  private final CgroupLayout.Hierarchy unified = fake.host().layout().unified().orElseThrow();

  private CgroupV2Manager manager(Map<String, String> files) {
    Map<String, String> all = new HashMap<>(Map.of("cgroup.controllers", "cpuset cpu memory pids"));
    all.putAll(files);
    return new CgroupV2Manager(unified, fake.cgroup("c", all), fake.syscalls, NO_WAIT);
  }

  private String read(String relative) {
    return fake.read(fake.root.resolve(relative));
  }

  @Test
  void createDelegatesTheControllersDownToTheParent() {
    fake.cgroup("rustyrun", Map.of("cgroup.controllers", "cpu memory pids", "cgroup.subtree_control", ""));
    CgroupManager cgroup = fake.host().manager(CgroupPath.of("/rustyrun/web-1", "web-1"));

    cgroup.create();

    assertThat(fake.root.resolve("rustyrun/web-1")).isDirectory();
    assertThat(read("cgroup.subtree_control")).isEqualTo("+cpu +cpuset +memory +pids");
    assertThat(read("rustyrun/cgroup.subtree_control")).isEqualTo("+cpu +memory +pids");
  }

  @Test
  void memoryLimitReservationAndSwapAlone() {
    CgroupV2Manager cgroup = manager(Map.of("memory.max", "max", "memory.low", "0", "memory.swap.max", "max"));

    cgroup.apply(new CgroupResources(new MemoryLimits(100L << 20, 50L << 20, 300L << 20), CpuLimits.NONE, null, List.of()));

    assertThat(read("c/memory.max")).isEqualTo("104857600");
    assertThat(read("c/memory.low")).isEqualTo("52428800");
    assertThat(read("c/memory.swap.max")).isEqualTo("209715200");
  }

  @ParameterizedTest(name = "limit {0} swap {1} -> {2}")
  @CsvSource(nullValues = "null", value = {
      "104857600, 104857600, 0",
      "104857600, 209715200, 104857600",
      "104857600, -1, max",
      "-1, null, max",
      "104857600, null, null",
      "null, null, null",
  })
  void ociSwapIsMemoryPlusSwap(Long limit, Long swap, String swapMax) {
    assertThat(V2Memory.swapMax(new MemoryLimits(limit, null, swap))).isEqualTo(swapMax);
  }

  @Test
  void swapNeedsAMemoryLimitNoLowerThanIt() {
    assertThatThrownBy(() -> V2Memory.swapMax(new MemoryLimits(null, null, 1L << 30)))
        .hasMessage("cannot set memory+swap limit 1g without a memory limit");
    assertThatThrownBy(() -> V2Memory.swapMax(new MemoryLimits(2L << 30, null, 1L << 30)))
        .hasMessage("memory+swap limit 1g is below the memory limit 2g");
  }

  @Test
  void noSwapFileIsFineForNoOrUnlimitedSwap() {
    CgroupV2Manager cgroup = manager(Map.of("memory.max", "max"));

    cgroup.apply(new CgroupResources(new MemoryLimits(100L << 20, null, 100L << 20), CpuLimits.NONE, null, List.of()));

    assertThat(read("c/memory.max")).isEqualTo("104857600");
    assertThatThrownBy(() -> cgroup.apply(new CgroupResources(new MemoryLimits(1L << 20, null, 2L << 20), CpuLimits.NONE, null, List.of())))
        .hasMessageStartingWith("cannot set swap limit 1m: write \"1048576\" to \"/sys/fs/cgroup/c/memory.swap.max\"");
  }

  @ParameterizedTest(name = "shares {0} -> weight {1}")
  @CsvSource({"2, 1", "1024, 39", "512, 20", "262144, 10000"})
  void sharesBecomeWeightByRuncsFormula(long shares, long weight) {
    assertThat(V2Cpu.weight(shares)).isEqualTo(weight);
  }

  @ParameterizedTest(name = "quota {0} period {1} -> \"{2}\"")
  @CsvSource(nullValues = "null", value = {
      "50000, 100000, 50000 100000",
      "-1, 100000, max 100000",
      "null, 100000, max 100000",
      "50000, null, 50000",
      "null, null, null",
  })
  void cpuMaxIsQuotaAndPeriod(Long quota, Long period, String max) {
    assertThat(V2Cpu.max(new CpuLimits(null, quota, period, null, null))).isEqualTo(max);
  }

  @Test
  void cpuCpusetAndPidsFiles() {
    CgroupV2Manager cgroup = manager(Map.of("cpu.weight", "100", "cpu.max", "max 100000",
        "cpuset.cpus", "", "cpuset.mems", "", "pids.max", "max"));

    cgroup.apply(new CgroupResources(MemoryLimits.NONE, new CpuLimits(1024L, 20_000L, 100_000L, "0", "0"), -1L, List.of()));

    assertThat(read("c/cpu.weight")).isEqualTo("39");
    assertThat(read("c/cpu.max")).isEqualTo("20000 100000");
    assertThat(read("c/cpuset.cpus")).isEqualTo("0");
    assertThat(read("c/cpuset.mems")).isEqualTo("0");
    assertThat(read("c/pids.max")).isEqualTo("max");
  }

  @Test
  void aControllerThatIsNotDelegatedIsNamed() {
    CgroupV2Manager cgroup = new CgroupV2Manager(unified, fake.cgroup("d", Map.of("cgroup.controllers", "memory")), fake.syscalls, NO_WAIT);

    assertThatThrownBy(() -> cgroup.apply(new CgroupResources(MemoryLimits.NONE, CpuLimits.NONE, 5L, List.of())))
        .hasMessage("cannot set the pids limit: the \"pids\" controller is not enabled in \"/sys/fs/cgroup/d\" "
            + "(its cgroup.controllers reads \"memory\")");
  }

  @Test
  void deviceRulesBecomeOneProgramAttachedToTheDirectory() {
    CgroupV2Manager cgroup = manager(Map.of());
    List<DeviceRule> rules = new ArrayList<>(List.of(DeviceRule.DENY_ALL));
    rules.addAll(DeviceRule.defaults());

    cgroup.apply(new CgroupResources(MemoryLimits.NONE, CpuLimits.NONE, null, rules));

    String program = HexFormat.of().formatHex(DeviceFilter.compile(rules).bytes());
    assertThat(fake.syscalls.calls()).containsExactly(
        new AttachDeviceFilter(fake.root.resolve("c"), program, "Apache"));
  }

  @Test
  void withoutDeviceRulesNoProgramIsAttached() {
    manager(Map.of("pids.max", "max")).apply(new CgroupResources(MemoryLimits.NONE, CpuLimits.NONE, 5L, List.of()));

    assertThat(fake.syscalls.calls()).isEmpty();
  }

  @Test
  void aRefusedProgramNamesTheCgroupAndTheKernelsAnswer() {
    fake.syscalls.failWhen(call -> call instanceof AttachDeviceFilter, Errno.EPERM);
    CgroupV2Manager cgroup = manager(Map.of());

    assertThatThrownBy(() -> cgroup.apply(new CgroupResources(MemoryLimits.NONE, CpuLimits.NONE, null, List.of(DeviceRule.DENY_ALL))))
        .isInstanceOf(CgroupException.class)
        .hasMessageStartingWith("cannot apply the device rules to \"/sys/fs/cgroup/c\": bpf(")
        .hasMessageEndingWith("): EPERM (operation not permitted)");
  }

  @Test
  void freezeWaitsForTheFrozenEvent() {
    CgroupV2Manager cgroup = manager(Map.of("cgroup.freeze", "0", "cgroup.events", "populated 1\nfrozen 1\n"));

    cgroup.freeze();

    assertThat(read("c/cgroup.freeze")).isEqualTo("1");
    assertThat(cgroup.freezerState()).isEqualTo(FreezerState.FROZEN);
    cgroup.thaw();
    assertThat(cgroup.freezerState()).isEqualTo(FreezerState.THAWED);
  }

  @Test
  void aFreezeThatNeverCompletesSaysSo() {
    CgroupV2Manager cgroup = manager(Map.of("cgroup.freeze", "0", "cgroup.events", "populated 1\nfrozen 0\n"));

    assertThatThrownBy(cgroup::freeze)
        .hasMessage("cannot freeze the container: \"/sys/fs/cgroup/c/cgroup.events\" does not report it after 3 attempts");
    assertThat(cgroup.freezerState()).isEqualTo(FreezerState.FREEZING);
  }

  @Test
  void oomKillsComeFromMemoryEvents() {
    CgroupV2Manager cgroup = manager(Map.of("memory.events", "low 0\nhigh 0\nmax 3\noom 1\noom_kill 1\n"));

    assertThat(cgroup.oomKilled()).isTrue();
  }

  @Test
  void addProcessAndPids() {
    CgroupV2Manager cgroup = manager(Map.of("cgroup.procs", ""));

    cgroup.addProcess(77);

    assertThat(cgroup.pids()).containsExactly(77L);
    assertThat(cgroup.directories()).containsExactly(Map.entry("", fake.root.resolve("c")));
  }

  @Test
  void destroyUsesCgroupKillWhenTheKernelHasIt() {
    Path dir = fake.cgroup("k", Map.of("cgroup.controllers", "", "cgroup.procs", "5\n", "cgroup.kill", ""));
    CgroupV2Manager cgroup = new CgroupV2Manager(unified, dir, fake.syscalls, NO_WAIT);

    assertThatThrownBy(cgroup::destroy).isInstanceOf(CgroupException.class); // jimfs cannot rmdir a non-empty dir

    assertThat(read("k/cgroup.kill")).isEqualTo("1");
  }
}
