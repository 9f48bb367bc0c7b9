package io.rustyrun.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

class SubcommandsTest {
  private final CommandSpec top = new RustyrunCommand().spec();

  @Test
  void everyEntryIsNamedAsItsCommand() {
    for (Subcommands.Entry entry : Subcommands.ALL) {
      assertThat(entry.spec().apply(new RustyrunCommand()).name()).isEqualTo(entry.name());
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
    RustyrunCommand command = new RustyrunCommand();
    CommandLine cl = CommandModel.commandLine(command.spec());
    Subcommands.addTo(cl, command, new String[] {"--root", "/run/x", "exec", "id", "sh", "-c", "ls"});

    assertThat(cl.getSubcommands()).containsOnlyKeys("exec");
    assertThat(cl.getSubcommands().get("exec").isStopAtPositional()).isTrue();
  }

  @Test
  void helpAndUnknownWordsSeeEveryCommand() {
    for (String[] args : new String[][] {{"--help"}, {"checkpoint", "--help"}, {}}) {
      RustyrunCommand command = new RustyrunCommand();
      CommandLine cl = CommandModel.commandLine(command.spec());
      Subcommands.addTo(cl, command, args);

      assertThat(cl.getSubcommands()).hasSize(Subcommands.ALL.size());
    }
  }
}
