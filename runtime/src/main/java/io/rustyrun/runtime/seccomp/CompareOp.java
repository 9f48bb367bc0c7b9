package io.rustyrun.runtime.seccomp;

/**
 * How an {@link ArgCondition} compares a syscall argument, e.g.
 *
 * <pre>{@code
 * new ArgCondition(0, 16, 0, CompareOp.EQ); // SCMP_CMP_EQ: args[0] == 16
 * }</pre>
 *
 * <p>All comparisons are unsigned and on the full 64 bits, as libseccomp does for 64-bit
 * architectures ({@code SCMP_CMP_*}, seccomp_rule_add(3)).
 */
public enum CompareOp {
  /** SCMP_CMP_NE: arg != value. */
  NE,
  /** SCMP_CMP_LT: arg < value. */
  LT,
  /** SCMP_CMP_LE: arg <= value. */
  LE,
  /** SCMP_CMP_EQ: arg == value. */
  EQ,
  /** SCMP_CMP_GE: arg >= value. */
  GE,
  /** SCMP_CMP_GT: arg > value. */
  GT,
  /** SCMP_CMP_MASKED_EQ: (arg & value) == valueTwo. */
  MASKED_EQ
}
