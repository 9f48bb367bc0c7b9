package io.rustyrun.spec;

/**
 * A seccomp argument condition, e.g. {@code {index: 1, value: 2080505856, valueTwo: 0, op:
 * SCMP_CMP_MASKED_EQ}}. Values are uint64 held in a {@code long}.
 *
 * @param index the argument index, 0 .. 5
 * @param value the value to compare with (the mask, for {@code SCMP_CMP_MASKED_EQ})
 * @param valueTwo the second value ({@code SCMP_CMP_MASKED_EQ}: the masked value to compare with)
 * @param op the {@code SCMP_CMP_*} operator
 */
public record SeccompArgSpec(int index, long value, long valueTwo, String op) {

  public SeccompArgSpec {
    op = Defaults.string(op);
  }
}
