package io.rustyrun.runtime.ebpf;

/**
 * The eBPF registers a program may name: {@code r0} holds the return value, {@code r1} the
 * context pointer on entry, {@code r2}-{@code r5} are scratch (kernel {@code
 * Documentation/bpf/standardization/instruction-set.rst}).
 *
 * <pre>{@code
 * Register.R1.number()   // 1, the nibble it takes in an instruction's register byte
 * }</pre>
 */
public enum Register {
  R0, R1, R2, R3, R4, R5;

  public int number() {
    return ordinal();
  }

  @Override
  public String toString() {
    return "r" + number();
  }
}
