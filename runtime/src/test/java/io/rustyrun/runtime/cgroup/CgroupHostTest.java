package io.rustyrun.runtime.cgroup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CgroupHostTest {

  @Test
  void anAbsolutePathStartsAtEachHierarchysRoot() {
    FakeCgroupFs fake = FakeCgroupFs.hybrid();

    CgroupManager cgroup = fake.host().manager(CgroupPath.of("/libpod_parent/libpod-abc", "abc"));

    assertThat(cgroup).isInstanceOf(CgroupV1Manager.class);
    assertThat(cgroup.directories()).containsEntry("memory", fake.path("/sys/fs/cgroup/memory/libpod_parent/libpod-abc"))
        .containsEntry("name=systemd", fake.path("/sys/fs/cgroup/systemd/libpod_parent/libpod-abc"))
        .hasSize(9);
  }

  @Test
  void aRelativePathStartsAtThisProcesssCgroupPerHierarchy() {
    FakeCgroupFs fake = FakeCgroupFs.hybrid();

    CgroupManager cgroup = fake.host().manager(CgroupPath.of("testdir/cgrouptest", "x"));

    assertThat(cgroup.directories())
        .containsEntry("memory", fake.path("/sys/fs/cgroup/memory/process_api/3f3c/testdir/cgrouptest"))
        .containsEntry("pids", fake.path("/sys/fs/cgroup/pids/testdir/cgrouptest"));
  }

  @Test
  void aRelativePathInsideAMountOfASubCgroupCutsTheMountRoot() {
    FakeCgroupFs fake = new FakeCgroupFs();
    fake.write("/proc/self/mountinfo", "35 31 0:32 /outer /sys/fs/cgroup/memory rw - cgroup cgroup rw,memory\n");
    fake.write("/proc/self/cgroup", "4:memory:/outer/inner\n");

    CgroupManager cgroup = fake.host().manager(CgroupPath.of("c", "x"));

    assertThat(cgroup.directories()).containsExactly(Map.entry("memory", fake.path("/sys/fs/cgroup/memory/inner/c")));
  }

  @Test
  void aRelativePathWithoutOwnCgroupIsAnError() {
    FakeCgroupFs fake = new FakeCgroupFs();
    fake.write("/proc/self/mountinfo", "39 31 0:36 / /sys/fs/cgroup/pids rw - cgroup cgroup rw,pids\n");
    fake.write("/proc/self/cgroup", "0::/\n");

    assertThatThrownBy(() -> fake.host().manager(CgroupPath.of("c", "x")))
        .hasMessage("cannot place a relative cgroup path: this process is in no \"pids\" cgroup");
  }

  @Test
  void onV2ThereIsOneDirectory() {
    FakeCgroupFs fake = FakeCgroupFs.v2();

    CgroupManager absolute = fake.host().manager(CgroupPath.of("/rustyrun/web-1", "web-1"));
    CgroupManager relative = fake.host().manager(CgroupPath.of("web-1", "web-1"));

    assertThat(absolute).isInstanceOf(CgroupV2Manager.class);
    assertThat(absolute.directories()).containsExactly(Map.entry("", fake.path("/sys/fs/cgroup/rustyrun/web-1")));
    assertThat(relative.directories()).containsExactly(Map.entry("", fake.path("/sys/fs/cgroup/user.slice/web-1")));
  }

  @Test
  void reopenGivesTheStoredDirectoriesBack() {
    FakeCgroupFs fake = FakeCgroupFs.hybrid();
    CgroupHost host = fake.host();
    Map<String, Path> created = host.manager(CgroupPath.of("a/b", "x")).directories();
    Map<String, String> stored = new java.util.LinkedHashMap<>();
    created.forEach((name, dir) -> stored.put(name, dir.toString()));

    assertThat(host.reopen(stored).directories()).isEqualTo(created);
  }

  @Test
  void reopenRefusesADirectoryOutsideItsHierarchy() {
    FakeCgroupFs fake = FakeCgroupFs.hybrid();

    assertThatThrownBy(() -> fake.host().reopen(Map.of("memory", "/sys/fs/cgroup/memory/../pids/x")))
        .hasMessage("stored cgroup directory \"/sys/fs/cgroup/memory/../pids/x\" is not below \"/sys/fs/cgroup/memory\"");
    assertThatThrownBy(() -> fake.host().reopen(Map.of("memory", "/sys/fs/cgroup/memory")))
        .isInstanceOf(CgroupException.class);
  }

  @Test
  void reopenOnV2NeedsTheUnifiedEntry() {
    FakeCgroupFs fake = FakeCgroupFs.v2();

    assertThatThrownBy(() -> fake.host().reopen(Map.of("memory", "/sys/fs/cgroup/x")))
        .hasMessage("the stored cgroup directories [memory] have no cgroup v2 entry");
    assertThat(fake.host().reopen(Map.of("", "/sys/fs/cgroup/x")).directories())
        .containsExactly(Map.entry("", fake.path("/sys/fs/cgroup/x")));
  }
}
