package io.rustyrun.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class UnpackResultTest {
  @Test
  void theSummaryRoundsMegabytesToTenthsAndSecondsToHundredths() {
    assertThat(new UnpackResult("rootfs-tar", 1, 6680, 171_949_999, Duration.ofMillis(654))
        .summary()).isEqualTo("unpacked rootfs-tar: 1 layer, 6680 entries, 171.9 MB in 0.65 s");
    assertThat(new UnpackResult("oci-archive", 3, 344, 7_250_000, Duration.ofMillis(12_345))
        .summary()).isEqualTo("unpacked oci-archive: 3 layers, 344 entries, 7.3 MB in 12.35 s");
    assertThat(new UnpackResult("oci-layout", 2, 2, 40_000, Duration.ofMillis(5)).summary())
        .isEqualTo("unpacked oci-layout: 2 layers, 2 entries, 0.0 MB in 0.01 s");
  }
}
