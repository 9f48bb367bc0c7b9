package io.rustyrun.spec;

import static org.assertj.core.api.Assertions.assertThat;

/** Asserts where a violation is and what it says, e.g. {@code at(v, 3, 9, "process.cwd")}. */
final class ViolationAssert {

  private ViolationAssert() {}

  static Violation at(Violation violation, int line, int column, String field) {
    assertThat(violation.field()).as("field of %s", violation.render()).isEqualTo(field);
    assertThat(violation.line()).as("line of %s", violation.render()).isEqualTo(line);
    assertThat(violation.column()).as("column of %s", violation.render()).isEqualTo(column);
    return violation;
  }
}
