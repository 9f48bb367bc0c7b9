package io.rustyrun.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Jimfs;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Spec files on an in-memory file system, e.g. {@code fixture.violations("ociVersion: 2.0.0")}. */
final class SpecFixture implements AutoCloseable {

  /** The smallest valid spec; tests change one thing in it. */
  static final String MINIMAL = """
      ociVersion: 1.2.0
      process:
        args: [sh]
        cwd: /
      root:
        path: rootfs
      """;

  final FileSystem fs = Jimfs.newFileSystem(Configuration.unix());
  final Path bundle = fs.getPath("/bundle");
  final SpecLoader loader = new SpecLoader();

  SpecFixture() {
    try {
      Files.createDirectories(bundle);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  Path write(String name, String text) {
    try {
      return Files.writeString(bundle.resolve(name), text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Copies a test resource next to the spec, e.g. {@code runc-spec-config.json}. */
  Path writeResource(String resource) {
    try (InputStream in = SpecFixture.class.getResourceAsStream(resource)) {
      return write(resource, new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  ContainerSpec load(String yaml) {
    return loader.load(write("container.yaml", yaml));
  }

  /** Every violation of a spec that must not load. */
  List<Violation> violations(String yaml) {
    SpecException e = catchThrowableOfType(SpecException.class, () -> load(yaml));
    assertThat(e).as("spec should be invalid:%n%s", yaml).isNotNull();
    return e.violations();
  }

  /** The single violation of a spec with exactly one problem. */
  Violation violation(String yaml) {
    List<Violation> violations = violations(yaml);
    assertThat(violations).as("violations").hasSize(1);
    return violations.getFirst();
  }

  @Override
  public void close() throws IOException {
    fs.close();
  }
}
