package io.rustyrun.runtime.config;

import static io.rustyrun.runtime.sys.MountFlag.BIND;
import static io.rustyrun.runtime.sys.MountFlag.NODEV;
import static io.rustyrun.runtime.sys.MountFlag.NOSUID;
import static io.rustyrun.runtime.sys.MountFlag.RDONLY;
import static io.rustyrun.runtime.sys.MountFlag.REC;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rustyrun.runtime.sys.Capability;
import io.rustyrun.runtime.sys.DeviceNode;
import io.rustyrun.runtime.sys.Namespace;
import io.rustyrun.runtime.sys.Rlimit;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LaunchConfigCodecTest {

  private static final MountEntry DATA_BIND = new MountEntry("/srv/data", "bind", "/home/ann/données",
      EnumSet.of(BIND, REC, RDONLY, NOSUID, NODEV), List.of(Propagation.RSLAVE, Propagation.UNBINDABLE),
      "uid=1000,comment=ünïcode");

  private static LaunchConfig richConfig() {
    return new LaunchConfig("web-1", LaunchConfig.Mode.DETACHED, Path.of("/var/lib/rustyrun/web-1/rootfs"),
        Path.of("/var/cache/rustyrun/images/sha256-0123abcd"), true, true, "web-1", "example.org",
        List.of(new NamespaceEntry(Namespace.MOUNT, null), new NamespaceEntry(Namespace.PID, null),
            new NamespaceEntry(Namespace.NETWORK, Path.of("/run/netns/blue"))),
        Propagation.RSLAVE,
        DefaultMounts.complete(List.of(DATA_BIND)),
        List.of(new DeviceEntry("/dev/fuse", new DeviceNode(DeviceNode.Type.CHAR, 10, 229, 0660), 0, 6)),
        List.of("/proc/kcore", "/sys/firmware"),
        List.of("/proc/sys"),
        Map.of("net.ipv4.ip_forward", "1", "kernel.shmmax", "68719476736"),
        new ProcessConfig(List.of("sh", "-c", "echo 'héllo wörld' 日本"),
            List.of("PATH=/bin", "GREETING=grüß dich 🐳", "EMPTY="), "/srv", 1000, 100, List.of(10, 27),
            0077, true,
            new CapabilitySets(EnumSet.of(Capability.KILL, Capability.NET_BIND_SERVICE, Capability.CHECKPOINT_RESTORE),
                EnumSet.of(Capability.KILL), Set.of(), EnumSet.of(Capability.KILL, Capability.NET_BIND_SERVICE),
                EnumSet.of(Capability.NET_BIND_SERVICE)),
            List.of(new Rlimit(Rlimit.Resource.NOFILE, 1024, 4096), new Rlimit(Rlimit.Resource.CORE, -1, -1)),
            true, OptionalInt.of(-500), 2),
        LaunchConfigFixture.STAGES,
        987_654_321L,
        Map.of("memory", Path.of("/sys/fs/cgroup/memory/rustyrun/web-1"), "cpu", Path.of("/sys/fs/cgroup/cpu/rustyrun/web-1")),
        new SeccompFilter(new byte[] {6, 0, 0, 0, 0, 0, (byte) 0xff, 0x7f}, 1));
  }

  private static byte[] encode(LaunchConfig config) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    LaunchConfigCodec.write(config, bytes);
    return bytes.toByteArray();
  }

  @Test
  void aRichConfigSurvivesTheRoundTrip() throws IOException {
    LaunchConfig config = richConfig();

    LaunchConfig read = LaunchConfigCodec.read(new ByteArrayInputStream(encode(config)));

    assertThat(read).isEqualTo(config);
  }

  @Test
  void noPivotReachesTheStagesEitherWay() throws IOException {
    LaunchConfig pivoting = richConfig().withNoPivot(false);

    assertThat(LaunchConfigCodec.read(new ByteArrayInputStream(encode(richConfig()))).noPivot()).isTrue();
    assertThat(LaunchConfigCodec.read(new ByteArrayInputStream(encode(pivoting))).noPivot()).isFalse();
  }

  @Test
  void nonAsciiEnvironmentAndMountDataComeBackExactly() throws IOException {
    LaunchConfig read = LaunchConfigCodec.read(new ByteArrayInputStream(encode(richConfig())));

    assertThat(read.process().env()).containsExactly("PATH=/bin", "GREETING=grüß dich 🐳", "EMPTY=");
    assertThat(read.mounts()).contains(DATA_BIND);
    assertThat(read.process().umask()).isEqualTo(0077);
    assertThat(read.process().terminal()).isTrue();
  }

  @Test
  void anAbsentOomScoreStaysAbsent() throws IOException {
    LaunchConfig config = LaunchConfigFixture.web(Path.of("/rootfs")).build();

    LaunchConfig read = LaunchConfigCodec.read(new ByteArrayInputStream(encode(config)));

    assertThat(read.process().oomScoreAdj()).isEmpty();
    assertThat(read).isEqualTo(config);
  }

  @Test
  void aNamespaceWithoutPathStaysACreateAndOneWithAPathStaysAJoin() throws IOException {
    LaunchConfig read = LaunchConfigCodec.read(new ByteArrayInputStream(encode(richConfig())));

    assertThat(read.createsNamespace(Namespace.PID)).isTrue();
    assertThat(read.createsNamespace(Namespace.NETWORK)).isFalse();
    assertThat(read.namespaces().get(2).path()).isEqualTo(Path.of("/run/netns/blue"));
  }

  @Test
  void aWrongMagicNumberIsAnIOException() throws IOException {
    byte[] bytes = encode(richConfig());
    bytes[0] = 'X';

    assertThatThrownBy(() -> LaunchConfigCodec.read(new ByteArrayInputStream(bytes)))
        .isInstanceOf(IOException.class)
        .hasMessage("not a launch config of this rustyrun version");
  }

  @Test
  void anotherVersionIsAnIOException() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(bytes);
    out.writeInt(0x52525543);
    out.writeInt(99);
    out.write(new byte[64]);

    assertThatThrownBy(() -> LaunchConfigCodec.read(new ByteArrayInputStream(bytes.toByteArray())))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("this rustyrun version");
  }

  @Test
  void aTruncatedConfigIsAnIOException() throws IOException {
    byte[] bytes = encode(richConfig());
    byte[] half = java.util.Arrays.copyOf(bytes, bytes.length / 2);

    assertThatThrownBy(() -> LaunchConfigCodec.read(new ByteArrayInputStream(half)))
        .isInstanceOf(IOException.class);
  }
}
