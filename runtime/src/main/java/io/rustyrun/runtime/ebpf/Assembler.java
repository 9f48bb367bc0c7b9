package io.rustyrun.runtime.ebpf;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds a {@link Program} from named operations; jumps go to {@link Label}s, which are resolved
 * to offsets once every instruction is known (as cilium/ebpf's {@code asm} symbols are).
 *
 * <pre>{@code
 * Assembler.Label next = new Assembler.Label("block-1");
 * Program p = new Assembler()
 *     .jumpIfNotEqual(Register.R2, 2, next)   // not a char device: try the next block
 *     .movImm32(Register.R0, 1).exit()
 *     .bind(next).movImm32(Register.R0, 0).exit()
 *     .assemble();
 * }</pre>
 */
public final class Assembler {

  /** A jump target; bind it to the position of the next instruction with {@link #bind}. */
  public record Label(String name) {}

  /** An instruction whose jump offset waits for its label. */
  private record Pending(Instruction instruction, Label target) {}

  private final List<Pending> pending = new ArrayList<>();
  private final Map<Label, Integer> positions = new HashMap<>();

  /** {@code dst = *(u32 *)(src + offset)}. */
  public Assembler loadWord(Register dst, Register src, int offset) {
    return add(new Instruction(Opcode.LDX_MEM_W, dst, src, checkedOffset(offset), 0), null);
  }

  /** {@code dst &= imm} (32-bit). */
  public Assembler andImm32(Register dst, int imm) {
    return add(new Instruction(Opcode.AND_IMM32, dst, Register.R0, (short) 0, imm), null);
  }

  /** {@code dst >>= imm} (32-bit, logical). */
  public Assembler rshImm32(Register dst, int imm) {
    return add(new Instruction(Opcode.RSH_IMM32, dst, Register.R0, (short) 0, imm), null);
  }

  /** {@code dst = src} (32-bit). */
  public Assembler movReg32(Register dst, Register src) {
    return add(new Instruction(Opcode.MOV_REG32, dst, src, (short) 0, 0), null);
  }

  /** {@code dst = imm} (32-bit). */
  public Assembler movImm32(Register dst, int imm) {
    return add(new Instruction(Opcode.MOV_IMM32, dst, Register.R0, (short) 0, imm), null);
  }

  /** {@code if (dst != imm) goto target}. */
  public Assembler jumpIfNotEqual(Register dst, int imm, Label target) {
    return add(new Instruction(Opcode.JNE_IMM, dst, Register.R0, (short) 0, imm), target);
  }

  /** {@code if (dst != src) goto target}. */
  public Assembler jumpIfNotEqual(Register dst, Register src, Label target) {
    return add(new Instruction(Opcode.JNE_REG, dst, src, (short) 0, 0), target);
  }

  /** {@code return r0}. */
  public Assembler exit() {
    return add(new Instruction(Opcode.EXIT, Register.R0, Register.R0, (short) 0, 0), null);
  }

  /** Makes {@code label} name the next instruction added. */
  public Assembler bind(Label label) {
    if (positions.putIfAbsent(label, pending.size()) != null) {
      throw new IllegalStateException("label \"" + label.name() + "\" is bound twice");
    }
    return this;
  }

  /**
   * Resolves every jump: the kernel counts a jump's offset from the instruction after it, and
   * accepts only forward jumps to a real instruction in a program like this one (no loops).
   */
  public Program assemble() {
    List<Instruction> out = new ArrayList<>(pending.size());
    for (int pc = 0; pc < pending.size(); pc++) {
      Pending p = pending.get(pc);
      out.add(p.target() == null ? p.instruction() : resolved(p, pc));
    }
    return new Program(out);
  }

  private Instruction resolved(Pending p, int pc) {
    Integer target = positions.get(p.target());
    if (target == null || target >= pending.size()) {
      throw new IllegalStateException("jump at " + pc + " to label \"" + p.target().name() + "\", which names no instruction");
    }
    Instruction i = p.instruction();
    return new Instruction(i.opcode(), i.dst(), i.src(), checkedOffset(target - pc - 1), i.immediate());
  }

  private Assembler add(Instruction instruction, Label target) {
    pending.add(new Pending(instruction, target));
    return this;
  }

  private static short checkedOffset(int offset) {
    if (offset < Short.MIN_VALUE || offset > Short.MAX_VALUE) {
      throw new IllegalStateException("offset " + offset + " does not fit an instruction's 16 bits");
    }
    return (short) offset;
  }
}
