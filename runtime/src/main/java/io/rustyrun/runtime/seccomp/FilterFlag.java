package io.rustyrun.runtime.seccomp;

/**
 * A flag of {@code seccomp(SECCOMP_SET_MODE_FILTER, flags, ...)}, e.g.
 *
 * <pre>{@code
 * FilterFlag.valueOf("LOG").bit(); // 2: SECCOMP_FILTER_FLAG_LOG
 * }</pre>
 *
 * <p>Values from include/uapi/linux/seccomp.h; the OCI names are {@code SECCOMP_FILTER_FLAG_} +
 * the constant's name. {@code NEW_LISTENER} is absent with {@code SCMP_ACT_NOTIFY}.
 */
public enum FilterFlag {
  /** Apply the filter to every thread of the process (seccomp(2)). */
  TSYNC(1),
  /** Log every action but ALLOW. */
  LOG(2),
  /** Do not enable speculative store bypass mitigation. */
  SPEC_ALLOW(4),
  /** Wait killably for a notifier's answer. */
  WAIT_KILLABLE_RECV(32);

  private final int bit;

  FilterFlag(int bit) {
    this.bit = bit;
  }

  public int bit() {
    return bit;
  }
}
