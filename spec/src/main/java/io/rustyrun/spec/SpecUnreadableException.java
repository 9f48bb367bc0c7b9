package io.rustyrun.spec;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.util.Locale;

/**
 * A spec file that cannot be read, e.g. {@code cannot read spec "/srv/web/container.yaml": no such
 * file}. It has no violations: there is nothing to point at.
 */
public final class SpecUnreadableException extends SpecException {

  private static final long serialVersionUID = 1L;

  private final String reason;

  SpecUnreadableException(java.nio.file.Path file, IOException cause) {
    this(file, reasonFor(cause), cause);
  }

  private SpecUnreadableException(java.nio.file.Path file, String reason, IOException cause) {
    super(file, "cannot read spec \"" + file + "\": " + reason, cause);
    this.reason = reason;
  }

  /** Why, in a few words: {@code no such file}, {@code permission denied}. */
  public String reason() {
    return reason;
  }

  private static String reasonFor(IOException e) {
    return switch (e) {
      case NoSuchFileException n -> "no such file";
      case AccessDeniedException a -> "permission denied";
      case CharacterCodingException c -> "not UTF-8 text";
      default -> e.getMessage() == null ? "i/o error" : e.getMessage().toLowerCase(Locale.ROOT);
    };
  }
}
