package io.rustyrun.spec.yaml;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Binds a located {@link Node} tree to immutable records, reporting every unknown field and
 * wrong type instead of stopping at the first, e.g. {@code new RecordBinder(Map.of(),
 * problems).bind(root, ProcessSpec.class, "process")}.
 *
 * <p>The schema is the record itself: a component named {@code noNewPrivileges} binds the field
 * {@code noNewPrivileges} (or the name in {@link JsonProperty}, for OCI names that are Java
 * keywords such as {@code class}). Supported component types: records, {@code List}, {@code
 * Map<String, ?>}, {@code String}, {@code int}, {@code long}, {@code boolean} (boxed or not), and
 * any type given a converter. Absent fields and explicit {@code null}s bind as {@code null} (or
 * 0/false for primitives); each record's constructor decides what absence means. A value with a
 * problem also binds as absent, so that binding always completes.
 *
 * <p>{@code long} components accept 0 .. 2^64-1 as well, stored as the same 64 bits: OCI uses
 * uint64 for rlimits and seccomp arguments, where 18446744073709551615 means "unlimited".
 */
public final class RecordBinder {

  private static final BigInteger UINT64_MAX = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

  private final Map<Class<?>, Function<String, ?>> converters;
  private final Problems problems;
  private final SourceMap sourceMap = new SourceMap();

  /**
   * @param converters scalar converters for types other than the built-in ones (enums, paths); a
   *     converter rejects a value by throwing {@link RejectedValueException}
   * @param problems where problems go
   */
  public RecordBinder(Map<Class<?>, Function<String, ?>> converters, Problems problems) {
    this.converters = Map.copyOf(converters);
    this.problems = problems;
  }

  /** Where each bound field was written; complete once {@link #bind} returned. */
  public SourceMap sourceMap() {
    return sourceMap;
  }

  /**
   * Binds a node that must be a mapping; a non-mapping is reported and binds as if it were empty.
   *
   * @param path the field path of the node, {@code ""} for the document itself
   */
  public <T extends Record> T bind(Node node, Class<T> type, String path) {
    sourceMap.put(path, node.location());
    Node.Mapping mapping =
        node instanceof Node.Mapping m ? m : new Node.Mapping(node.location(), Map.of());
    if (!(node instanceof Node.Mapping)) {
      reportWrongType(node, type, path);
    }
    return type.cast(bindRecord(mapping, type, path));
  }

  private Object bindValue(Node node, Type type, String path) {
    sourceMap.put(path, node.location());
    if (node instanceof Node.Scalar scalar && scalar.kind() == Node.Scalar.Kind.NULL) {
      return null;
    }
    Class<?> raw = rawType(type);
    Function<String, ?> converter = converters.get(raw);
    if (converter != null) {
      return convert(node, converter, raw, path);
    }
    if (raw == String.class) {
      return bindString(node, path);
    }
    if (raw == int.class || raw == Integer.class || raw == long.class || raw == Long.class) {
      return bindInteger(node, raw, path);
    }
    if (raw == boolean.class || raw == Boolean.class) {
      return bindBoolean(node, path);
    }
    if (raw == List.class) {
      return bindList(node, typeArgument(type, 0), path);
    }
    if (raw == Map.class) {
      return bindMap(node, typeArgument(type, 1), path);
    }
    if (raw.isRecord() && node instanceof Node.Mapping mapping) {
      return bindRecord(mapping, raw, path);
    }
    reportWrongType(node, raw, path);
    return null;
  }

  private Object convert(Node node, Function<String, ?> converter, Class<?> type, String path) {
    if (!(node instanceof Node.Scalar scalar)) {
      reportWrongType(node, type, path);
      return null;
    }
    try {
      return converter.apply(scalar.text());
    } catch (RejectedValueException e) {
      problems.report(node.location(), path, e.getMessage(), e.hint());
      return null;
    }
  }

  /** Any scalar is accepted as a string: {@code args: [sleep, 10]} means "10", not a number. */
  private String bindString(Node node, String path) {
    if (node instanceof Node.Scalar scalar) {
      return scalar.text();
    }
    reportWrongType(node, String.class, path);
    return null;
  }

  private Object bindInteger(Node node, Class<?> type, String path) {
    boolean integerText =
        node instanceof Node.Scalar scalar
            && (scalar.kind() == Node.Scalar.Kind.INTEGER
                || (scalar.kind() == Node.Scalar.Kind.STRING && IntegerText.isOctalString(scalar.text())));
    if (!integerText) {
      reportWrongType(node, type, path);
      return null;
    }
    String text = ((Node.Scalar) node).text();
    BigInteger value = IntegerText.decode(text);
    boolean isInt = type == int.class || type == Integer.class;
    BigInteger min = BigInteger.valueOf(isInt ? Integer.MIN_VALUE : Long.MIN_VALUE);
    BigInteger max = isInt ? BigInteger.valueOf(Integer.MAX_VALUE) : UINT64_MAX;
    if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
      problems.report(node.location(), path, "number " + text + " is out of range");
      return null;
    }
    return isInt ? (Object) value.intValue() : (Object) value.longValue();
  }

  private Boolean bindBoolean(Node node, String path) {
    if (node instanceof Node.Scalar scalar && scalar.kind() == Node.Scalar.Kind.BOOLEAN) {
      return Boolean.parseBoolean(scalar.text());
    }
    reportWrongType(node, boolean.class, path);
    return null;
  }

  private List<Object> bindList(Node node, Type elementType, String path) {
    if (!(node instanceof Node.Sequence sequence)) {
      reportWrongType(node, List.class, path);
      return null;
    }
    List<Object> values = new ArrayList<>();
    for (int i = 0; i < sequence.elements().size(); i++) {
      String elementPath = path + "[" + i + "]";
      Node element = sequence.elements().get(i);
      Object value = bindValue(element, elementType, elementPath);
      if (value != null) {
        values.add(value);
      } else if (isNull(element)) {
        problems.report(element.location(), elementPath, "must not be null");
      }
    }
    return values;
  }

  private Map<String, Object> bindMap(Node node, Type valueType, String path) {
    if (!(node instanceof Node.Mapping mapping)) {
      reportWrongType(node, Map.class, path);
      return null;
    }
    Map<String, Object> values = new LinkedHashMap<>();
    mapping.members().forEach((key, member) -> {
      String entryPath = path + "[\"" + key + "\"]";
      Object value = bindValue(member.value(), valueType, entryPath);
      if (value != null) {
        values.put(key, value);
      } else if (isNull(member.value())) {
        problems.report(member.value().location(), entryPath, "must not be null");
      }
    });
    return values;
  }

  private Object bindRecord(Node.Mapping mapping, Class<?> type, String path) {
    RecordComponent[] components = type.getRecordComponents();
    Map<String, Integer> indexByName = new LinkedHashMap<>();
    for (int i = 0; i < components.length; i++) {
      indexByName.put(fieldName(components[i]), i);
    }
    Object[] arguments = new Object[components.length];
    mapping.members().forEach((key, member) -> {
      String fieldPath = path.isEmpty() ? key : path + "." + key;
      Integer index = indexByName.get(key);
      if (index == null) {
        problems.report(member.keyLocation(), fieldPath, "unknown field \"" + key + "\"",
            Suggestions.didYouMean(key, indexByName.keySet()));
      } else {
        arguments[index] = bindValue(member.value(), components[index].getGenericType(), fieldPath);
      }
    });
    return construct(type, components, arguments);
  }

  private static Object construct(Class<?> type, RecordComponent[] components, Object[] arguments) {
    Class<?>[] parameterTypes = new Class<?>[components.length];
    for (int i = 0; i < components.length; i++) {
      parameterTypes[i] = components[i].getType();
      if (arguments[i] == null && parameterTypes[i].isPrimitive()) {
        arguments[i] = primitiveDefault(parameterTypes[i]);
      }
    }
    try {
      var constructor = type.getDeclaredConstructor(parameterTypes);
      // The top-level document record is package-private to its own package, by design.
      constructor.setAccessible(true);
      return constructor.newInstance(arguments);
    } catch (InvocationTargetException e) {
      throw new IllegalStateException("cannot construct " + type.getSimpleName(), e.getCause());
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot construct " + type.getSimpleName(), e);
    }
  }

  private static Object primitiveDefault(Class<?> type) {
    if (type == boolean.class) {
      return false;
    }
    return type == long.class ? (Object) 0L : (Object) 0;
  }

  private static String fieldName(RecordComponent component) {
    JsonProperty property = component.getAccessor().getAnnotation(JsonProperty.class);
    return property != null && !property.value().isEmpty() ? property.value() : component.getName();
  }

  private void reportWrongType(Node node, Class<?> expected, String path) {
    problems.report(node.location(), path, "must be " + describe(expected) + ", got " + describe(node));
  }

  private static String describe(Class<?> type) {
    if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
      return "an integer";
    }
    if (type == boolean.class || type == Boolean.class) {
      return "a boolean (true or false)";
    }
    if (type == List.class) {
      return "a list";
    }
    if (type == Map.class || type.isRecord()) {
      return "a mapping";
    }
    return "a string";
  }

  private static String describe(Node node) {
    return switch (node) {
      case Node.Mapping m -> "a mapping";
      case Node.Sequence s -> "a list";
      case Node.Scalar s when s.kind() == Node.Scalar.Kind.STRING -> "the string \"" + s.text() + "\"";
      case Node.Scalar s when s.kind() == Node.Scalar.Kind.NULL -> "null";
      case Node.Scalar s -> s.describe() + " " + s.text();
    };
  }

  private static boolean isNull(Node node) {
    return node instanceof Node.Scalar scalar && scalar.kind() == Node.Scalar.Kind.NULL;
  }

  private static Class<?> rawType(Type type) {
    return type instanceof ParameterizedType parameterized
        ? (Class<?>) parameterized.getRawType()
        : (Class<?>) type;
  }

  private static Type typeArgument(Type type, int index) {
    Type[] arguments = ((ParameterizedType) type).getActualTypeArguments();
    return arguments[Math.min(index, arguments.length - 1)];
  }
}
