package io.rustyrun.conformance;

import static io.rustyrun.conformance.RunResultAssert.assertThatRun;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue #6 item 7, capabilities and {@code noNewPrivileges}, proven from inside: what the
 * process may do, and what {@code /proc/self/status} says its five capability sets and its
 * no_new_privs bit are (proc(5): {@code CapInh}, {@code CapPrm}, {@code CapEff}, {@code CapBnd},
 * {@code CapAmb} as 16 hex digits; CAP_CHOWN is bit 0, CAP_NET_BIND_SERVICE bit 10).
 */
@ConformanceTest
class IsolationCapabilitiesIT {
  private static final String CAP_LINES = "grep -E '^(Cap|NoNewPrivs)' /proc/self/status";

  @Test
  void onlyTheGrantedCapabilityWorks() {
    RunResult result = Container.busybox()
        .processField("capabilities", Capabilities.of("CAP_CHOWN").toTree())
        .mount(Mount.tmpfs("/tmp", "size=1m"))
        .args("sh", "-c", String.join("; ",
            "touch /tmp/x",
            "chown 1:1 /tmp/x && stat -c 'owner %u:%g' /tmp/x",
            "mknod /tmp/d c 1 3 2>&1 || echo mknod-failed"))
        .run();

    // CAP_CHOWN lets root give the file away; mknod needs CAP_MKNOD, which is not even bounded.
    assertThatRun(result).succeeded().stdoutLines().containsExactly(
        "owner 1:1",
        "mknod: /tmp/d: Operation not permitted",
        "mknod-failed");
  }

  @Test
  void statusShowsExactlyTheSpecsSets() {
    RunResult result = Container.busybox()
        .processField("capabilities", Capabilities.of("CAP_CHOWN").toTree())
        .args("sh", "-c", CAP_LINES)
        .run();

    assertThatRun(result).succeeded().stdoutLines().containsExactly(
        "CapInh:\t0000000000000000",
        "CapPrm:\t0000000000000001",
        "CapEff:\t0000000000000001",
        "CapBnd:\t0000000000000001",
        "CapAmb:\t0000000000000000",
        "NoNewPrivs:\t0");
  }

  @Test
  void noCapabilitiesFieldMeansNoCapabilities() {
    RunResult result = Container.busybox().args("sh", "-c", CAP_LINES).run();

    // An absent set is empty: root in the container holds nothing, not the host's full set.
    assertThatRun(result).succeeded().stdoutLines().containsExactly(
        "CapInh:\t0000000000000000",
        "CapPrm:\t0000000000000000",
        "CapEff:\t0000000000000000",
        "CapBnd:\t0000000000000000",
        "CapAmb:\t0000000000000000",
        "NoNewPrivs:\t0");
  }

  @Test
  void inheritableStaysEmptyWithRuncsTemplateSets() {
    // runc's template lists ambient capabilities but no inheritable ones; CVE-2022-29162 was a
    // non-empty default inheritable set. Ambient capabilities that are not inheritable cannot
    // be raised, so none are (and the container still starts).
    Capabilities template = Capabilities.of("CAP_AUDIT_WRITE", "CAP_KILL", "CAP_NET_BIND_SERVICE")
        .withAmbient("CAP_AUDIT_WRITE", "CAP_KILL", "CAP_NET_BIND_SERVICE");
    RunResult result = Container.busybox()
        .processField("capabilities", template.toTree())
        .args("sh", "-c", CAP_LINES)
        .run();

    // AUDIT_WRITE = 29, KILL = 5, NET_BIND_SERVICE = 10: 0x20000420.
    assertThatRun(result).succeeded().stdoutLines().containsExactly(
        "CapInh:\t0000000000000000",
        "CapPrm:\t0000000020000420",
        "CapEff:\t0000000020000420",
        "CapBnd:\t0000000020000420",
        "CapAmb:\t0000000000000000",
        "NoNewPrivs:\t0");
  }

  @Test
  void ambientCapabilitySurvivesExecveForANonRootUser() {
    Capabilities caps = Capabilities.of("CAP_NET_BIND_SERVICE")
        .withInheritable("CAP_NET_BIND_SERVICE")
        .withAmbient("CAP_NET_BIND_SERVICE");
    RunResult result = Container.busybox().user(1000, 1000)
        .processField("capabilities", caps.toTree())
        .args("sh", "-c", "id -u; " + CAP_LINES)
        .run();

    // Without the ambient set, execve as uid 1000 would clear permitted and effective.
    assertThatRun(result).succeeded().stdoutLines().containsExactly(
        "1000",
        "CapInh:\t0000000000000400",
        "CapPrm:\t0000000000000400",
        "CapEff:\t0000000000000400",
        "CapBnd:\t0000000000000400",
        "CapAmb:\t0000000000000400",
        "NoNewPrivs:\t0");
  }

  @ParameterizedTest
  @ValueSource(booleans = {true, false})
  void noNewPrivilegesIsTheSpecs(boolean noNewPrivileges) {
    RunResult result = Container.busybox()
        .processField("noNewPrivileges", noNewPrivileges)
        .args("grep", "^NoNewPrivs:", "/proc/self/status")
        .run();

    assertThatRun(result).succeeded().stdoutText()
        .isEqualTo("NoNewPrivs:\t" + (noNewPrivileges ? 1 : 0));
  }
}
