package io.rustyrun.cli;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Consumer;
import picocli.CommandLine;
import picocli.CommandLine.IFactory;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.IGetter;
import picocli.CommandLine.Model.ISetter;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * A command's picocli model, declared in code. Each command builds its own in {@code spec()},
 * with setters into its fields:
 *
 * <pre>{@code
 * return CommandModel.command(this, "delete", "Delete a stopped container.", "rustyrun delete x")
 *     .option(CommandModel.flag(v -> force = v, "-f", "--force").description("Kill it first."))
 *     .positional(CommandModel.parameter("0", String.class, v -> id = v).paramLabel("ID"))
 *     .spec();
 * }</pre>
 *
 * <p>Not picocli's annotations: reading them cost every start ~85 ms (the JVM makes a proxy
 * class for each annotation type, and the AOT cache cannot keep those), ~10% of an unpack of a
 * Debian rootfs. The model is picocli's own programmatic API, so parsing, help and errors are
 * picocli's as before.
 */
final class CommandModel {
  /**
   * Makes what picocli asks for by class. Not picocli's default factory: its class
   * initialisation looks for Groovy on the class path, which opens every jar (~15 ms).
   */
  static final IFactory FACTORY = new IFactory() {
    @Override
    public <K> K create(Class<K> cls) throws Exception {
      return cls.getDeclaredConstructor().newInstance();
    }
  };

  private final CommandSpec spec;

  private CommandModel(CommandSpec spec) {
    this.spec = spec;
  }

  /**
   * A command named {@code name} that runs {@code command} (a {@code Callable}), with
   * {@code -h/--help} and {@code -V/--version} and its examples as the help's footer.
   */
  static CommandModel command(Object command, String name, String description, String... examples) {
    CommandSpec spec = CommandSpec.wrapWithoutInspection(command, FACTORY);
    spec.name(name);
    spec.versionProvider(new VersionProvider());
    List<String> footer =
        new ArrayList<>(List.of("", examples.length == 1 ? "Example:" : "Examples:"));
    for (String example : examples) {
      footer.add("  " + example);
    }
    spec.usageMessage().description(description).footer(footer.toArray(String[]::new));
    spec.addOption(OptionSpec.builder("-h", "--help").usageHelp(true).type(boolean.class)
        .arity("0").initialValue(false).description("Show this help message and exit.").build());
    spec.addOption(OptionSpec.builder("-V", "--version").versionHelp(true).type(boolean.class)
        .arity("0").initialValue(false).description("Print version information and exit.").build());
    return new CommandModel(spec);
  }

  /** A command line for a top command, with subcommands added later taking the same factory. */
  static CommandLine commandLine(CommandSpec spec) {
    return new CommandLine(spec, FACTORY);
  }

  CommandModel option(OptionSpec.Builder option) {
    spec.addOption(option.build());
    return this;
  }

  CommandModel positional(PositionalParamSpec.Builder positional) {
    spec.addPositional(positional.build());
    return this;
  }

  CommandSpec spec() {
    return spec;
  }

  /**
   * An option with one value of {@code type}. Without it (and without a default value) the field
   * keeps its initial value: a command object is made for one parse.
   */
  static <T> OptionSpec.Builder value(Class<T> type, Consumer<T> into, String... names) {
    return OptionSpec.builder(names).type(type).hasInitialValue(false).setter(setter(into));
  }

  /** An option without a value: false, or true when given. */
  static OptionSpec.Builder flag(Consumer<Boolean> into, String... names) {
    return OptionSpec.builder(names).type(boolean.class).arity("0").initialValue(false)
        .setter(setter(into));
  }

  /** An option that may be repeated; its values are added to {@code into}. */
  static OptionSpec.Builder repeated(List<String> into, String... names) {
    ListBinding binding = new ListBinding(into);
    return OptionSpec.builder(names).type(ArrayList.class).auxiliaryTypes(String.class)
        .getter(binding).setter(binding);
  }

  /** The positional parameter at {@code index} (e.g. {@code "0"}), which must be given. */
  static <T> PositionalParamSpec.Builder parameter(String index, Class<T> type, Consumer<T> into) {
    return PositionalParamSpec.builder().index(index).arity("1").required(true).type(type)
        .hasInitialValue(false).setter(setter(into));
  }

  /** The positional parameter at {@code index}, which may be left out. */
  static <T> PositionalParamSpec.Builder optionalParameter(String index, Class<T> type,
      Consumer<T> into) {
    return PositionalParamSpec.builder().index(index).arity("0..1").required(false).type(type)
        .hasInitialValue(false).setter(setter(into));
  }

  /** The positional parameters from {@code index} on (e.g. {@code "1..*"}), added to {@code into}. */
  static PositionalParamSpec.Builder parameters(String index, List<String> into) {
    ListBinding binding = new ListBinding(into);
    return PositionalParamSpec.builder().index(index).arity("0..*").type(ArrayList.class)
        .auxiliaryTypes(String.class).getter(binding).setter(binding);
  }

  private static <T> ISetter setter(Consumer<T> into) {
    return new ISetter() {
      @Override
      @SuppressWarnings("unchecked")
      public <V> V set(V value) {
        into.accept((T) value);
        return null;
      }
    };
  }

  /**
   * A list field as picocli's collection: picocli adds to what the getter returns, or first sets
   * a new (empty) {@code ArrayList}, or null before parsing.
   */
  private record ListBinding(List<String> list) implements IGetter, ISetter {
    @Override
    @SuppressWarnings("unchecked")
    public <T> T get() {
      return (T) list;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T set(T value) {
      if (value != list) {
        list.clear();
        if (value != null) {
          list.addAll((Collection<String>) value);
        }
      }
      return null;
    }
  }
}
