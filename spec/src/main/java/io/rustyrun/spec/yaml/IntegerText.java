package io.rustyrun.spec.yaml;

import java.math.BigInteger;
import java.util.regex.Pattern;

/**
 * Decodes integer scalars the way people write them in YAML, e.g. {@code 0022} (YAML 1.1 octal,
 * as in {@code umask: 0022}), {@code 0o22}, {@code 0x1F}, {@code 1_000_000}.
 *
 * <p>Jackson leaves the radix to the caller: it reports {@code 0022} as the integer token
 * "0022", which {@code Long.parseLong} would read as decimal 22, not the 18 the author meant.
 */
final class IntegerText {

  private static final Pattern OCTAL_1_2 = Pattern.compile("[-+]?0o[0-7]+");
  private static final Pattern OCTAL_1_1 = Pattern.compile("[-+]?0[0-7]+");
  private static final Pattern HEX = Pattern.compile("[-+]?0x[0-9a-fA-F]+");

  private IntegerText() {}

  /** True for text that is an integer even though YAML 1.2 reads it as a string ({@code 0o22}). */
  static boolean isOctalString(String text) {
    return OCTAL_1_2.matcher(text).matches();
  }

  /** The value, or throws {@link NumberFormatException}. */
  static BigInteger decode(String text) {
    String digits = text.replace("_", "");
    boolean negative = digits.startsWith("-");
    String unsigned = digits.startsWith("-") || digits.startsWith("+") ? digits.substring(1) : digits;
    BigInteger value;
    if (OCTAL_1_2.matcher(digits).matches()) {
      value = new BigInteger(unsigned.substring(2), 8);
    } else if (HEX.matcher(digits).matches()) {
      value = new BigInteger(unsigned.substring(2), 16);
    } else if (OCTAL_1_1.matcher(digits).matches()) {
      value = new BigInteger(unsigned, 8);
    } else {
      value = new BigInteger(unsigned);
    }
    return negative ? value.negate() : value;
  }
}
