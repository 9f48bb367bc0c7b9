package io.rustyrun.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/** {@link CommandModel}: what picocli writes into a command's fields, and its help. */
class CommandModelTest {
  /** A command with one of each kind of argument. */
  static final class Sample implements Callable<Integer> {
    Path dir;
    int count = -1;
    boolean force;
    final List<String> env = new ArrayList<>();
    String id;
    String signal;
    final List<String> args = new ArrayList<>();

    CommandSpec spec(String... examples) {
      return CommandModel.command(this, "sample", "A sample.", examples)
          .option(CommandModel.value(Path.class, v -> dir = v, "--dir").defaultValue("/srv"))
          .option(CommandModel.value(int.class, v -> count = v, "--count"))
          .option(CommandModel.flag(v -> force = v, "-f", "--force"))
          .option(CommandModel.repeated(env, "-e", "--env"))
          .positional(CommandModel.parameter("0", String.class, v -> id = v).paramLabel("ID"))
          .positional(CommandModel.optionalParameter("1", String.class, v -> signal = v).defaultValue("TERM"))
          .positional(CommandModel.parameters("2..*", args))
          .spec();
    }

    @Override
    public Integer call() {
      return 0;
    }
  }

  private final Sample sample = new Sample();

  private void parse(String... args) {
    CommandModel.commandLine(sample.spec("sample x")).parseArgs(args);
  }

  @Test
  void givenValuesReachTheFieldsAndRepeatedOnesAccumulateInOrder() {
    parse("--dir", "/x", "--count", "3", "-f", "-e", "A=1", "--env=B=2", "web", "KILL", "ls", "/");

    assertThat(sample.dir).isEqualTo(Path.of("/x"));
    assertThat(sample.count).isEqualTo(3);
    assertThat(sample.force).isTrue();
    assertThat(sample.env).containsExactly("A=1", "B=2");
    assertThat(sample.id).isEqualTo("web");
    assertThat(sample.signal).isEqualTo("KILL");
    assertThat(sample.args).containsExactly("ls", "/");
  }

  @Test
  void leftOutArgumentsGetTheirDefaultOrKeepTheFieldsInitialValue() {
    parse("web");

    assertThat(sample.dir).isEqualTo(Path.of("/srv"));
    assertThat(sample.count).isEqualTo(-1);
    assertThat(sample.force).isFalse();
    assertThat(sample.env).isEmpty();
    assertThat(sample.signal).isEqualTo("TERM");
    assertThat(sample.args).isEmpty();
  }

  @Test
  void aRequiredParameterThatIsMissingIsAUsageError() {
    assertThatThrownBy(() -> parse("-f"))
        .isInstanceOf(ParameterException.class)
        .hasMessage("Missing required parameter: 'ID'");
  }

  @Test
  void theHelpHasTheStandardOptionsAndTheExamplesAsFooter() {
    String one = CommandModel.commandLine(sample.spec("sample web")).getUsageMessage(CommandLine.Help.Ansi.OFF);
    String two = CommandModel.commandLine(sample.spec("sample a", "sample b"))
        .getUsageMessage(CommandLine.Help.Ansi.OFF);

    assertThat(one).contains("-h, --help", "-V, --version").endsWith("\nExample:\n  sample web\n");
    assertThat(two).endsWith("\nExamples:\n  sample a\n  sample b\n");
  }
}
