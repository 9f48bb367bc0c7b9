package io.rustyrun.runtime.process;

import static org.assertj.core.api.Assertions.assertThat;

import io.rustyrun.runtime.config.LaunchConfig;
import io.rustyrun.runtime.config.LaunchConfigFixture;
import io.rustyrun.runtime.config.NamespaceEntry;
import io.rustyrun.runtime.sys.Errno;
import io.rustyrun.runtime.sys.Namespace;
import io.rustyrun.runtime.sys.RecordingSyscalls;
import io.rustyrun.runtime.sys.SpawnRequest;
import io.rustyrun.runtime.sys.SyscallCall.SetParentDeathSignal;
import io.rustyrun.runtime.sys.SyscallCall.Setns;
import io.rustyrun.runtime.sys.SyscallCall.Spawn;
import io.rustyrun.runtime.sys.SyscallCall.Unshare;
import io.rustyrun.runtime.sys.SyscallCall.UnshareFs;
import io.rustyrun.runtime.sys.SyscallCall.Waitpid;
import io.rustyrun.runtime.sys.SyscallCall.Write;
import io.rustyrun.runtime.sys.WaitStatus;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ChildStageTest {

  private static final Path CONFIG_FILE = Path.of("/run/rustyrun/web-1/launch");
  private static final Path NET = Path.of("/run/netns/blue");
  private static final Path MNT = Path.of("/proc/4242/ns/mnt");

  private final RecordingSyscalls sys = new RecordingSyscalls();

  private static LaunchConfigFixture web() {
    return LaunchConfigFixture.web(Path.of("/var/lib/rustyrun/web-1/rootfs"));
  }

  private static SpawnRequest initSpawn() {
    return LaunchConfigFixture.STAGES.spawnRequest("init", CONFIG_FILE, Map.of(3, 3), false);
  }

  @Test
  void aForegroundChildFirstTiesItsLifeToTheHost() {
    new ChildStage(sys).run(web().build(), CONFIG_FILE);

    assertThat(sys.calls().getFirst()).isEqualTo(new SetParentDeathSignal(9));
  }

  @Test
  void aDetachedChildDoesNotSetAParentDeathSignal() {
    new ChildStage(sys).run(web().mode(LaunchConfig.Mode.DETACHED).build(), CONFIG_FILE);

    assertThat(sys.calls(SetParentDeathSignal.class)).isEmpty();
  }

  @Test
  void createsTheNewNamespacesWithOneUnshareThenSpawnsInitAndReportsIt() {
    sys.waitStatus(WaitStatus.exited(3));

    int status = new ChildStage(sys).run(web().build(), CONFIG_FILE);

    assertThat(status).isZero();
    assertThat(sys.calls()).containsExactly(
        new SetParentDeathSignal(9),
        new Unshare(EnumSet.of(Namespace.MOUNT, Namespace.PID, Namespace.UTS, Namespace.NETWORK)),
        new Spawn(initSpawn()),
        new Write(3, "pid 1000\n"),
        new Waitpid(1000),
        new Write(3, "exited 768\n"));
  }

  @Test
  void joinsNamespacesByPathBeforeCreatingTheRest() {
    LaunchConfig config = web().namespaces(
        new NamespaceEntry(Namespace.NETWORK, NET),
        new NamespaceEntry(Namespace.PID, null),
        new NamespaceEntry(Namespace.MOUNT, MNT),
        new NamespaceEntry(Namespace.UTS, null)).build();

    new ChildStage(sys).run(config, CONFIG_FILE);

    assertThat(sys.calls()).containsExactly(
        new SetParentDeathSignal(9),
        new Setns(NET, Namespace.NETWORK),
        new UnshareFs(),
        new Setns(MNT, Namespace.MOUNT),
        new Unshare(Set.of(Namespace.PID, Namespace.UTS)),
        new Spawn(initSpawn()),
        new Write(3, "pid 1000\n"),
        new Waitpid(1000),
        new Write(3, "exited 0\n"));
  }

  @Test
  void preservedFdsReachInitAtTheirNumbersWithTheSyncChannelAndConsoleAfterThem() {
    LaunchConfig config = web().terminal(true).build().withPreservedFds(2);

    new ChildStage(sys).run(config, CONFIG_FILE);

    assertThat(sys.calls(Spawn.class).getFirst().request().fds()).isEqualTo(Map.of(3, 3, 4, 4, 5, 5, 6, 6));
    assertThat(sys.written(5)).startsWith("pid 1000\n");
  }

  @Test
  void initIsSpawnedWithTheStageCommandTheConfigAndTheSyncFd() {
    new ChildStage(sys).run(web().build(), CONFIG_FILE);

    SpawnRequest spawned = sys.calls(Spawn.class).getFirst().request();
    assertThat(spawned.program()).isEqualTo(LaunchConfigFixture.STAGES.java());
    assertThat(spawned.argv()).endsWith("io.rustyrun.cli.Main", "init", CONFIG_FILE.toString());
    assertThat(spawned.argv()).contains("-XX:-UsePerfData");
    assertThat(spawned.fds()).containsExactly(Map.entry(3, 3));
    assertThat(spawned.newSession()).isFalse();
  }

  @Test
  void aKilledInitIsReportedWithItsRawStatus() {
    sys.waitStatus(WaitStatus.decode(9));

    new ChildStage(sys).run(web().build(), CONFIG_FILE);

    assertThat(sys.written(3)).isEqualTo("pid 1000\nexited 9\n");
  }

  @Test
  void aFailedSpawnIsReportedAs125() {
    sys.failWhen(c -> c instanceof Spawn, Errno.ENOMEM);

    int status = new ChildStage(sys).run(web().build(), CONFIG_FILE);

    assertThat(status).isEqualTo(125);
    assertThat(sys.written(3)).isEqualTo(
        "failed 125 posix_spawn(\"/usr/lib/jvm/jdk-25/bin/java\"): ENOMEM (cannot allocate memory)\n");
    assertThat(sys.calls(Waitpid.class)).isEmpty();
  }

  @Test
  void aRefusedSetnsIsReportedAs125AndNothingIsSpawned() {
    sys.failWhen(c -> c instanceof Setns, Errno.EINVAL);

    int status = new ChildStage(sys).run(
        web().namespaces(new NamespaceEntry(Namespace.MOUNT, MNT)).build(), CONFIG_FILE);

    assertThat(status).isEqualTo(125);
    assertThat(sys.written(3)).startsWith("failed 125 setns(").endsWith(": EINVAL (invalid argument)\n");
    assertThat(sys.calls(Spawn.class)).isEmpty();
  }
}
