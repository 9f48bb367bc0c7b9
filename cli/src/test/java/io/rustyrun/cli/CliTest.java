package io.rustyrun.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CliTest {
  @TempDir Path root;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int execute(String... args) {
    String[] withRoot = new String[args.length + 2];
    withRoot[0] = "--root";
    withRoot[1] = root.toString();
    System.arraycopy(args, 0, withRoot, 2, args.length);
    return Cli.commandLine(new RustyrunCommand(), new PrintWriter(out), new PrintWriter(err)).execute(withRoot);
  }

  @Test
  void helpAfterAnUnknownCommandIsAnErrorSoClientsSeeTheFeatureMissing() {
    // podman's checkpoint probe: exit 0 would claim checkpoint/restore support.
    int status = execute("checkpoint", "--help");

    assertThat(status).isEqualTo(ExitCodes.FAILED);
    assertThat(err.toString()).contains("'checkpoint'");
    assertThat(out.toString()).isEmpty();
  }

  @Test
  void helpOfAKnownCommandStillExitsZero() {
    int status = execute("state", "--help");

    assertThat(status).isZero();
    assertThat(out.toString()).contains("Usage: rustyrun state");
  }
}
