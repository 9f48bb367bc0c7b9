package io.rustyrun.conformance;

import static io.rustyrun.conformance.RunResultAssert.assertThatRun;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Issue #3 item 8: the same chain on a real distribution rootfs (dynamically linked binaries,
 * a real /etc/passwd), made by debootstrap; skipped with the reason when the mirror is
 * unreachable or debootstrap is slower than {@link DebianRootfs#CAP_MINUTES} minutes.
 */
@ConformanceTest
@RequiresTool("apt-get")
class DebianRootfsIT {

  @Test
  void runsOnABookwormRootfs() {
    RunResult result = Container.onRootfs(DebianRootfs.path()).timeout(Duration.ofSeconds(60))
        .args("sh", "-c", "cat /etc/debian_version; id; echo $$").run();

    assertThatRun(result).succeeded().stdoutLines()
        .hasSize(3)
        .satisfies(lines -> org.assertj.core.api.Assertions.assertThat(lines.get(0)).matches("12\\.\\d+"))
        .contains("uid=0(root) gid=0(root) groups=0(root)", "1");
  }

  @Test
  void resolvesUserNamesFromTheRootfsPasswd() {
    RunResult result = Container.onRootfs(DebianRootfs.path()).user(65534, 65534)
        .args("id").run();

    assertThatRun(result).succeeded().stdoutText()
        .startsWith("uid=65534(nobody) gid=65534(nogroup)");
  }
}
