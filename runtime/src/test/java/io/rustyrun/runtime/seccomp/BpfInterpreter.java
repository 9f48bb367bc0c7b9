package io.rustyrun.runtime.seccomp;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Runs a seccomp filter the way the kernel does (kernel/seccomp.c + the classic BPF checker),
 * for the instructions the compiler emits, e.g.
 *
 * <pre>{@code
 * int ret = BpfInterpreter.run(program.bytes(), SeccompData.of(Arch.X86_64, 83));
 * }</pre>
 *
 * <p>It refuses what the kernel would refuse: an unknown opcode, a jump out of the program, a
 * load outside {@code struct seccomp_data}, falling off the end, more than 4096 instructions.
 */
final class BpfInterpreter {

  /** {@code struct seccomp_data}: nr, arch, instruction_pointer, args[6]. */
  record SeccompData(int nr, int arch, long instructionPointer, long... args) {

    static SeccompData of(Arch arch, int nr, long... args) {
      return new SeccompData(nr, arch.auditArch(), 0x401000L, args);
    }

    byte[] bytes() {
      ByteBuffer b = ByteBuffer.allocate(64).order(ByteOrder.LITTLE_ENDIAN);
      b.putInt(nr).putInt(arch).putLong(instructionPointer);
      for (int i = 0; i < 6; i++) {
        b.putLong(i < args.length ? args[i] : 0);
      }
      return b.array();
    }
  }

  private BpfInterpreter() {}

  static int run(byte[] program, SeccompData data) {
    ByteBuffer code = ByteBuffer.wrap(program).order(ByteOrder.LITTLE_ENDIAN);
    ByteBuffer input = ByteBuffer.wrap(data.bytes()).order(ByteOrder.LITTLE_ENDIAN);
    int length = program.length / 8;
    if (program.length % 8 != 0 || length == 0 || length > 4096) {
      throw new IllegalStateException("bad program length " + program.length);
    }
    int a = 0;
    for (int pc = 0; pc < length; pc++) {
      int op = Short.toUnsignedInt(code.getShort(pc * 8));
      int jt = Byte.toUnsignedInt(code.get(pc * 8 + 2));
      int jf = Byte.toUnsignedInt(code.get(pc * 8 + 3));
      int k = code.getInt(pc * 8 + 4);
      switch (op) {
        case 0x20 -> {
          if (k < 0 || k > 60 || k % 4 != 0) {
            throw new IllegalStateException("load outside seccomp_data at " + pc + ": " + k);
          }
          a = input.getInt(k);
        }
        case 0x54 -> a &= k;
        case 0x05 -> pc = target(pc, Integer.toUnsignedLong(k), length);
        case 0x15 -> pc = target(pc, a == k ? jt : jf, length);
        case 0x25 -> pc = target(pc, Integer.compareUnsigned(a, k) > 0 ? jt : jf, length);
        case 0x35 -> pc = target(pc, Integer.compareUnsigned(a, k) >= 0 ? jt : jf, length);
        case 0x06 -> {
          return k;
        }
        default -> throw new IllegalStateException("unexpected opcode 0x" + Integer.toHexString(op) + " at " + pc);
      }
    }
    throw new IllegalStateException("the program fell off its end");
  }

  /** The pc before the loop's increment, so the next instruction is {@code pc + 1 + offset}. */
  private static int target(int pc, long offset, int length) {
    if (pc + 1 + offset >= length) {
      throw new IllegalStateException("jump out of the program at " + pc + " by " + offset);
    }
    return (int) (pc + offset);
  }
}
