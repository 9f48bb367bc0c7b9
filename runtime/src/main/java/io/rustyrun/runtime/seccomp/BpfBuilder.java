package io.rustyrun.runtime.seccomp;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds a classic BPF program backwards, from its last instruction to its first, e.g.
 *
 * <pre>{@code
 * BpfBuilder b = new BpfBuilder();
 * Label deny = b.ret(0x00050001);                  // SECCOMP_RET_ERRNO | EPERM
 * Label allow = b.ret(0x7fff0000);                 // SECCOMP_RET_ALLOW
 * b.jump(Jump.JEQ, 83, deny, allow);               // if (nr == mkdir) ...
 * b.load(0);                                       // A = seccomp_data.nr
 * byte[] program = b.toByteArray();                // ld, jeq, ret allow, ret deny
 * }</pre>
 *
 * <p>Why backwards: classic BPF jumps only forward, and a conditional jump reaches at most 255
 * instructions ({@code jt}/{@code jf} are u8, Documentation/networking/filter.rst). When the end
 * is emitted first, every target is placed before the jump to it, so the distance is known and a
 * jump that is too long goes through an unconditional {@code JA} (32-bit offset) emitted right
 * after it: the "long jump" libseccomp's gen_bpf.c produces with a fix-up pass.
 */
final class BpfBuilder {
  /** BPF_MAXINSNS, include/uapi/linux/bpf_common.h: the kernel refuses longer filters. */
  static final int MAX_INSTRUCTIONS = 4096;

  private static final int MAX_SHORT_JUMP = 255;
  private static final int LD_W_ABS = 0x20; // BPF_LD | BPF_W | BPF_ABS
  private static final int ALU_AND_K = 0x54; // BPF_ALU | BPF_AND | BPF_K
  private static final int JMP_JA = 0x05; // BPF_JMP | BPF_JA
  private static final int RET_K = 0x06; // BPF_RET | BPF_K

  /** The conditional jumps, comparing the accumulator with a constant (BPF_JMP | op | BPF_K). */
  enum Jump {
    JEQ(0x15),
    JGT(0x25),
    JGE(0x35);

    private final int code;

    Jump(int code) {
      this.code = code;
    }
  }

  /** An emitted instruction, counted from the end of the program so it never moves. */
  record Label(int fromEnd) {}

  private record Instruction(int code, int jt, int jf, int k) {}

  private final List<Instruction> reversed = new ArrayList<>();

  /** {@code ret #value}: the filter's verdict. */
  Label ret(int value) {
    return add(RET_K, 0, 0, value);
  }

  /** {@code ld [offset]}: A = the 32-bit word at {@code offset} of struct seccomp_data. */
  Label load(int offset) {
    return add(LD_W_ABS, 0, 0, offset);
  }

  /** {@code and #mask}: A &= mask. */
  Label and(int mask) {
    return add(ALU_AND_K, 0, 0, mask);
  }

  /** {@code ja target}: an unconditional jump, which reaches the whole program. */
  Label goTo(Label target) {
    return add(JMP_JA, 0, 0, distance(target));
  }

  /** {@code j<op> #k, ifTrue, ifFalse}, through {@code ja} trampolines when a target is too far. */
  Label jump(Jump op, int k, Label ifTrue, Label ifFalse) {
    if (distance(ifTrue) > MAX_SHORT_JUMP) {
      ifTrue = goTo(ifTrue);
    }
    if (distance(ifFalse) > MAX_SHORT_JUMP) {
      ifFalse = goTo(ifFalse);
    }
    // A trampoline for ifFalse moved ifTrue one further away, possibly out of reach.
    if (distance(ifTrue) > MAX_SHORT_JUMP) {
      ifTrue = goTo(ifTrue);
    }
    return add(op.code, distance(ifTrue), distance(ifFalse), k);
  }

  int size() {
    return reversed.size();
  }

  /**
   * The program as {@code struct sock_filter[]}: u16 code, u8 jt, u8 jf, u32 k each, in the
   * byte order of the machine (little-endian on both architectures rustyrun supports).
   */
  byte[] toByteArray() {
    ByteBuffer out = ByteBuffer.allocate(reversed.size() * 8).order(ByteOrder.LITTLE_ENDIAN);
    for (Instruction i : reversed.reversed()) {
      out.putShort((short) i.code()).put((byte) i.jt()).put((byte) i.jf()).putInt(i.k());
    }
    return out.array();
  }

  /** How many instructions the next emitted one skips to reach {@code target}. */
  private int distance(Label target) {
    return reversed.size() - 1 - target.fromEnd();
  }

  private Label add(int code, int jt, int jf, int k) {
    reversed.add(new Instruction(code, jt, jf, k));
    return new Label(reversed.size() - 1);
  }
}
