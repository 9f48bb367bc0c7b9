package io.rustyrun.runtime.seccomp;

/**
 * A seccomp configuration that cannot become a filter, e.g.
 *
 * <pre>{@code
 * throw new SeccompException("seccomp: the filter needs 5000 instructions, more than the kernel's 4096");
 * }</pre>
 *
 * <p>The host resolver turns it into a setup error before any process starts.
 */
public final class SeccompException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public SeccompException(String message) {
    super(message);
  }
}
