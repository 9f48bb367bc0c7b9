package io.rustyrun.runtime.sys;

import static io.rustyrun.runtime.sys.MountFlag.BIND;
import static io.rustyrun.runtime.sys.MountFlag.NODEV;
import static io.rustyrun.runtime.sys.MountFlag.NOEXEC;
import static io.rustyrun.runtime.sys.MountFlag.NOSUID;
import static io.rustyrun.runtime.sys.MountFlag.PRIVATE;
import static io.rustyrun.runtime.sys.MountFlag.RDONLY;
import static io.rustyrun.runtime.sys.MountFlag.REC;
import static io.rustyrun.runtime.sys.MountFlag.RELATIME;
import static io.rustyrun.runtime.sys.MountFlag.REMOUNT;
import static io.rustyrun.runtime.sys.MountFlag.STRICTATIME;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;

class MountFlagTest {

  @Test
  void rendersNamesInDeclarationOrder() {
    assertThat(MountFlag.render(EnumSet.of(NOEXEC, NOSUID, NODEV))).isEqualTo("MS_NOSUID|MS_NODEV|MS_NOEXEC");
  }

  @Test
  void noFlagsRenderAsZero() {
    assertThat(MountFlag.render(EnumSet.noneOf(MountFlag.class))).isEqualTo("0");
  }

  @Test
  void bitsAreTheKernelValues() {
    assertThat(MountFlag.bits(EnumSet.of(RDONLY, NOSUID, NODEV, NOEXEC))).isEqualTo(0xf);
    assertThat(MountFlag.bits(EnumSet.of(BIND, REC))).isEqualTo(0x5000);
    assertThat(MountFlag.bits(EnumSet.of(PRIVATE, REC))).isEqualTo((1 << 18) | 0x4000);
    assertThat(MountFlag.bits(EnumSet.of(STRICTATIME))).isEqualTo(1 << 24);
  }

  @Test
  void aMountRendersLikeRuncsMountError() {
    Mount m = new Mount("tmpfs", Path.of("/rootfs/dev"), "tmpfs", EnumSet.of(NOSUID), "mode=755");

    assertThat(m.render()).isEqualTo("src=\"tmpfs\", dst=\"/rootfs/dev\", type=\"tmpfs\", flags=MS_NOSUID, data=\"mode=755\"");
  }

  @Test
  void aBindRendersWithoutTypeAndData() {
    Mount m = new Mount("/data", Path.of("/rootfs/data"), "", EnumSet.noneOf(MountFlag.class), "");

    assertThat(m.render()).isEqualTo("src=\"/data\", dst=\"/rootfs/data\", flags=0");
  }

  @Test
  void aMountRendersItsFlagsInDeclarationOrder() {
    Mount m = new Mount("", Path.of("/"), "", EnumSet.of(RDONLY, NOSUID, NODEV, NOEXEC, REMOUNT, BIND, REC, RELATIME), "");

    assertThat(m.render()).isEqualTo(
        "src=\"\", dst=\"/\", flags=MS_RDONLY|MS_NOSUID|MS_NODEV|MS_NOEXEC|MS_REMOUNT|MS_BIND|MS_REC|MS_RELATIME");
  }
}
