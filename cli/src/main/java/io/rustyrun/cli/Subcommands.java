package io.rustyrun.cli;

import java.util.List;
import java.util.function.Function;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * rustyrun's commands, in the order the help lists them, added to the top command line only when
 * they can be run: building a command's model (its options, their converters and help) is work
 * every start would otherwise pay for all sixteen.
 *
 * <pre>{@code
 * Subcommands.addTo(commandLine, top, args);   // "unpack a.tar dir": only unpack is built
 * }</pre>
 *
 * <p>When the arguments name a command, only that one is added; otherwise (no command, an
 * unknown word, an option the top command does not know) all are, so help lists them and
 * picocli's errors and suggestions see them all.
 */
final class Subcommands {
  /** A command's name and how to make its model, given the top command. */
  record Entry(String name, Function<RustyrunCommand, CommandSpec> spec) {}

  static final List<Entry> ALL = List.of(
      new Entry("run", top -> new RunCommand(top).spec()),
      new Entry("create", top -> new CreateCommand(top).spec()),
      new Entry("start", top -> new StartCommand(top).spec()),
      new Entry("state", top -> new StateCommand(top).spec()),
      new Entry("kill", top -> new KillCommand(top).spec()),
      new Entry("delete", top -> new DeleteCommand(top).spec()),
      new Entry("list", top -> new ListCommand(top).spec()),
      new Entry("ps", top -> new PsCommand(top).spec()),
      new Entry("features", top -> new FeaturesCommand().spec()),
      new Entry("exec", top -> new ExecCommand(top).spec()),
      new Entry("pause", top -> new PauseCommand(top).spec()),
      new Entry("resume", top -> new ResumeCommand(top).spec()),
      new Entry("update", top -> new UpdateCommand(top).spec()),
      new Entry("validate", top -> new ValidateCommand().spec()),
      new Entry("spec", top -> new SpecCommand().spec()),
      new Entry("unpack", top -> new UnpackCommand().spec()));

  private Subcommands() {}

  /** Adds the command {@code args} name to {@code cl} (the line of {@code top}), or every command. */
  static void addTo(CommandLine cl, RustyrunCommand top, String[] args) {
    String word = commandWord(cl.getCommandSpec(), args);
    boolean known = ALL.stream().anyMatch(entry -> entry.name().equals(word));
    for (Entry entry : ALL) {
      if (!known || entry.name().equals(word)) {
        cl.addSubcommand(entry.name(), entry.spec().apply(top));
      }
    }
    CommandLine exec = cl.getSubcommands().get("exec");
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
