package io.rustyrun.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.rustyrun.image.ImageUnpacker;
import io.rustyrun.image.fs.NioRootfsWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code rustyrun unpack}: arguments, the summary line, and errors through the renderer. */
class UnpackCommandTest {
  private static final Path BUSYBOX =
      Path.of("../image-unpack/src/test/resources/fixtures/busybox-rootfs.tar.gz");

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int unpack(String... args) {
    RustyrunCommand top = new RustyrunCommand();
    ErrorRenderer renderer = new ErrorRenderer(top);
    CommandLine cl = CommandModel.commandLine(top.spec());
    cl.addSubcommand("unpack",
        new UnpackCommand(new ImageUnpacker(NioRootfsWriter::new), () -> false).spec());
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(err));
    cl.setExecutionExceptionHandler(renderer);
    cl.setExitCodeExceptionMapper(renderer);
    String[] all = new String[args.length + 1];
    all[0] = "unpack";
    System.arraycopy(args, 0, all, 1, args.length);
    return cl.execute(all);
  }

  @Test
  void printsOneSummaryLineAndNoProgressWhenStderrIsNotATerminal(@TempDir Path tmp) {
    int status = unpack(BUSYBOX.toString(), tmp.resolve("rootfs").toString());

    assertThat(status).isZero();
    assertThat(out.toString()).matches(
        "unpacked rootfs-tar: 1 layer, 289 entries, [0-9.]+ MB in [0-9.]+ s\\R");
    assertThat(err.toString()).isEmpty();
    assertThat(tmp.resolve("rootfs/bin/busybox")).exists();
  }

  @Test
  void aBadImageIsOneErrorLineAndStatus125(@TempDir Path tmp) throws IOException {
    Path image = Files.writeString(tmp.resolve("junk.tar"), "not a tar");

    int status = unpack(image.toString(), tmp.resolve("rootfs").toString());

    assertThat(status).isEqualTo(ExitCodes.FAILED);
    assertThat(err.toString()).startsWith("rustyrun: error: image \"" + image + "\"");
    assertThat(tmp.resolve("rootfs")).doesNotExist();
  }

  @Test
  void limitsAreFlags(@TempDir Path tmp) {
    int status = unpack("--max-total-bytes", "1000", BUSYBOX.toString(),
        tmp.resolve("rootfs").toString());

    assertThat(status).isEqualTo(ExitCodes.FAILED);
    assertThat(err.toString()).contains("--max-total-bytes");
  }

  @Test
  void progressAppearsOnlyAfterASecond() {
    StringWriter terminal = new StringWriter();
    long[] now = {0};
    TerminalProgress progress = new TerminalProgress(new PrintWriter(terminal), () -> now[0]);

    progress.progress(1_000_000, 10);
    now[0] = 1_500_000_000L;
    progress.progress(2_000_000, 20);
    progress.finish();

    assertThat(terminal.toString()).isEqualTo(
        "\runpacking: 2.0 MB, 20 entries\u001b[K\r\u001b[K");
  }
}
