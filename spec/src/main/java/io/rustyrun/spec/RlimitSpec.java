package io.rustyrun.spec;

/**
 * One {@code setrlimit(2)} call, e.g. {@code {type: RLIMIT_NOFILE, soft: 1024, hard: 1024}}.
 *
 * <p>The limits are unsigned 64-bit values held in a {@code long}: {@code -1} is {@code
 * RLIM_INFINITY} (18446744073709551615 in the file). Compare with {@link Long#compareUnsigned}.
 *
 * @param type an {@code RLIMIT_*} name
 * @param soft the soft limit
 * @param hard the hard limit
 */
public record RlimitSpec(String type, long soft, long hard) {

  public RlimitSpec {
    type = Defaults.string(type);
  }
}
