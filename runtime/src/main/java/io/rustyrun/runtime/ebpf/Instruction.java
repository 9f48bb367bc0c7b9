package io.rustyrun.runtime.ebpf;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * One eBPF instruction, {@code struct bpf_insn}: 8 bytes holding the opcode, the destination
 * register in the low and the source register in the high nibble of the second byte, a signed
 * 16-bit offset and a signed 32-bit immediate, in the host's byte order.
 *
 * <pre>{@code
 * new Instruction(Opcode.MOV_IMM32, Register.R0, Register.R0, (short) 0, 1).toString()
 * // "MovImm32 dst: r0 imm: 1"; encoded b4 00 00 00 01 00 00 00 on x86_64
 * }</pre>
 *
 * @param opcode the operation
 * @param dst the destination register
 * @param src the source register ({@link Register#R0} where the operation has none)
 * @param offset a load's displacement, or a jump's distance from the next instruction
 * @param immediate the constant operand
 */
public record Instruction(Opcode opcode, Register dst, Register src, short offset, int immediate) {

  /** The size of one encoded instruction. */
  public static final int BYTES = 8;

  /** Appends the 8-byte encoding; {@code out} must be in {@link ByteOrder#nativeOrder()}. */
  void encodeInto(ByteBuffer out) {
    out.put((byte) opcode.code());
    out.put((byte) (src.number() << 4 | dst.number()));
    out.putShort(offset);
    out.putInt(immediate);
  }

  /** The form cilium/ebpf prints, as in runc's {@code devicefilter_test.go}. */
  @Override
  public String toString() {
    String name = opcode.mnemonic();
    return switch (opcode.operands()) {
      case LOAD -> name + " dst: " + dst + " src: " + src + " off: " + offset + " imm: " + immediate;
      case IMMEDIATE -> name + " dst: " + dst + " imm: " + immediate;
      case REGISTER -> name + " dst: " + dst + " src: " + src;
      case JUMP_IMMEDIATE -> name + " dst: " + dst + " off: " + offset + " imm: " + immediate;
      case JUMP_REGISTER -> name + " dst: " + dst + " off: " + offset + " src: " + src;
      case NONE -> name;
    };
  }
}
