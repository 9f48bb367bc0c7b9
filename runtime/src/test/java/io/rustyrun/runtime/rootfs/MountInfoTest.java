package io.rustyrun.runtime.rootfs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What {@code --no-pivot} hides before moving the rootfs onto {@code /}. */
class MountInfoTest {

  private static final List<String> HOST = List.of(
      "22 1 8:1 / / rw,relatime shared:1 - ext4 /dev/sda1 rw",
      "23 22 0:21 / /proc rw,nosuid,nodev,noexec shared:12 - proc proc rw",
      "24 22 0:22 / /sys rw,nosuid,nodev,noexec shared:2 - sysfs sysfs rw",
      "25 23 0:40 / /proc/sys/fs/binfmt_misc rw,relatime shared:13 - binfmt_misc binfmt_misc rw",
      "26 22 0:21 /sys /run/proc-sys-bind ro - proc proc rw",
      "27 22 0:50 / /run/rustyrun/web-1/rootfs/proc rw - proc proc rw",
      "28 22 0:51 / /srv/with\\040space rw master:3 - proc proc rw");

  @Test
  void fullProcAndSysfsMountsOutsideTheRootfsInMountinfoOrder() {
    List<Path> hidden = new RootfsSetup.MountInfo(HOST).fullProcAndSysfsOutside(Path.of("/run/rustyrun/web-1/rootfs"));

    // Not binfmt_misc (another type), not a bind of a procfs subtree (root "/sys"), not the rootfs's own.
    assertThat(hidden).containsExactly(Path.of("/proc"), Path.of("/sys"), Path.of("/srv/with space"));
  }
}
