package io.rustyrun.spec.yaml;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a YAML or JSON document into a located {@link Node} tree, e.g. {@code new
 * TreeReader().read("process:\n  args: [sh]\n", problems)}.
 *
 * <p>A document whose first character is <code>{</code> is read as JSON. JSON is YAML in theory,
 * but {@code runc spec} indents config.json with tabs, which YAML forbids, and the JSON parser
 * also gives sharper syntax errors.
 *
 * <p>Syntax errors and duplicate keys go to {@link Problems}; a syntax error ends the read.
 */
public final class TreeReader {

  private final JsonFactory jsonFactory = new JsonFactory();
  private final YAMLFactory yamlFactory = new YAMLFactory();

  /** The document's root node, or empty when it is empty or has a syntax error (reported). */
  public Optional<Node> read(String text, Problems problems) {
    try (JsonParser parser = parserFor(text)) {
      if (parser.nextToken() == null) {
        problems.report(Location.START, "", "the spec is empty");
        return Optional.empty();
      }
      return Optional.of(readValue(parser, "", problems));
    } catch (JsonProcessingException e) {
      reportSyntaxError(e, problems);
      return Optional.empty();
    } catch (IOException e) {
      // The text is already in memory: no real I/O can fail here.
      throw new UncheckedIOException(e);
    }
  }

  private JsonParser parserFor(String text) throws IOException {
    boolean json = text.stripLeading().startsWith("{");
    return json ? jsonFactory.createParser(text) : yamlFactory.createParser(text);
  }

  private Node readValue(JsonParser parser, String path, Problems problems) throws IOException {
    Location location = locationOf(parser.currentTokenLocation());
    return switch (parser.currentToken()) {
      case START_OBJECT -> readMapping(parser, location, path, problems);
      case START_ARRAY -> readSequence(parser, location, path, problems);
      case VALUE_STRING -> new Node.Scalar(location, Node.Scalar.Kind.STRING, parser.getText());
      case VALUE_NUMBER_INT -> new Node.Scalar(location, Node.Scalar.Kind.INTEGER, parser.getText());
      case VALUE_NUMBER_FLOAT -> new Node.Scalar(location, Node.Scalar.Kind.FLOAT, parser.getText());
      case VALUE_TRUE -> new Node.Scalar(location, Node.Scalar.Kind.BOOLEAN, "true");
      case VALUE_FALSE -> new Node.Scalar(location, Node.Scalar.Kind.BOOLEAN, "false");
      // YAML aliases and binary scalars are not part of the spec format; treat them as strings.
      default -> new Node.Scalar(location, nullOrString(parser), parser.getText());
    };
  }

  private static Node.Scalar.Kind nullOrString(JsonParser parser) {
    return parser.currentToken() == JsonToken.VALUE_NULL
        ? Node.Scalar.Kind.NULL
        : Node.Scalar.Kind.STRING;
  }

  private Node readMapping(JsonParser parser, Location location, String path, Problems problems)
      throws IOException {
    Map<String, Node.Member> members = new LinkedHashMap<>();
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String key = parser.currentName();
      Location keyLocation = locationOf(parser.currentTokenLocation());
      String field = path.isEmpty() ? key : path + "." + key;
      parser.nextToken();
      Node value = readValue(parser, field, problems);
      if (members.containsKey(key)) {
        // YAML forbids duplicate keys and JSON leaves them undefined; either way one is lost.
        problems.report(keyLocation, field, "duplicate field \"" + key + "\"");
      } else {
        members.put(key, new Node.Member(keyLocation, value));
      }
    }
    return new Node.Mapping(location, members);
  }

  private Node readSequence(JsonParser parser, Location location, String path, Problems problems)
      throws IOException {
    List<Node> elements = new ArrayList<>();
    while (parser.nextToken() != JsonToken.END_ARRAY) {
      elements.add(readValue(parser, path + "[" + elements.size() + "]", problems));
    }
    return new Node.Sequence(location, elements);
  }

  private static Location locationOf(JsonLocation location) {
    return new Location(Math.max(1, location.getLineNr()), Math.max(1, location.getColumnNr()));
  }

  /**
   * Reports a syntax error at snakeyaml's problem mark when there is one: Jackson's own location
   * for YAML errors is the start of the current token, often lines before the real mistake.
   */
  private static void reportSyntaxError(JsonProcessingException e, Problems problems) {
    Location location = locationOf(e.getLocation() == null ? JsonLocation.NA : e.getLocation());
    String message = e.getOriginalMessage();
    if (e.getCause() instanceof org.yaml.snakeyaml.error.MarkedYAMLException yaml) {
      message = yaml.getProblem();
      if (yaml.getProblemMark() != null) {
        location = new Location(yaml.getProblemMark().getLine() + 1, yaml.getProblemMark().getColumn() + 1);
      }
    }
    problems.report(location, "", "syntax error: " + tidy(message));
  }

  /** Parser messages in our style: the first line, lower-case, without a final period. */
  private static String tidy(String message) {
    String line = message == null ? "unreadable document" : message.lines().findFirst().orElse("");
    line = line.strip();
    if (line.endsWith(".")) {
      line = line.substring(0, line.length() - 1);
    }
    return line.isEmpty() ? line : line.substring(0, 1).toLowerCase(Locale.ROOT) + line.substring(1);
  }
}
