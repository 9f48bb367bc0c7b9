package io.rustyrun.cli;

import java.util.List;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * rustyrun's commands, in the order the help lists them, added to the top command line only when
 * they can be run: picocli reflects over a command's annotations (and makes proxies for them)
 * as it is added, which for all sixteen cost ~80 ms of every start.
 *
 * <pre>{@code
 * Subcommands.addTo(commandLine, args);   // "unpack a.tar dir": only unpack is built
 * }</pre>
 *
 * <p>When the arguments name a command, only that one is added; otherwise (no command, an
 * unknown word, an option the top command does not know) all are, so help lists them and
 * picocli's errors and suggestions see them all. Every command also says
 * {@code addMethodSubcommands = false}: none has {@code @Command} methods, and picocli would
 * otherwise read the annotations of all its methods to find some.
 */
final class Subcommands {
  /** A command's name (its {@code @Command(name)}) and how to make it. */
  record Entry(String name, Supplier<Object> create) {}

  static final List<Entry> ALL = List.of(
      new Entry("run", RunCommand::new),
      new Entry("create", CreateCommand::new),
      new Entry("start", StartCommand::new),
      new Entry("state", StateCommand::new),
      new Entry("kill", KillCommand::new),
      new Entry("delete", DeleteCommand::new),
      new Entry("list", ListCommand::new),
      new Entry("ps", PsCommand::new),
      new Entry("features", FeaturesCommand::new),
      new Entry("exec", ExecCommand::new),
      new Entry("pause", PauseCommand::new),
      new Entry("resume", ResumeCommand::new),
      new Entry("update", UpdateCommand::new),
      new Entry("validate", ValidateCommand::new),
      new Entry("spec", SpecCommand::new),
      new Entry("unpack", UnpackCommand::new));

  private Subcommands() {}

  /** Adds the command {@code args} name to {@code top}, or every command. */
  static void addTo(CommandLine top, String[] args) {
    String word = commandWord(top.getCommandSpec(), args);
    boolean known = ALL.stream().anyMatch(entry -> entry.name().equals(word));
    for (Entry entry : ALL) {
      if (!known || entry.name().equals(word)) {
        top.addSubcommand(entry.name(), entry.create().get());
      }
    }
    CommandLine exec = top.getSubcommands().get("exec");
    if (exec != null) {
      exec.setStopAtPositional(true); // exec ID sh -c '...': the rest is the container's command
    }
  }

  /**
   * The first argument that is not one of {@code top}'s options or an option's value; null when
   * there is none or an option is not {@code top}'s.
   */
  static String commandWord(CommandSpec top, String[] args) {
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (!arg.startsWith("-")) {
        return arg;
      }
      int equals = arg.indexOf('=');
      OptionSpec option = top.findOption(equals < 0 ? arg : arg.substring(0, equals));
      if (option == null) {
        return null;
      }
      if (equals < 0 && option.arity().max() > 0) {
        i++; // --root DIR
      }
    }
    return null;
  }
}
