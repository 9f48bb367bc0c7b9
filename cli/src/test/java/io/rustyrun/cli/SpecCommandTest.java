package io.rustyrun.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.rustyrun.spec.ExampleSpec;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class SpecCommandTest {

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @Test
  void printsTheExampleSpecExactly() {
    CommandLine cl = CommandModel.commandLine(new SpecCommand().spec());
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(err));

    int status = cl.execute();

    assertThat(status).isZero();
    assertThat(out.toString()).isEqualTo(ExampleSpec.yaml());
    assertThat(err.toString()).isEmpty();
  }

  @Test
  void isASubcommandOfRustyrun() {
    int status = Cli.commandLine(new RustyrunCommand(), new PrintWriter(out), new PrintWriter(err)).execute("spec");

    assertThat(status).isZero();
    assertThat(out.toString()).startsWith("# A rustyrun container spec");
  }
}
