package io.rustyrun.runtime.sys;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WaitStatusTest {

  @Test
  void anExitedProcessReportsItsCode() {
    WaitStatus s = WaitStatus.decode(0x0300);

    assertThat(s.signaled()).isFalse();
    assertThat(s.exitCode()).isEqualTo(3);
  }

  @Test
  void exitedEncodesLikeTheKernel() {
    assertThat(WaitStatus.exited(1).raw()).isEqualTo(0x0100);
    assertThat(WaitStatus.exited(255).exitCode()).isEqualTo(255);
    assertThat(WaitStatus.exited(256).exitCode()).isZero();
  }

  @Test
  void aKilledProcessIs128PlusTheSignal() {
    WaitStatus s = WaitStatus.decode(9);

    assertThat(s.signaled()).isTrue();
    assertThat(s.signal()).isEqualTo(9);
    assertThat(s.exitCode()).isEqualTo(137);
  }

  @Test
  void theCoreDumpBitDoesNotChangeTheSignal() {
    WaitStatus s = WaitStatus.decode(0x80 | 6);

    assertThat(s.signal()).isEqualTo(6);
    assertThat(s.exitCode()).isEqualTo(134);
  }

  @Test
  void aStoppedStatusIsNotASignalDeath() {
    assertThat(WaitStatus.decode(0x137f).signaled()).isFalse();
  }
}
