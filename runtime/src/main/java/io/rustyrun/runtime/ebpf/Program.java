package io.rustyrun.runtime.ebpf;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * An assembled eBPF program: what {@code bpf(BPF_PROG_LOAD)} takes as {@code insns}.
 *
 * <pre>{@code
 * Program p = new Assembler().movImm32(Register.R0, 1).exit().assemble();
 * p.bytes();     // 16 bytes, native byte order
 * p.listing();   // "0: MovImm32 dst: r0 imm: 1\n1: Exit"
 * }</pre>
 *
 * @param instructions the instructions, jumps resolved to offsets
 */
public record Program(List<Instruction> instructions) {

  public Program {
    instructions = List.copyOf(instructions);
  }

  /** The {@code struct bpf_insn} array in the host's byte order, as the kernel reads it. */
  public byte[] bytes() {
    ByteBuffer out = ByteBuffer.allocate(instructions.size() * Instruction.BYTES).order(ByteOrder.nativeOrder());
    instructions.forEach(instruction -> instruction.encodeInto(out));
    return out.array();
  }

  /** One numbered line per instruction, for tests and for reading a verifier complaint. */
  public String listing() {
    return IntStream.range(0, instructions.size())
        .mapToObj(i -> i + ": " + instructions.get(i))
        .collect(Collectors.joining("\n"));
  }
}
