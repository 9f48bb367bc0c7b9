package io.rustyrun.image.core;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

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

  /** An image file that cannot be opened or read: {@code cannot read image "PATH": why}. */
  public static ImageUnpackException unreadableImage(Path image, IOException e) {
    String reason = e instanceof NoSuchFileException ? "no such file" : e.toString();
    return new ImageUnpackException("cannot read image " + quote(image) + ": " + reason, e);
  }

  /** Renders a user-visible value in double quotes, as every message does. */
  public static String quote(Object value) {
    return "\"" + value + "\"";
  }
}
