package io.rustyrun.conformance;

import static io.rustyrun.conformance.RunResultAssert.assertThatRun;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/**
 * Issue #6 item 7, the per-process and per-namespace kernel settings proven from inside: {@code
 * process.rlimits} ({@code ulimit}), {@code process.oomScoreAdj}, {@code linux.sysctl}; and
 * that a setting which would reach beyond the container (a raised hard limit without
 * CAP_SYS_RESOURCE, a sysctl that is not namespaced) fails {@code run} with 125 and a message.
 */
@ConformanceTest
class IsolationKernelSettingsIT {

  @Test
  void rlimitNofileIsTheSpecs() {
    RunResult result = Container.busybox()
        .processField("rlimits", List.of(rlimit("RLIMIT_NOFILE", 1024, 1024)))
        .args("sh", "-c", "ulimit -n; ulimit -Hn")
        .run();

    assertThatRun(result).succeeded().stdoutLines().containsExactly("1024", "1024");
  }

  @Test
  void softAndHardLimitsAreSetApart() {
    RunResult result = Container.busybox()
        .processField("rlimits", List.of(
            rlimit("RLIMIT_NOFILE", 512, 2048), rlimit("RLIMIT_NPROC", 300, 400)))
        .args("sh", "-c", "ulimit -n; ulimit -Hn; ulimit -u; ulimit -Hu")
        .run();

    assertThatRun(result).succeeded().stdoutLines().containsExactly("512", "2048", "300", "400");
  }

  @Test
  void raisingAHardLimitWithoutCapSysResourceFails() {
    OptionalLong hostHard = HostKernel.hardLimit("Max open files");
    assumeTrue(hostHard.isPresent(), "the host's RLIMIT_NOFILE hard limit is unlimited");
    assumeFalse(HostKernel.hasCapability(HostKernel.CAP_SYS_RESOURCE),
        "root here has CAP_SYS_RESOURCE, so raising a hard limit is allowed");
    long above = hostHard.getAsLong() + 1000;
    RunResult result = Container.busybox()
        .processField("rlimits", List.of(rlimit("RLIMIT_NOFILE", 1024, above)))
        .args("echo", "must-not-run")
        .run();

    assertThatRun(result).exitedWith(125).stdoutText().isEmpty();
    assertThatRun(result).stderrText().contains("RLIMIT_NOFILE").contains("CAP_SYS_RESOURCE");
  }

  @Test
  void oomScoreAdjIsTheSpecs() {
    // Lowering it below the inherited value would need CAP_SYS_RESOURCE; raising is allowed.
    RunResult result = Container.busybox()
        .processField("oomScoreAdj", 500)
        .args("cat", "/proc/self/oom_score_adj")
        .run();

    assertThatRun(result).succeeded().stdoutText().isEqualTo("500");
  }

  @Test
  void networkSysctlAppliesInsideOnly() {
    String host = HostKernel.sysctl("net.ipv4.ip_forward");
    // The opposite of the host's value, so that neither "inherited" nor "set on the host" passes.
    String inside = host.equals("1") ? "0" : "1";
    RunResult result = Container.busybox()
        .linuxField("sysctl", Map.of("net.ipv4.ip_forward", inside))
        .args("cat", "/proc/sys/net/ipv4/ip_forward")
        .run();

    assertThatRun(result).succeeded().stdoutText().isEqualTo(inside);
    assertThat(HostKernel.sysctl("net.ipv4.ip_forward")).as("the host's ip_forward").isEqualTo(host);
  }

  @Test
  void ipcSysctlAppliesInsideOnly() {
    String host = HostKernel.sysctl("kernel.msgmax");
    String inside = host.equals("12345") ? "12346" : "12345";
    RunResult result = Container.busybox()
        .linuxField("sysctl", Map.of("kernel.msgmax", inside))
        .args("cat", "/proc/sys/kernel/msgmax")
        .run();

    assertThatRun(result).succeeded().stdoutText().isEqualTo(inside);
    assertThat(HostKernel.sysctl("kernel.msgmax")).as("the host's kernel.msgmax").isEqualTo(host);
  }

  @Test
  void sysctlThatIsNotNamespacedIsRefused() {
    String host = HostKernel.sysctl("vm.swappiness");
    String other = host.equals("10") ? "11" : "10";
    RunResult result = Container.busybox()
        .linuxField("sysctl", Map.of("vm.swappiness", other))
        .args("echo", "must-not-run")
        .run();

    assertThatRun(result).exitedWith(125).stdoutText().isEmpty();
    assertThatRun(result).stderrText().contains("vm.swappiness").contains("is not namespaced");
    assertThat(HostKernel.sysctl("vm.swappiness")).as("the host's vm.swappiness").isEqualTo(host);
  }

  private static Map<String, Object> rlimit(String type, long soft, long hard) {
    return Map.of("type", type, "soft", soft, "hard", hard);
  }
}
