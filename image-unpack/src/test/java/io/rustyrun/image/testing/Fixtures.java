package io.rustyrun.image.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The shared fixtures copied into test resources, and the tree comparison of
 * {@code tree-manifest.py} (run with python3, as the fixtures' expected trees were made).
 *
 * <pre>{@code
 * Path image = Fixtures.path("multilayer.oci-archive.tar");
 * List<String> differences = Fixtures.diffTree("multilayer.expected.json", rootfs);
 * }</pre>
 */
public final class Fixtures {
  private Fixtures() {}

  /** A fixture file on the default file system. */
  public static Path path(String name) {
    try {
      return Path.of(Fixtures.class.getResource("/fixtures/" + name).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * The difference lines {@code tree-manifest.py --diff expected actual} prints (without its
   * count line): empty when the trees match.
   */
  public static List<String> diffTree(String expected, Path rootfs) {
    try {
      Path manifest = Files.createTempFile("tree-manifest", ".json");
      try {
        run(List.of("python3", path("tree-manifest.py").toString(), rootfs.toString()), manifest);
        List<String> lines = run(List.of("python3", path("tree-manifest.py").toString(), "--diff",
            path(expected).toString(), manifest.toString()), null);
        return lines.stream().filter(l -> !l.endsWith(" differences")).toList();
      } finally {
        Files.deleteIfExists(manifest);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<String> run(List<String> command, Path stdout) throws IOException {
    ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT);
    if (stdout != null) {
      builder.redirectOutput(stdout.toFile());
    }
    Process process = builder.start();
    List<String> lines = new ArrayList<>();
    if (stdout == null) {
      lines.addAll(new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8)
          .lines().toList());
    }
    try {
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IOException("timed out: " + command);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
    return lines;
  }
}
