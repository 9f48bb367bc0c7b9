package io.rustyrun.runtime.ebpf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteOrder;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** The encoding the kernel reads and the jump offsets the assembler resolves. */
class AssemblerTest {

  private static String hex(Program program) {
    return HexFormat.ofDelimiter(" ").formatHex(program.bytes());
  }

  @Test
  void encodesOpcodeRegistersOffsetAndImmediateInEightBytes() {
    assertThat(ByteOrder.nativeOrder()).as("the expected bytes are little-endian").isEqualTo(ByteOrder.LITTLE_ENDIAN);
    Program program = new Assembler()
        .loadWord(Register.R2, Register.R1, 4)   // src r1 in the high nibble, dst r2 in the low
        .andImm32(Register.R2, 0xFFFF)
        .movReg32(Register.R1, Register.R3)
        .movImm32(Register.R0, 1)
        .exit()
        .assemble();

    assertThat(hex(program)).isEqualTo(String.join(" ",
        "61 12 04 00 00 00 00 00",
        "54 02 00 00 ff ff 00 00",
        "bc 31 00 00 00 00 00 00",
        "b4 00 00 00 01 00 00 00",
        "95 00 00 00 00 00 00 00"));
  }

  @Test
  void aJumpCountsFromTheInstructionAfterIt() {
    Assembler.Label deny = new Assembler.Label("deny");
    Program program = new Assembler()
        .jumpIfNotEqual(Register.R2, 2, deny)
        .jumpIfNotEqual(Register.R1, Register.R3, deny)
        .movImm32(Register.R0, 1).exit()
        .bind(deny).movImm32(Register.R0, 0).exit()
        .assemble();

    assertThat(program.listing()).isEqualTo("""
        0: JNEImm dst: r2 off: 3 imm: 2
        1: JNEReg dst: r1 off: 2 src: r3
        2: MovImm32 dst: r0 imm: 1
        3: Exit
        4: MovImm32 dst: r0 imm: 0
        5: Exit""");
    assertThat(hex(program)).startsWith("55 02 03 00 02 00 00 00 5d 31 02 00 00 00 00 00");
  }

  @Test
  void aJumpToALabelThatNamesNoInstructionIsRefused() {
    Assembler.Label end = new Assembler.Label("end");
    Assembler assembler = new Assembler().jumpIfNotEqual(Register.R2, 1, end).exit().bind(end);

    assertThatThrownBy(assembler::assemble)
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("jump at 0 to label \"end\", which names no instruction");
  }

  @Test
  void aLabelBoundTwiceIsRefused() {
    Assembler.Label here = new Assembler.Label("here");
    Assembler assembler = new Assembler().bind(here).exit();

    assertThatThrownBy(() -> assembler.bind(here)).hasMessage("label \"here\" is bound twice");
  }
}
