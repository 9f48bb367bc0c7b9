package io.rustyrun.spec;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ExampleSpecTest {

  private final SpecFixture fixture = new SpecFixture();

  @AfterEach
  void close() throws Exception {
    fixture.close();
  }

  @Test
  void theExampleIsValid() {
    ContainerSpec spec = fixture.load(ExampleSpec.yaml());

    assertThat(spec.process().args()).startsWith("sh", "-c");
    assertThat(spec.process().terminal()).isFalse();
    assertThat(spec.hostname()).isEqualTo("rustyrun");
    assertThat(spec.root().path()).isEqualTo(fixture.bundle.resolve("rootfs"));
    assertThat(spec.linux().namespaces()).extracting(NamespaceSpec::type).containsExactly(
        NamespaceType.PID, NamespaceType.NETWORK, NamespaceType.IPC, NamespaceType.UTS, NamespaceType.MOUNT,
        NamespaceType.CGROUP);
    assertThat(spec.mounts()).extracting(MountSpec::destination)
        .containsExactly("/proc", "/dev", "/dev/pts", "/dev/shm", "/dev/mqueue", "/sys");
  }

  /**
   * {@code examples/container.yaml} is what {@code rustyrun spec} prints. Surefire runs in the
   * module directory; test code may use the default file system, main code may not.
   */
  @Test
  void theRepositoryExampleIsByteIdentical() throws IOException {
    Path repositoryExample = FileSystems.getDefault().getPath("..", "examples", "container.yaml");

    assertThat(Files.readString(repositoryExample, StandardCharsets.UTF_8)).isEqualTo(ExampleSpec.yaml());
  }
}
