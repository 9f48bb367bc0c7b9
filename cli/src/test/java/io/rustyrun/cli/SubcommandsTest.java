package io.rustyrun.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;

class SubcommandsTest {
  private final CommandSpec top = new CommandLine(new RustyrunCommand()).getCommandSpec();

  @Test
  void everyEntryIsNamedAsItsCommand() {
    for (Subcommands.Entry entry : Subcommands.ALL) {
      assertThat(new CommandLine(entry.create().get()).getCommandName()).isEqualTo(entry.name());
    }
  }

  @Test
  void noCommandMakesPicocliSearchItsMethodsForSubcommands() {
    assertThat(RustyrunCommand.class.getAnnotation(Command.class).addMethodSubcommands()).isFalse();
    for (Subcommands.Entry entry : Subcommands.ALL) {
      assertThat(entry.create().get().getClass().getAnnotation(Command.class)
          .addMethodSubcommands()).as(entry.name()).isFalse();
    }
  }

  @Test
  void theCommandWordComesAfterTheTopCommandsOptionsAndTheirValues() {
    assertThat(Subcommands.commandWord(top,
        new String[] {"--root", "/run/x", "--log-format=json", "--debug", "unpack", "a.tar"}))
        .isEqualTo("unpack");
    assertThat(Subcommands.commandWord(top, new String[] {"--log", "state", "kill", "id"}))
        .isEqualTo("kill");
  }

  @Test
  void thereIsNoCommandWordWithoutOneOrAfterAnOptionTheTopCommandDoesNotKnow() {
    assertThat(Subcommands.commandWord(top, new String[] {})).isNull();
    assertThat(Subcommands.commandWord(top, new String[] {"--help"})).isNull();
    assertThat(Subcommands.commandWord(top, new String[] {"--bogus", "state"})).isNull();
  }

  @Test
  void aNamedCommandIsTheOnlyOneBuilt() {
    CommandLine cl = new CommandLine(new RustyrunCommand());
    Subcommands.addTo(cl, new String[] {"--root", "/run/x", "exec", "id", "sh", "-c", "ls"});

    assertThat(cl.getSubcommands()).containsOnlyKeys("exec");
    assertThat(cl.getSubcommands().get("exec").isStopAtPositional()).isTrue();
  }

  @Test
  void helpAndUnknownWordsSeeEveryCommand() {
    for (String[] args : new String[][] {{"--help"}, {"checkpoint", "--help"}, {}}) {
      CommandLine cl = new CommandLine(new RustyrunCommand());
      Subcommands.addTo(cl, args);

      assertThat(cl.getSubcommands()).hasSize(Subcommands.ALL.size());
    }
  }
}
