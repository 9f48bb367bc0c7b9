package io.rustyrun.runtime.seccomp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rustyrun.runtime.seccomp.SeccompAction.Kind;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SeccompConfigTest {

  private static final SeccompConfig RICH = new SeccompConfig(SeccompAction.errno(38),
      List.of(
          new SyscallRule(List.of("read", "write"), SeccompAction.of(Kind.ALLOW), List.of()),
          new SyscallRule(List.of("socket"), SeccompAction.errno(22), List.of(
              new ArgCondition(0, 16, 0, CompareOp.EQ), new ArgCondition(5, -1L, 0x8000_0000_0000_0001L,
                  CompareOp.MASKED_EQ))),
          new SyscallRule(List.of("ptrace"), new SeccompAction(Kind.TRACE, 0xFFFF), List.of()),
          new SyscallRule(List.of("kexec_load"), SeccompAction.of(Kind.KILL_PROCESS), List.of())),
      EnumSet.of(FilterFlag.LOG, FilterFlag.SPEC_ALLOW));

  private static SeccompConfig roundTrip(SeccompConfig config) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(bytes);
    config.write(out);
    out.flush();
    return SeccompConfig.read(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
  }

  @Test
  void binaryFormRoundTrips() throws IOException {
    assertThat(roundTrip(RICH)).isEqualTo(RICH);
    SeccompConfig empty = new SeccompConfig(SeccompAction.of(Kind.ALLOW), List.of(), Set.of());
    assertThat(roundTrip(empty)).isEqualTo(empty);
  }

  @Test
  void flagBitsAreTheSyscallArgument() {
    assertThat(RICH.flagBits()).isEqualTo(2 | 4);
    assertThat(new SeccompConfig(SeccompAction.of(Kind.ALLOW), List.of(), Set.of(FilterFlag.TSYNC)).flagBits())
        .isEqualTo(1);
  }

  @Test
  void actionsCarryDataOnlyWhereTheKernelReadsIt() {
    assertThatThrownBy(() -> new SeccompAction(Kind.ALLOW, 1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> SeccompAction.errno(0x10000)).isInstanceOf(IllegalArgumentException.class);
    assertThat(SeccompAction.errno(38).ret()).isEqualTo(0x00050026);
    assertThat(SeccompAction.of(Kind.KILL_PROCESS).ret()).isEqualTo(0x80000000);
  }

  @Test
  void conditionsNameOneOfSixArguments() {
    assertThatThrownBy(() -> new ArgCondition(6, 0, 0, CompareOp.EQ)).hasMessageContaining("0 to 5");
  }
}
