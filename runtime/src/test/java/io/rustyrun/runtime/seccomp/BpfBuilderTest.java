package io.rustyrun.runtime.seccomp;

import static org.assertj.core.api.Assertions.assertThat;

import io.rustyrun.runtime.seccomp.BpfBuilder.Jump;
import io.rustyrun.runtime.seccomp.BpfBuilder.Label;
import io.rustyrun.runtime.seccomp.BpfInterpreter.SeccompData;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Jumps around the 255-instruction reach of jt/jf. */
class BpfBuilderTest {

  /** if (nr == 1) return 11; if (nr == 2) return 22; return 33, with {@code gap} loads between. */
  private static byte[] program(int gapBeforeTrue, int gapBeforeFalse) {
    BpfBuilder b = new BpfBuilder();
    Label ifTrue = b.ret(11);
    pad(b, gapBeforeTrue);
    Label ifFalse = b.jump(Jump.JEQ, 2, b.ret(22), b.ret(33));
    pad(b, gapBeforeFalse);
    b.jump(Jump.JEQ, 1, ifTrue, ifFalse);
    b.load(0);
    return b.toByteArray();
  }

  private static void pad(BpfBuilder b, int count) {
    for (int i = 0; i < count; i++) {
      b.load(0);
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 200, 252, 253, 254, 255, 256, 300, 1000})
  void farTargetsAreReachedThroughJa(int gap) {
    for (int[] gaps : new int[][] {{gap, 0}, {0, gap}, {gap, gap}, {gap, 255 - gap < 0 ? 0 : 255 - gap}}) {
      byte[] program = program(gaps[0], gaps[1]);

      assertThat(BpfInterpreter.run(program, new SeccompData(1, 0, 0))).isEqualTo(11);
      assertThat(BpfInterpreter.run(program, new SeccompData(2, 0, 0))).isEqualTo(22);
      assertThat(BpfInterpreter.run(program, new SeccompData(3, 0, 0))).isEqualTo(33);
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 100, 252})
  void nearTargetsNeedNoJa(int gap) {
    byte[] program = program(gap, 0);

    // ld, jeq 1, jeq 2, ret 33, ret 22, gap loads, ret 11: the first jeq's jt skips gap + 3.
    assertThat(program.length / 8).isEqualTo(gap + 6);
    assertThat(jumpTrue(program, 1)).isEqualTo(gap + 3);
  }

  @ParameterizedTest
  @ValueSource(ints = {253, 1000})
  void aFarTargetCostsOneJa(int gap) {
    byte[] program = program(gap, 0);

    // ld, jeq 1 (jt 0), ja, jeq 2, ...: the JA carries the long offset.
    assertThat(program.length / 8).isEqualTo(gap + 7);
    assertThat(jumpTrue(program, 1)).isZero();
    assertThat(ByteBuffer.wrap(program).order(ByteOrder.LITTLE_ENDIAN).getShort(16)).isEqualTo((short) 0x05);
  }

  private static int jumpTrue(byte[] program, int index) {
    ByteBuffer code = ByteBuffer.wrap(program).order(ByteOrder.LITTLE_ENDIAN);
    assertThat(code.getShort(index * 8)).isEqualTo((short) 0x15);
    return Byte.toUnsignedInt(code.get(index * 8 + 2));
  }
}
