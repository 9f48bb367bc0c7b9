package io.rustyrun.spec;

import java.nio.file.Path;
import java.util.List;

/**
 * A spec that cannot be used, with every {@link Violation} found in it, e.g. {@code invalid spec
 * "container.yaml": 3 violations}. Render each with {@link Violation#render()}.
 *
 * <p>A file that cannot be read at all is the subtype {@link SpecUnreadableException}, with no
 * violations.
 */
public class SpecException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final transient Path file;
  private final transient List<Violation> violations;

  /** A spec with violations; {@code violations} is not empty. */
  public SpecException(Path file, List<Violation> violations) {
    super(summary(file, violations.size()));
    this.file = file;
    this.violations = List.copyOf(violations);
  }

  /** For subtypes that describe a spec without violations. */
  protected SpecException(Path file, String message, Throwable cause) {
    super(message, cause);
    this.file = file;
    this.violations = List.of();
  }

  /** The spec file as given to the loader. */
  public Path file() {
    return file;
  }

  /** Every violation, in file order; empty for an unreadable file. */
  public List<Violation> violations() {
    return violations;
  }

  private static String summary(Path file, int count) {
    return "invalid spec \"" + file + "\": " + count + (count == 1 ? " violation" : " violations");
  }
}
