package io.rustyrun.image.core;

/**
 * Unpacking an image failed; the message names the file, blob or tar entry and what was wrong.
 *
 * <pre>{@code
 * throw new ImageUnpackException(
 *     "layer blob \"sha256:4f2a…\": digest mismatch (got \"sha256:9c1e…\")");
 * }</pre>
 *
 * <p>Deep code throws facts; the CLI maps this type to exit code 125 and adds a hint.
 */
public class ImageUnpackException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** A failure described by {@code message} (lower-case, user values in double quotes). */
  public ImageUnpackException(String message) {
    super(message);
  }

  /** Same, keeping the {@code cause} for {@code --debug}. */
  public ImageUnpackException(String message, Throwable cause) {
    super(message, cause);
  }

  /** Renders a user-visible value in double quotes, as every message does. */
  public static String quote(Object value) {
    return "\"" + value + "\"";
  }
}
