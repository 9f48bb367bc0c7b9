package io.rustyrun.spec.yaml;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Collects every {@link Problem} of one spec, at most one per field, e.g. {@code
 * problems.report(location, "process.cwd", "must be an absolute path, got \"tmp\"", null)}.
 *
 * <p>One per field because later rules see the value an earlier rule already rejected: a wrong
 * type is bound as "absent", and "must not be empty" on the same field would only repeat it.
 */
public final class Problems {

  private final List<Problem> problems = new ArrayList<>();
  private final Set<String> reportedFields = new HashSet<>();

  /** Records a problem unless this field already has one. */
  public void report(Location location, String field, String message, String hint) {
    if (reportedFields.add(field)) {
      problems.add(new Problem(location, field, message, hint));
    }
  }

  /** Records a problem without a hint. */
  public void report(Location location, String field, String message) {
    report(location, field, message, null);
  }

  /** True when a problem was recorded for this field. */
  public boolean hasProblem(String field) {
    return reportedFields.contains(field);
  }

  public boolean isEmpty() {
    return problems.isEmpty();
  }

  /** The problems in file order (line, then column), which is the order a user fixes them in. */
  public List<Problem> sorted() {
    return problems.stream()
        .sorted(
            java.util.Comparator.comparingInt((Problem p) -> p.location().line())
                .thenComparingInt(p -> p.location().column()))
        .toList();
  }
}
