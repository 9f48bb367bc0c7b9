package io.rustyrun.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Jimfs;
import io.rustyrun.runtime.config.DefaultMounts;
import io.rustyrun.runtime.config.LaunchConfig;
import io.rustyrun.runtime.config.LaunchConfigFixture;
import io.rustyrun.runtime.config.MountEntry;
import io.rustyrun.runtime.config.NamespaceEntry;
import io.rustyrun.runtime.config.Propagation;
import io.rustyrun.runtime.sys.MountFlag;
import io.rustyrun.runtime.sys.Namespace;
import io.rustyrun.spec.ContainerSpec;
import io.rustyrun.spec.SpecLoader;
import java.io.IOException;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SpecResolverTest {

  private static final String MINIMAL = """
      ociVersion: 1.2.0
      process:
        args: [sh, -c, "echo hi"]
        cwd: /
      root:
        path: rootfs
      linux:
        namespaces: [{type: mount}, {type: pid}]
      """;

  private final FileSystem fs = Jimfs.newFileSystem(Configuration.unix());
  private final Path bundle = fs.getPath("/bundle");
  private final SpecResolver resolver = new SpecResolver(LaunchConfigFixture.STAGES, 0L);

  @BeforeEach
  void createBundle() throws IOException {
    Files.createDirectories(bundle.resolve("rootfs"));
  }

  @AfterEach
  void close() throws IOException {
    fs.close();
  }

  private ContainerSpec load(String yaml) throws IOException {
    return new SpecLoader().load(Files.writeString(bundle.resolve("container.yaml"), yaml));
  }

  private LaunchConfig resolve(String yaml) throws IOException {
    return resolver.resolve(load(yaml), "web-1", LaunchConfig.Mode.FOREGROUND);
  }

  @Test
  void aMinimalSpecGetsTheDefaults() throws IOException {
    LaunchConfig c = resolve(MINIMAL);

    assertThat(c.id()).isEqualTo("web-1");
    assertThat(c.rootfs()).isEqualTo(bundle.resolve("rootfs"));
    assertThat(c.image()).isNull();
    assertThat(c.process().umask()).isEqualTo(022);
    assertThat(c.process().cwd()).isEqualTo("/");
    assertThat(c.process().uid()).isZero();
    assertThat(c.rootPropagation()).isEqualTo(Propagation.RPRIVATE);
    assertThat(c.mounts()).isEqualTo(DefaultMounts.complete(List.of()));
    assertThat(c.hostname()).isEmpty();
    assertThat(c.stages()).isEqualTo(LaunchConfigFixture.STAGES);
  }

  @Test
  void namespacesKeepTheirOrderAndPaths() throws IOException {
    LaunchConfig c = resolve(MINIMAL.replace("[{type: mount}, {type: pid}]",
        "[{type: mount}, {type: network, path: /run/netns/blue}, {type: uts}]"));

    assertThat(c.namespaces()).containsExactly(
        new NamespaceEntry(Namespace.MOUNT, null),
        new NamespaceEntry(Namespace.NETWORK, Path.of("/run/netns/blue")),
        new NamespaceEntry(Namespace.UTS, null));
  }

  @Test
  void aSpecUmaskAndUserAreKept() throws IOException {
    LaunchConfig c = resolve(MINIMAL.replace("cwd: /", "cwd: /srv\n  user: {uid: 1000, gid: 100, umask: 0077, additionalGids: [10]}"));

    assertThat(c.process().umask()).isEqualTo(0077);
    assertThat(c.process().cwd()).isEqualTo("/srv");
    assertThat(c.process().additionalGids()).containsExactly(10);
  }

  @Test
  void aMissingRootfsIsASetupError() throws IOException {
    Files.delete(bundle.resolve("rootfs"));

    assertThatThrownBy(() -> resolve(MINIMAL))
        .isInstanceOf(ContainerSetupException.class)
        .hasMessage("rootfs \"/bundle/rootfs\" does not exist");
  }

  @Test
  void aRootfsThatIsAFileIsASetupError() throws IOException {
    Files.delete(bundle.resolve("rootfs"));
    Files.writeString(bundle.resolve("rootfs"), "not a directory");

    assertThatThrownBy(() -> resolve(MINIMAL))
        .isInstanceOf(ContainerSetupException.class)
        .hasMessage("rootfs \"/bundle/rootfs\" is not a directory");
  }

  @Test
  void aSpecWithoutMountNamespaceIsRejected() throws IOException {
    assertThatThrownBy(() -> resolve(MINIMAL.replace("[{type: mount}, {type: pid}]", "[{type: pid}]")))
        .isInstanceOf(ContainerSetupException.class)
        .hasMessageContaining("mount namespace")
        .hasMessageContaining("container.yaml has no \"mount\" entry in linux.namespaces");
  }

  @Test
  void aRelativeBindSourceIsResolvedAgainstTheSpecDirectory() throws IOException {
    Files.createDirectories(bundle.resolve("data"));

    LaunchConfig c = resolve(MINIMAL + """
        mounts:
          - {destination: /dst, type: bind, source: ./data, options: [rbind, ro, rprivate, nosuid]}
        """);

    assertThat(c.mounts()).contains(new MountEntry("/dst", "bind", "/bundle/data",
        EnumSet.of(MountFlag.BIND, MountFlag.REC, MountFlag.RDONLY, MountFlag.NOSUID),
        List.of(Propagation.RPRIVATE), ""));
  }

  @Test
  void aBindOptionMakesABindWhateverTheType() throws IOException {
    Files.createDirectories(bundle.resolve("data"));

    LaunchConfig c = resolve(MINIMAL + """
        mounts:
          - {destination: /dst, type: none, source: data, options: [bind]}
        """);

    assertThat(c.mounts()).filteredOn(m -> m.destination().equals("/dst"))
        .singleElement().satisfies(m -> {
          assertThat(m.type()).isEqualTo("bind");
          assertThat(m.isBind()).isTrue();
          assertThat(m.source()).isEqualTo("/bundle/data");
        });
  }

  @Test
  void aMissingBindSourceIsASetupError() throws IOException {
    assertThatThrownBy(() -> resolve(MINIMAL + """
        mounts:
          - {destination: /dst, type: bind, source: missing, options: [rbind]}
        """))
        .isInstanceOf(ContainerSetupException.class)
        .hasMessage("mount source \"missing\" for \"/dst\" does not exist (looked for \"/bundle/missing\")");
  }

  @Test
  void specMountsAreParsedAndDefaultsCompleted() throws IOException {
    LaunchConfig c = resolve(MINIMAL + """
        mounts:
          - {destination: /tmp, type: tmpfs, source: tmpfs, options: [nosuid, mode=1777, size=10m]}
          - {destination: /proc, type: proc, source: proc}
        """);

    assertThat(c.mounts()).extracting(MountEntry::destination)
        .containsExactly("/dev", "/dev/pts", "/dev/shm", "/dev/mqueue", "/sys", "/tmp", "/proc");
    assertThat(c.mounts()).filteredOn(m -> m.destination().equals("/tmp")).singleElement()
        .isEqualTo(new MountEntry("/tmp", "tmpfs", "tmpfs", EnumSet.of(MountFlag.NOSUID), List.of(), "mode=1777,size=10m"));
  }

  @Test
  void rootfsPropagationIsTakenFromTheSpec() throws IOException {
    LaunchConfig c = resolve(MINIMAL + "  rootfsPropagation: rslave\n");

    assertThat(c.rootPropagation()).isEqualTo(Propagation.RSLAVE);
  }
}
