package io.rustyrun.runtime.config;

import static io.rustyrun.runtime.sys.MountFlag.NODEV;
import static io.rustyrun.runtime.sys.MountFlag.NOEXEC;
import static io.rustyrun.runtime.sys.MountFlag.NOSUID;
import static io.rustyrun.runtime.sys.MountFlag.STRICTATIME;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class DefaultMountsTest {

  private static MountEntry tmpfs(String destination) {
    return new MountEntry(destination, "tmpfs", "tmpfs", EnumSet.of(NOSUID), List.of(), "size=1m");
  }

  private static List<String> destinations(List<MountEntry> mounts) {
    return mounts.stream().map(MountEntry::destination).toList();
  }

  @Test
  void anEmptyListGetsAllSixDefaultsInCanonicalOrder() {
    List<MountEntry> mounts = DefaultMounts.complete(List.of());

    assertThat(destinations(mounts))
        .containsExactly("/proc", "/dev", "/dev/pts", "/dev/shm", "/dev/mqueue", "/sys");
  }

  @Test
  void theDefaultsCarryRuncsOptions() {
    List<MountEntry> mounts = DefaultMounts.complete(List.of());

    assertThat(mounts.get(0)).isEqualTo(
        new MountEntry("/proc", "proc", "proc", EnumSet.of(NOSUID, NOEXEC, NODEV), List.of(), ""));
    assertThat(mounts.get(1)).isEqualTo(
        new MountEntry("/dev", "tmpfs", "tmpfs", EnumSet.of(NOSUID, STRICTATIME), List.of(), "mode=755,size=65536k"));
    assertThat(mounts.get(2).data()).isEqualTo("newinstance,ptmxmode=0666,mode=0620,gid=5");
  }

  @Test
  void defaultsComeBeforeUnrelatedSpecMounts() {
    List<MountEntry> mounts = DefaultMounts.complete(List.of(tmpfs("/tmp")));

    assertThat(destinations(mounts))
        .containsExactly("/proc", "/dev", "/dev/pts", "/dev/shm", "/dev/mqueue", "/sys", "/tmp");
  }

  @Test
  void aSpecDevKeepsTheDevDefaultsAfterIt() {
    MountEntry specDev = tmpfs("/dev");

    List<MountEntry> mounts = DefaultMounts.complete(List.of(tmpfs("/tmp"), specDev));

    assertThat(mounts).filteredOn(m -> m.destination().equals("/dev")).containsExactly(specDev);
    List<String> d = destinations(mounts);
    assertThat(d.indexOf("/dev/pts")).isGreaterThan(d.indexOf("/dev"));
    assertThat(d.indexOf("/dev/shm")).isGreaterThan(d.indexOf("/dev/pts"));
    assertThat(d.indexOf("/dev/mqueue")).isGreaterThan(d.indexOf("/dev/shm"));
    assertThat(d).containsExactly("/proc", "/tmp", "/dev", "/dev/pts", "/dev/shm", "/dev/mqueue", "/sys");
  }

  @Test
  void aSpecProcIsNotDuplicated() {
    MountEntry specProc = new MountEntry("/proc", "proc", "proc", EnumSet.noneOf(io.rustyrun.runtime.sys.MountFlag.class), List.of(), "");

    List<MountEntry> mounts = DefaultMounts.complete(List.of(specProc));

    assertThat(mounts).filteredOn(m -> m.destination().equals("/proc")).containsExactly(specProc);
    assertThat(mounts).hasSize(6);
  }

  @Test
  void aTrailingSlashDestinationCountsAsProvided() {
    MountEntry specProc = new MountEntry("/proc/", "proc", "proc", EnumSet.of(NOSUID), List.of(), "");

    List<MountEntry> mounts = DefaultMounts.complete(List.of(specProc, tmpfs("//sys//")));

    assertThat(destinations(mounts))
        .containsExactlyInAnyOrder("/proc/", "/dev", "/dev/pts", "/dev/shm", "/dev/mqueue", "//sys//");
  }

  @Test
  void aDefaultIsNeverMountedOverASpecMountBeneathIt() {
    List<MountEntry> mounts = DefaultMounts.complete(List.of(
        new MountEntry("/sys/fs/cgroup", "cgroup2", "cgroup", EnumSet.of(NOSUID), List.of(), ""), tmpfs("/dev")));

    List<String> d = destinations(mounts);
    assertThat(d.indexOf("/sys")).isLessThan(d.indexOf("/sys/fs/cgroup"));
  }
}
