package io.rustyrun.spec.yaml;

/**
 * Thrown by a {@link RecordBinder} scalar converter to reject a value, e.g. {@code throw new
 * RejectedValueException("unknown namespace type \"pdi\"", "did you mean \"pid\"?")}; the binder
 * turns it into a {@link Problem} at the value's location.
 */
public final class RejectedValueException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final String hint;

  public RejectedValueException(String message, String hint) {
    super(message, null, false, false);
    this.hint = hint;
  }

  /** How to fix it, or {@code null}. */
  public String hint() {
    return hint;
  }
}
