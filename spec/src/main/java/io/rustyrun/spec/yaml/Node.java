package io.rustyrun.spec.yaml;

import java.util.List;
import java.util.Map;

/**
 * A parsed YAML/JSON value that remembers where it was written, e.g. the scalar {@code sh} of
 * {@code args: [sh]} is {@code new Scalar(new Location(3, 10), Scalar.Kind.STRING, "sh")}.
 *
 * <p>Jackson's {@code JsonNode} drops token locations, and binding straight to records stops at
 * the first error; this tree keeps both the values and their positions so that every problem in a
 * spec can be reported with its line and column.
 */
public sealed interface Node {

  /** Where the value starts. */
  Location location();

  /** A mapping whose keys keep their own locations (for "unknown field" reports). */
  record Mapping(Location location, Map<String, Member> members) implements Node {
    public Mapping {
      members = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(members));
    }
  }

  /** One {@code key: value} pair of a {@link Mapping}. */
  record Member(Location keyLocation, Node value) {}

  /** A sequence. */
  record Sequence(Location location, List<Node> elements) implements Node {
    public Sequence {
      elements = List.copyOf(elements);
    }
  }

  /** A scalar with the kind the parser resolved (YAML 1.1 rules: {@code yes} is a boolean). */
  record Scalar(Location location, Kind kind, String text) implements Node {

    /** The resolved type of a scalar. */
    public enum Kind {
      STRING,
      INTEGER,
      FLOAT,
      BOOLEAN,
      NULL
    }

    /** A human name for error messages: "a string", "a number". */
    public String describe() {
      return switch (kind) {
        case STRING -> "a string";
        case INTEGER, FLOAT -> "a number";
        case BOOLEAN -> "a boolean";
        case NULL -> "null";
      };
    }
  }
}
