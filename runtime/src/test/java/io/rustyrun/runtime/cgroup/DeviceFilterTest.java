package io.rustyrun.runtime.cgroup;

import static io.rustyrun.runtime.cgroup.DeviceRule.ANY;
import static io.rustyrun.runtime.cgroup.DeviceRule.Type.ALL;
import static io.rustyrun.runtime.cgroup.DeviceRule.Type.BLOCK;
import static io.rustyrun.runtime.cgroup.DeviceRule.Type.CHAR;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The device filter program, against the golden output of runc's {@code
 * libcontainer/cgroups/devices/devicefilter_test.go}: the same rules give the same
 * instructions. runc prints jumps as {@code off: -1 <block-N>} before cilium/ebpf resolves
 * them; here the offsets are resolved (the distance from the next instruction to block N).
 */
class DeviceFilterTest {
  /** runc's "load parameters into registers": type, access, major, minor into r2..r5. */
  private static final String PROLOGUE = """
      0: LdXMemW dst: r2 src: r1 off: 0 imm: 0
      1: AndImm32 dst: r2 imm: 65535
      2: LdXMemW dst: r3 src: r1 off: 0 imm: 0
      3: RShImm32 dst: r3 imm: 16
      4: LdXMemW dst: r4 src: r1 off: 4 imm: 0
      5: LdXMemW dst: r5 src: r1 off: 8 imm: 0
      """;

  private static String listing(List<DeviceRule> rules) {
    return DeviceFilter.compile(rules).listing();
  }

  private static DeviceRule deny(DeviceRule.Type type, long major, long minor) {
    return new DeviceRule(false, type, major, minor, "rwm");
  }

  @Test
  void noRulesDenyEverything() {
    assertThat(listing(List.of())).isEqualTo(PROLOGUE + """
        6: MovImm32 dst: r0 imm: 0
        7: Exit""");
  }

  @Test
  void runcsBuiltInAllowList() {
    // runc's specconv.AllowedDevices at the time of the golden test, tuntap (10:200) included.
    List<DeviceRule> rules = List.of(
        DeviceRule.allow(CHAR, ANY, ANY, "m"),
        DeviceRule.allow(BLOCK, ANY, ANY, "m"),
        DeviceRule.allow(CHAR, 1, 3, "rwm"),
        DeviceRule.allow(CHAR, 1, 8, "rwm"),
        DeviceRule.allow(CHAR, 1, 7, "rwm"),
        DeviceRule.allow(CHAR, 5, 0, "rwm"),
        DeviceRule.allow(CHAR, 1, 5, "rwm"),
        DeviceRule.allow(CHAR, 1, 9, "rwm"),
        DeviceRule.allow(CHAR, 136, ANY, "rwm"),
        DeviceRule.allow(CHAR, 5, 2, "rwm"),
        DeviceRule.allow(CHAR, 10, 200, "rwm"));

    // Blocks in runc's order (major, minor, then b before c): b *:* m, c *:* m, c 1:3, 1:5,
    // 1:7, 1:8, 1:9, 5:0, 5:2, 10:200, 136:*; then the default, deny.
    assertThat(listing(rules)).isEqualTo(PROLOGUE + """
        6: JNEImm dst: r2 off: 5 imm: 1
        7: MovReg32 dst: r1 src: r3
        8: AndImm32 dst: r1 imm: 1
        9: JNEReg dst: r1 off: 2 src: r3
        10: MovImm32 dst: r0 imm: 1
        11: Exit
        12: JNEImm dst: r2 off: 5 imm: 2
        13: MovReg32 dst: r1 src: r3
        14: AndImm32 dst: r1 imm: 1
        15: JNEReg dst: r1 off: 2 src: r3
        16: MovImm32 dst: r0 imm: 1
        17: Exit
        18: JNEImm dst: r2 off: 4 imm: 2
        19: JNEImm dst: r4 off: 3 imm: 1
        20: JNEImm dst: r5 off: 2 imm: 3
        21: MovImm32 dst: r0 imm: 1
        22: Exit
        23: JNEImm dst: r2 off: 4 imm: 2
        24: JNEImm dst: r4 off: 3 imm: 1
        25: JNEImm dst: r5 off: 2 imm: 5
        26: MovImm32 dst: r0 imm: 1
        27: Exit
        28: JNEImm dst: r2 off: 4 imm: 2
        29: JNEImm dst: r4 off: 3 imm: 1
        30: JNEImm dst: r5 off: 2 imm: 7
        31: MovImm32 dst: r0 imm: 1
        32: Exit
        33: JNEImm dst: r2 off: 4 imm: 2
        34: JNEImm dst: r4 off: 3 imm: 1
        35: JNEImm dst: r5 off: 2 imm: 8
        36: MovImm32 dst: r0 imm: 1
        37: Exit
        38: JNEImm dst: r2 off: 4 imm: 2
        39: JNEImm dst: r4 off: 3 imm: 1
        40: JNEImm dst: r5 off: 2 imm: 9
        41: MovImm32 dst: r0 imm: 1
        42: Exit
        43: JNEImm dst: r2 off: 4 imm: 2
        44: JNEImm dst: r4 off: 3 imm: 5
        45: JNEImm dst: r5 off: 2 imm: 0
        46: MovImm32 dst: r0 imm: 1
        47: Exit
        48: JNEImm dst: r2 off: 4 imm: 2
        49: JNEImm dst: r4 off: 3 imm: 5
        50: JNEImm dst: r5 off: 2 imm: 2
        51: MovImm32 dst: r0 imm: 1
        52: Exit
        53: JNEImm dst: r2 off: 4 imm: 2
        54: JNEImm dst: r4 off: 3 imm: 10
        55: JNEImm dst: r5 off: 2 imm: 200
        56: MovImm32 dst: r0 imm: 1
        57: Exit
        58: JNEImm dst: r2 off: 3 imm: 2
        59: JNEImm dst: r4 off: 2 imm: 136
        60: MovImm32 dst: r0 imm: 1
        61: Exit
        62: MovImm32 dst: r0 imm: 0
        63: Exit""");
  }

  @Test
  void privilegedAllowsEverything() {
    assertThat(listing(List.of(DeviceRule.allow(ALL, ANY, ANY, "rwm")))).isEqualTo(PROLOGUE + """
        6: MovImm32 dst: r0 imm: 1
        7: Exit""");
  }

  @Test
  void privilegedExceptSingleDevice() {
    List<DeviceRule> rules = List.of(DeviceRule.allow(ALL, ANY, ANY, "rwm"), deny(BLOCK, 8, 0));

    assertThat(listing(rules)).isEqualTo(PROLOGUE + """
        6: JNEImm dst: r2 off: 4 imm: 1
        7: JNEImm dst: r4 off: 3 imm: 8
        8: JNEImm dst: r5 off: 2 imm: 0
        9: MovImm32 dst: r0 imm: 0
        10: Exit
        11: MovImm32 dst: r0 imm: 1
        12: Exit""");
  }

  @Test
  void weird() {
    // The deny of 8:1 comes before the allow-all resets the rules: 8:1 is allowed, 8:2 is not,
    // as cgroup v1 would have it.
    List<DeviceRule> rules = List.of(deny(BLOCK, 8, 1), DeviceRule.allow(ALL, ANY, ANY, "rwm"), deny(BLOCK, 8, 2));

    assertThat(listing(rules)).isEqualTo(PROLOGUE + """
        6: JNEImm dst: r2 off: 4 imm: 1
        7: JNEImm dst: r4 off: 3 imm: 8
        8: JNEImm dst: r5 off: 2 imm: 2
        9: MovImm32 dst: r0 imm: 0
        10: Exit
        11: MovImm32 dst: r0 imm: 1
        12: Exit""");
  }

  @Test
  void aPartialAccessChecksTheRequestedAccessIsASubset() {
    // rw is BPF_DEVCG_ACC_READ | BPF_DEVCG_ACC_WRITE = 2 | 4.
    List<DeviceRule> rules = List.of(DeviceRule.DENY_ALL, DeviceRule.allow(CHAR, 10, 229, "rw"));

    assertThat(listing(rules)).isEqualTo(PROLOGUE + """
        6: JNEImm dst: r2 off: 7 imm: 2
        7: MovReg32 dst: r1 src: r3
        8: AndImm32 dst: r1 imm: 6
        9: JNEReg dst: r1 off: 4 src: r3
        10: JNEImm dst: r4 off: 3 imm: 10
        11: JNEImm dst: r5 off: 2 imm: 229
        12: MovImm32 dst: r0 imm: 1
        13: Exit
        14: MovImm32 dst: r0 imm: 0
        15: Exit""");
  }

  @Test
  void rustyrunsDefaultsAfterTheDenyAllGiveOneBlockPerAllowedDevice() {
    List<DeviceRule> rules = new ArrayList<>(List.of(DeviceRule.DENY_ALL));
    rules.addAll(DeviceRule.defaults());

    // 2 wildcard-mknod blocks of 6, 8 device blocks of 5, 136:* of 4, the default of 2.
    assertThat(DeviceFilter.compile(rules).instructions()).hasSize(6 + 2 * 6 + 8 * 5 + 4 + 2);
    assertThat(listing(rules)).endsWith("""
        58: JNEImm dst: r2 off: 3 imm: 2
        59: JNEImm dst: r4 off: 2 imm: 136
        60: MovImm32 dst: r0 imm: 1
        61: Exit
        62: MovImm32 dst: r0 imm: 0
        63: Exit""");
  }

  @Test
  void aDenyThatWouldPunchAHoleInAWildcardAllowIsRefused() {
    List<DeviceRule> rules = List.of(DeviceRule.DENY_ALL, DeviceRule.allow(CHAR, 1, ANY, "rwm"), deny(CHAR, 1, 3));

    assertThatThrownBy(() -> DeviceFilter.compile(rules))
        .isInstanceOf(CgroupException.class)
        .hasMessage("cannot apply device rule \"deny c 1:3 rwm\": it would punch a hole in the earlier rule "
            + "\"allow c 1:* rwm\", which cgroup v1 semantics do not allow");
  }

  @Test
  void aDenyRemovesOnlyItsAccessFromAnException() {
    List<DeviceRule> rules = List.of(DeviceRule.DENY_ALL, DeviceRule.allow(CHAR, 1, 3, "rwm"),
        new DeviceRule(false, CHAR, 1, 3, "w"));

    assertThat(DeviceRuleSet.of(rules).exceptions()).containsExactly(DeviceRule.allow(CHAR, 1, 3, "rm"));
  }
}
