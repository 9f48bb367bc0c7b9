package io.rustyrun.runtime.sys;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DeviceNodeTest {

  /** glibc's gnu_dev_makedev, written out as in sys/sysmacros.h. */
  private static long glibcMakedev(long major, long minor) {
    return ((major & 0x00000fffL) << 8) | ((major & 0xfffff000L) << 32)
        | (minor & 0x000000ffL) | ((minor & 0xffffff00L) << 12);
  }

  private static DeviceNode chr(int major, int minor) {
    return new DeviceNode(DeviceNode.Type.CHAR, major, minor, 0666);
  }

  @Test
  void devNullIs259() {
    assertThat(chr(1, 3).dev()).isEqualTo(259L);
  }

  @Test
  void ttyIs5Colon0() {
    assertThat(chr(5, 0).dev()).isEqualTo(0x500L);
  }

  @Test
  void aLargeMinorUsesTheHighMinorBits() {
    assertThat(chr(259, 65536).dev()).isEqualTo(268_501_760L).isEqualTo(glibcMakedev(259, 65536));
  }

  @Test
  void aLargeMajorUsesTheHighMajorBits() {
    assertThat(chr(4096, 1).dev()).isEqualTo(glibcMakedev(4096, 1)).isEqualTo((1L << 44) | 1L);
    assertThat(chr(0xfffff, 0xfffff).dev()).isEqualTo(glibcMakedev(0xfffff, 0xfffff));
  }

  @Test
  void typeBitsAreTheSIfValues() {
    assertThat(DeviceNode.Type.CHAR.bits()).isEqualTo(0020000);
    assertThat(DeviceNode.Type.BLOCK.bits()).isEqualTo(0060000);
    assertThat(DeviceNode.Type.FIFO.bits()).isEqualTo(0010000);
  }

  @Test
  void rendersTypeNumbersAndOctalMode() {
    assertThat(chr(1, 3)).hasToString("char 1:3 mode 666");
  }
}
