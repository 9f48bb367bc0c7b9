package io.rustyrun.runtime.cgroup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CgroupLayoutTest {
  private final FakeCgroupFs fake = new FakeCgroupFs();
  private final Path root = fake.root;

  private CgroupLayout detect(String mountinfo) {
    return CgroupLayout.fromMountinfo(root, mountinfo.lines().toList());
  }

  @Test
  void thisMachineKindIsHybridAndEveryControllerIsV1() {
    CgroupLayout layout = detect(FakeCgroupFs.HYBRID_MOUNTINFO);

    assertThat(layout.kind()).isEqualTo(CgroupLayout.Kind.HYBRID);
    assertThat(layout.hierarchies()).extracting(CgroupLayout.Hierarchy::name).containsExactly(
        "cpu", "cpuacct", "cpuset", "memory", "devices", "freezer", "blkio", "pids", "name=systemd");
    assertThat(layout.hierarchy("memory").orElseThrow().mountPoint()).isEqualTo(fake.path("/sys/fs/cgroup/memory"));
    assertThat(layout.unified().orElseThrow().mountPoint()).isEqualTo(fake.path("/sys/fs/cgroup/unified"));
  }

  @Test
  void detectReadsTheMountinfoFile() {
    fake.write("/proc/self/mountinfo", FakeCgroupFs.HYBRID_MOUNTINFO);

    assertThat(CgroupLayout.detect(root, fake.path("/proc/self/mountinfo")).kind()).isEqualTo(CgroupLayout.Kind.HYBRID);
  }

  @Test
  void cgroup2AtTheRootIsUnified() {
    CgroupLayout layout = detect(FakeCgroupFs.V2_MOUNTINFO);

    assertThat(layout.kind()).isEqualTo(CgroupLayout.Kind.V2);
    assertThat(layout.hierarchies()).isEmpty();
    assertThat(layout.unified().orElseThrow().mountPoint()).isEqualTo(root);
  }

  @Test
  void v1WithoutCgroup2IsV1AndCoMountedControllersShareAHierarchy() {
    CgroupLayout layout = detect("""
        31 23 0:28 / /sys/fs/cgroup ro,nosuid - tmpfs tmpfs ro,mode=755
        32 31 0:29 / /sys/fs/cgroup/cpu,cpuacct rw shared:9 - cgroup cgroup rw,cpu,cpuacct
        35 31 0:32 / /sys/fs/cgroup/memory rw - cgroup cgroup rw,memory
        36 31 0:32 / /sys/fs/cgroup/memory rw - cgroup cgroup rw,memory
        """);

    assertThat(layout.kind()).isEqualTo(CgroupLayout.Kind.V1);
    assertThat(layout.hierarchies()).hasSize(2);
    CgroupLayout.Hierarchy cpu = layout.hierarchy("cpuacct").orElseThrow();
    assertThat(cpu.controllers()).isEqualTo(Set.of("cpu", "cpuacct"));
    assertThat(cpu.name()).isEqualTo("cpu,cpuacct");
    assertThat(cpu.mountPoint()).isEqualTo(fake.path("/sys/fs/cgroup/cpu,cpuacct"));
  }

  @Test
  void mountOptionsThatAreNotControllersAreDropped() {
    CgroupLayout layout = detect(
        "32 31 0:29 /sub /sys/fs/cgroup/cpuset rw - cgroup cgroup rw,cpuset,noprefix,clone_children,release_agent=/x\n");

    CgroupLayout.Hierarchy cpuset = layout.hierarchies().getFirst();
    assertThat(cpuset.controllers()).containsExactly("cpuset");
    assertThat(cpuset.root()).isEqualTo("/sub");
  }

  @Test
  void mountsOutsideTheRootAndEscapedMountPointsAreHandled() {
    CgroupLayout layout = detect("""
        50 22 0:40 / /sys/fs/cgroup-other rw - cgroup cgroup rw,memory
        51 22 0:41 / /sys/fs/cgroup/my\\040pids rw - cgroup cgroup rw,pids
        """);

    assertThat(layout.hierarchies()).extracting(h -> h.mountPoint().toString()).containsExactly("/sys/fs/cgroup/my pids");
  }

  @Test
  void noCgroupMountIsAnError() {
    assertThatThrownBy(() -> detect("22 1 254:0 / / rw - ext4 /dev/vda rw\n"))
        .isInstanceOf(CgroupException.class)
        .hasMessage("no cgroup file system is mounted at or under \"/sys/fs/cgroup\"");
  }

  @Test
  void anUnreadableMountinfoNamesTheFile() {
    assertThatThrownBy(() -> CgroupLayout.detect(root, fake.path("/proc/self/mountinfo")))
        .hasMessage("cannot detect the cgroup layout: read \"/proc/self/mountinfo\": No such file or directory");
  }

  @Test
  void processCgroupsAreFoundByTheirControllerSet() {
    ProcessCgroups own = ProcessCgroups.parse(List.of("4:memory:/process_api/3f3c", "2:cpu,cpuacct:/a", "0::/b"));

    assertThat(own.pathOf(Set.of("memory"))).contains("/process_api/3f3c");
    assertThat(own.pathOf(Set.of("cpuacct", "cpu"))).contains("/a");
    assertThat(own.pathOf(Set.of())).contains("/b");
    assertThat(own.pathOf(Set.of("pids"))).isEmpty();
  }
}
