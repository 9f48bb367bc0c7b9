package io.rustyrun.runtime.seccomp;

/**
 * A condition on one syscall argument, e.g.
 *
 * <pre>{@code
 * new ArgCondition(2, 9, 0, CompareOp.NE);                // args[2] != NETLINK_AUDIT
 * new ArgCondition(0, 0x7E020000L, 0, CompareOp.MASKED_EQ); // (args[0] & 0x7E020000) == 0
 * }</pre>
 *
 * @param index the argument, 0 to 5 ({@code seccomp_data.args[6]})
 * @param value the uint64 operand as a bit pattern; the mask for {@code MASKED_EQ}
 * @param valueTwo the uint64 value {@code MASKED_EQ} compares the masked argument with; unused otherwise
 * @param op the comparison
 */
public record ArgCondition(int index, long value, long valueTwo, CompareOp op) {

  public ArgCondition {
    if (index < 0 || index > 5) {
      throw new IllegalArgumentException("a syscall has arguments 0 to 5, not " + index);
    }
    if (op == null) {
      throw new IllegalArgumentException("op is required");
    }
  }
}
