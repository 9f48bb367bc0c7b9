package io.rustyrun.runtime.config;

import static io.rustyrun.runtime.sys.MountFlag.BIND;
import static io.rustyrun.runtime.sys.MountFlag.NODEV;
import static io.rustyrun.runtime.sys.MountFlag.NOEXEC;
import static io.rustyrun.runtime.sys.MountFlag.NOSUID;
import static io.rustyrun.runtime.sys.MountFlag.RDONLY;
import static io.rustyrun.runtime.sys.MountFlag.REC;
import static io.rustyrun.runtime.sys.MountFlag.STRICTATIME;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class MountOptionsTest {

  @Test
  void setsTheFlagsOfRuncsTable() {
    MountOptions o = MountOptions.parse(List.of("nosuid", "nodev", "noexec", "ro", "strictatime"));

    assertThat(o.flags()).containsExactlyInAnyOrder(NOSUID, NODEV, NOEXEC, RDONLY, STRICTATIME);
    assertThat(o.propagation()).isEmpty();
    assertThat(o.data()).isEmpty();
  }

  @Test
  void clearingOptionsRemoveAFlagSetEarlier() {
    MountOptions o = MountOptions.parse(List.of("nosuid", "noexec", "nodev", "suid", "exec"));

    assertThat(o.flags()).containsExactly(NODEV);
  }

  @Test
  void theLaterOfRoAndRwWins() {
    assertThat(MountOptions.parse(List.of("ro", "rw")).flags()).doesNotContain(RDONLY);
    assertThat(MountOptions.parse(List.of("rw", "ro")).flags()).containsExactly(RDONLY);
  }

  @Test
  void rbindIsARecursiveBind() {
    assertThat(MountOptions.parse(List.of("rbind")).flags()).containsExactlyInAnyOrder(BIND, REC);
    assertThat(MountOptions.parse(List.of("bind")).flags()).containsExactly(BIND);
  }

  @Test
  void propagationOptionsAreCollectedInOrderAndAreNoFlags() {
    MountOptions o = MountOptions.parse(List.of("rprivate", "shared", "rslave", "unbindable"));

    assertThat(o.propagation()).containsExactly(
        Propagation.RPRIVATE, Propagation.SHARED, Propagation.RSLAVE, Propagation.UNBINDABLE);
    assertThat(o.flags()).isEmpty();
    assertThat(o.data()).isEmpty();
  }

  @Test
  void defaultsIsIgnored() {
    MountOptions o = MountOptions.parse(List.of("defaults", "nosuid"));

    assertThat(o.flags()).containsExactly(NOSUID);
    assertThat(o.data()).isEmpty();
  }

  @Test
  void unknownOptionsBecomeDataJoinedInOrder() {
    MountOptions o = MountOptions.parse(List.of("nosuid", "mode=755", "strictatime", "size=65536k", "gid=5"));

    assertThat(o.data()).isEqualTo("mode=755,size=65536k,gid=5");
    assertThat(o.flags()).containsExactlyInAnyOrder(NOSUID, STRICTATIME);
  }

  @Test
  void propagationFlagsOfARecursiveOptionIncludeRec() {
    assertThat(Propagation.RPRIVATE.flags()).containsExactlyInAnyOrder(io.rustyrun.runtime.sys.MountFlag.PRIVATE, REC);
    assertThat(Propagation.SLAVE.flags()).containsExactly(io.rustyrun.runtime.sys.MountFlag.SLAVE);
  }
}
