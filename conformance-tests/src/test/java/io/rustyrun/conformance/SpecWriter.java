package io.rustyrun.conformance;

import java.util.List;
import java.util.Map;

/**
 * Renders a spec tree (maps, lists, strings, numbers, booleans) as YAML or JSON.
 *
 * <pre>{@code
 * SpecWriter.yaml(Map.of("hostname", "web-1"))   // hostname: "web-1"
 * SpecWriter.json(Map.of("hostname", "web-1"))   // {"hostname": "web-1"}
 * }</pre>
 *
 * <p>The module deliberately has no Jackson (no dependency on what it tests). Every string is
 * written double-quoted with JSON escapes, which YAML reads identically, so a value such as
 * {@code "no"}, {@code "0027"} or {@code "a: b"} can never change type on the way in.
 */
final class SpecWriter {
  private SpecWriter() {}

  /** Block-style YAML, the format of {@code container.yaml}. */
  static String yaml(Map<String, ?> tree) {
    StringBuilder out = new StringBuilder();
    writeYamlMap(out, tree, 0);
    return out.toString();
  }

  /** Indented JSON, the format of an OCI bundle's {@code config.json}. */
  static String json(Object tree) {
    StringBuilder out = new StringBuilder();
    writeJson(out, tree, 0);
    return out.append('\n').toString();
  }

  private static void writeYamlMap(StringBuilder out, Map<String, ?> map, int indent) {
    for (Map.Entry<String, ?> entry : map.entrySet()) {
      out.append(" ".repeat(indent)).append(entry.getKey()).append(':');
      writeYamlValue(out, entry.getValue(), indent);
    }
  }

  /** Writes after "key:" or "-": a scalar on the same line, a non-empty collection below it. */
  private static void writeYamlValue(StringBuilder out, Object value, int indent) {
    switch (value) {
      case Map<?, ?> map when !map.isEmpty() -> {
        out.append('\n');
        writeYamlMap(out, castMap(map), indent + 2);
      }
      case List<?> list when !list.isEmpty() -> {
        out.append('\n');
        for (Object item : list) {
          out.append(" ".repeat(indent + 2)).append('-');
          if (item instanceof Map<?, ?> map && !map.isEmpty()) {
            // "- first: x" then the other keys aligned under "first".
            String nested = yaml(castMap(map)).indent(indent + 4).substring(indent + 4);
            out.append(' ').append(nested);
          } else {
            writeYamlValue(out, item, indent + 2);
          }
        }
      }
      default -> {
        out.append(' ');
        writeJson(out, value, 0);
        out.append('\n');
      }
    }
  }

  private static void writeJson(StringBuilder out, Object value, int indent) {
    String pad = "  ".repeat(indent + 1);
    switch (value) {
      case null -> out.append("null");
      case String s -> out.append(quote(s));
      case Number n -> out.append(n);
      case Boolean b -> out.append(b);
      case Map<?, ?> map when map.isEmpty() -> out.append("{}");
      case List<?> list when list.isEmpty() -> out.append("[]");
      case Map<?, ?> map -> {
        out.append("{\n");
        int i = 0;
        for (Map.Entry<?, ?> entry : map.entrySet()) {
          out.append(pad).append(quote(entry.getKey().toString())).append(": ");
          writeJson(out, entry.getValue(), indent + 1);
          out.append(++i < map.size() ? ",\n" : "\n");
        }
        out.append("  ".repeat(indent)).append('}');
      }
      case List<?> list -> {
        out.append("[\n");
        for (int i = 0; i < list.size(); i++) {
          out.append(pad);
          writeJson(out, list.get(i), indent + 1);
          out.append(i + 1 < list.size() ? ",\n" : "\n");
        }
        out.append("  ".repeat(indent)).append(']');
      }
      default -> throw new IllegalArgumentException("not a spec value: " + value.getClass());
    }
  }

  private static String quote(String s) {
    StringBuilder out = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\t' -> out.append("\\t");
        case '\r' -> out.append("\\r");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"').toString();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, ?> castMap(Map<?, ?> map) {
    return (Map<String, ?>) map;
  }
}
