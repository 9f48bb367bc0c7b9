package io.rustyrun.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.rustyrun.image.ImageUnpacker;
import io.rustyrun.image.UnpackOptions;
import io.rustyrun.runtime.sys.LinuxFileSyscalls;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The shared fixtures unpacked with the native writer, compared tree-for-tree with umoci's
 * result by {@code tree-manifest.py}: owners, setuid modes, xattrs, device nodes, symlink
 * targets, hardlink groups and a non-UTF-8 name, with no difference allowed. Needs root
 * (chown, mknod); skipped otherwise.
 */
class NativeUnpackFixtureTest {
  /** The fixtures live once, in image-unpack's test resources; Maven runs tests in cli/. */
  private static final Path FIXTURES = Path.of("../image-unpack/src/test/resources/fixtures");

  @ParameterizedTest
  @CsvSource({
      "multilayer.docker-archive.tar, multilayer.expected.json",
      "multilayer.oci-archive.tar, multilayer.expected.json",
      "multilayer.oci-zstd-archive.tar, multilayer.expected.json",
      "busybox-rootfs.tar.gz, busybox-rootfs.expected.json",
      "busybox-rootfs.tar.zst, busybox-rootfs.expected.json",
      "busybox-rootfs.tar.xz, busybox-rootfs.expected.json"})
  void unpacksExactlyWhatUmociMade(String image, String expected, @TempDir Path tmp)
      throws Exception {
    assumeTrue("root".equals(System.getProperty("user.name")), "needs root for chown and mknod");
    Path rootfs = tmp.resolve("bundle/rootfs");
    ImageUnpacker unpacker =
        new ImageUnpacker(new NativeRootfsWriterFactory(new LinuxFileSyscalls()));

    unpacker.unpack(FIXTURES.resolve(image), rootfs, UnpackOptions.forHost());

    assertThat(diff(FIXTURES.resolve(expected), rootfs, tmp)).isEmpty();
    assertThat(Files.getPosixFilePermissions(rootfs.getParent()))
        .hasToString("[OWNER_READ, OWNER_WRITE, OWNER_EXECUTE]");
  }

  /** A plain tarball's file data is copied by {@code sendfile}, straight from the image file. */
  @ParameterizedTest
  @CsvSource({"busybox-rootfs.tar.gz, busybox-rootfs.expected.json"})
  void unpacksAPlainTarballExactlyWhatUmociMade(String compressed, String expected,
      @TempDir Path tmp) throws Exception {
    assumeTrue("root".equals(System.getProperty("user.name")), "needs root for chown and mknod");
    Path image = tmp.resolve("busybox-rootfs.tar");
    try (InputStream in = new GZIPInputStream(Files.newInputStream(FIXTURES.resolve(compressed)))) {
      Files.copy(in, image);
    }
    Path rootfs = tmp.resolve("bundle/rootfs");

    new ImageUnpacker(new NativeRootfsWriterFactory(new LinuxFileSyscalls()))
        .unpack(image, rootfs, UnpackOptions.forHost());

    assertThat(diff(FIXTURES.resolve(expected), rootfs, tmp)).isEmpty();
  }

  private static List<String> diff(Path expected, Path rootfs, Path tmp) throws Exception {
    Path manifest = tmp.resolve("tree.json");
    String script = FIXTURES.resolve("tree-manifest.py").toString();
    run(new ProcessBuilder("python3", script, rootfs.toString())
        .redirectOutput(manifest.toFile()));
    Process diff = new ProcessBuilder("python3", script, "--diff", expected.toString(),
        manifest.toString()).redirectErrorStream(true).start();
    String output = new String(diff.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    diff.waitFor(60, TimeUnit.SECONDS);
    return output.lines().filter(l -> !l.endsWith(" differences")).toList();
  }

  private static void run(ProcessBuilder builder) throws IOException, InterruptedException {
    Process process = builder.redirectError(ProcessBuilder.Redirect.INHERIT).start();
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
  }
}
