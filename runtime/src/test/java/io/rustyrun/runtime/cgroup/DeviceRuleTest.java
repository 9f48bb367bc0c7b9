package io.rustyrun.runtime.cgroup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DeviceRuleTest {

  @Test
  void rendersTheKernelSyntaxWithWildcards() {
    assertThat(DeviceRule.allow(DeviceRule.Type.CHAR, 1, 3, "rwm").render()).isEqualTo("c 1:3 rwm");
    assertThat(DeviceRule.allow(DeviceRule.Type.CHAR, 136, DeviceRule.ANY, "rwm").render()).isEqualTo("c 136:* rwm");
    assertThat(DeviceRule.allow(DeviceRule.Type.BLOCK, DeviceRule.ANY, DeviceRule.ANY, "m").render()).isEqualTo("b *:* m");
    assertThat(DeviceRule.DENY_ALL.render()).isEqualTo("a *:* rwm");
    assertThat(DeviceRule.DENY_ALL).hasToString("deny a *:* rwm");
  }

  @Test
  void theDefaultsAreRuncsListPlusTheConsole() {
    assertThat(DeviceRule.defaults()).extracting(DeviceRule::render).containsExactly(
        "c *:* m", "b *:* m", "c 1:3 rwm", "c 1:8 rwm", "c 1:7 rwm", "c 5:0 rwm", "c 1:5 rwm", "c 1:9 rwm",
        "c 136:* rwm", "c 5:2 rwm", "c 5:1 rwm");
    assertThat(DeviceRule.defaults()).allMatch(DeviceRule::allow);
  }

  @ParameterizedTest
  @CsvSource({"''", "mr", "rr", "x"})
  void refusesAccessThatIsNotCanonicalRwm(String access) {
    assertThatThrownBy(() -> DeviceRule.allow(DeviceRule.Type.CHAR, 1, 3, access))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("\"" + access + "\"");
  }

  @Test
  void refusesNegativeNumbersOtherThanTheWildcard() {
    assertThatThrownBy(() -> DeviceRule.allow(DeviceRule.Type.CHAR, -2, 3, "r")).hasMessage("device number -2:3 is negative");
  }

  @ParameterizedTest
  @CsvSource({"104857600, 100m", "1073741824, 1g", "4096, 4k", "1000, 1000", "-1, unlimited", "0, 0"})
  void memoryIsShownInHumanUnits(long bytes, String text) {
    assertThat(MemoryLimits.human(bytes)).isEqualTo(text);
  }
}
