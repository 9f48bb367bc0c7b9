package io.rustyrun.runtime.ebpf;

/**
 * The eBPF operations the device filter needs, with their opcode byte (class | operation |
 * source, from {@code include/uapi/linux/bpf.h} and {@code bpf_common.h}) and the mnemonic
 * cilium/ebpf's {@code asm} package prints, so a listing reads like runc's golden tests.
 *
 * <pre>{@code
 * Opcode.JNE_IMM.code()   // 0x55: BPF_JMP (0x05) | BPF_JNE (0x50) | BPF_K (0x00)
 * }</pre>
 */
public enum Opcode {
  /** {@code dst = *(u32 *)(src + off)}: BPF_LDX | BPF_MEM | BPF_W. */
  LDX_MEM_W(0x61, "LdXMemW", Operands.LOAD),
  /** {@code dst &= imm}, 32-bit: BPF_ALU | BPF_AND | BPF_K. */
  AND_IMM32(0x54, "AndImm32", Operands.IMMEDIATE),
  /** {@code dst >>= imm}, 32-bit: BPF_ALU | BPF_RSH | BPF_K. */
  RSH_IMM32(0x74, "RShImm32", Operands.IMMEDIATE),
  /** {@code dst = src}, 32-bit: BPF_ALU | BPF_MOV | BPF_X. */
  MOV_REG32(0xbc, "MovReg32", Operands.REGISTER),
  /** {@code dst = imm}, 32-bit: BPF_ALU | BPF_MOV | BPF_K. */
  MOV_IMM32(0xb4, "MovImm32", Operands.IMMEDIATE),
  /** {@code if dst != imm goto pc + 1 + off}: BPF_JMP | BPF_JNE | BPF_K. */
  JNE_IMM(0x55, "JNEImm", Operands.JUMP_IMMEDIATE),
  /** {@code if dst != src goto pc + 1 + off}: BPF_JMP | BPF_JNE | BPF_X. */
  JNE_REG(0x5d, "JNEReg", Operands.JUMP_REGISTER),
  /** Return {@code r0}: BPF_JMP | BPF_EXIT. */
  EXIT(0x95, "Exit", Operands.NONE);

  /** Which fields an instruction of this kind uses, for its listing. */
  enum Operands { LOAD, IMMEDIATE, REGISTER, JUMP_IMMEDIATE, JUMP_REGISTER, NONE }

  private final int code;
  private final String mnemonic;
  private final Operands operands;

  Opcode(int code, String mnemonic, Operands operands) {
    this.code = code;
    this.mnemonic = mnemonic;
    this.operands = operands;
  }

  public int code() {
    return code;
  }

  public String mnemonic() {
    return mnemonic;
  }

  Operands operands() {
    return operands;
  }
}
