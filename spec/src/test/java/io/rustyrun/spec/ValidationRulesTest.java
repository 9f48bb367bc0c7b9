package io.rustyrun.spec;

import static io.rustyrun.spec.ViolationAssert.at;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** One test per validation rule: the good case loads, the bad case names line, column and field. */
class ValidationRulesTest {

  private final SpecFixture fixture = new SpecFixture();

  @AfterEach
  void close() throws Exception {
    fixture.close();
  }

  /** The minimal spec with {@code process} lines appended (indented by the caller). */
  private static String withProcess(String processLines) {
    return SpecFixture.MINIMAL.replace("  cwd: /\n", "  cwd: /\n" + processLines);
  }

  @Nested
  class Structure {

    @Test
    void unknownFieldSuggestsTheNearestName() {
      Violation v = at(fixture.violation(SpecFixture.MINIMAL + "hostnme: web\n"), 7, 1, "hostnme");

      assertThat(v.message()).isEqualTo("unknown field \"hostnme\"");
      assertThat(v.hint()).isEqualTo("did you mean \"hostname\"?");
    }

    @Test
    void unknownNestedFieldIsReportedAtItsKey() {
      Violation v = at(fixture.violation(withProcess("  noNewPrivilege: true\n")), 5, 3, "process.noNewPrivilege");

      assertThat(v.hint()).isEqualTo("did you mean \"noNewPrivileges\"?");
    }

    @Test
    void unknownFieldFarFromAnyNameHasNoHint() {
      assertThat(fixture.violation(SpecFixture.MINIMAL + "zzzzzzzzzz: 1\n").hint()).isNull();
    }

    @Test
    void wrongTypeNamesWhatWasExpected() {
      Violation v = at(fixture.violation(withProcess("  terminal: \"yes please\"\n")), 5, 13, "process.terminal");

      assertThat(v.message()).isEqualTo("must be a boolean (true or false), got the string \"yes please\"");
    }

    @Test
    void scalarWhereAListBelongsIsAWrongType() {
      Violation v = at(fixture.violation(SpecFixture.MINIMAL.replace("args: [sh]", "args: sh")), 3, 9, "process.args");

      assertThat(v.message()).isEqualTo("must be a list, got the string \"sh\"");
    }

    @Test
    void numbersAreStringsWhereStringsBelong() {
      ContainerSpec spec = fixture.load(SpecFixture.MINIMAL.replace("args: [sh]", "args: [sleep, 10]"));

      assertThat(spec.process().args()).containsExactly("sleep", "10");
    }

    @Test
    void integerOutOfRangeIsReported() {
      Violation v = at(fixture.violation(withProcess("  user: {uid: 99999999999, gid: 0}\n")), 5, 15, "process.user.uid");

      assertThat(v.message()).isEqualTo("number 99999999999 is out of range");
    }
  }

  @Nested
  class Required {

    @Test
    void ociVersionIsRequired() {
      Violation v = at(fixture.violation(SpecFixture.MINIMAL.replace("ociVersion: 1.2.0\n", "")), 1, 1, "ociVersion");

      assertThat(v.message()).isEqualTo("is required");
    }

    @Test
    void processIsRequired() {
      Violation v = fixture.violation("ociVersion: 1.2.0\nroot: {path: rootfs}\n");

      at(v, 1, 1, "process");
    }

    @Test
    void argsMustNotBeEmpty() {
      Violation v = at(fixture.violation(SpecFixture.MINIMAL.replace("args: [sh]", "args: []")), 3, 9, "process.args");

      assertThat(v.message()).isEqualTo("must not be empty");
      assertThat(v.hint()).contains("args: [sh]");
    }

    @Test
    void absentArgsAreReportedAtTheProcess() {
      at(fixture.violation(SpecFixture.MINIMAL.replace("  args: [sh]\n", "")), 3, 3, "process.args");
    }

    @Test
    void cwdIsRequired() {
      Violation v = at(fixture.violation(SpecFixture.MINIMAL.replace("  cwd: /\n", "")), 3, 3, "process.cwd");

      assertThat(v.message()).isEqualTo("is required");
    }
  }

  @Nested
  class OciVersion {

    @ParameterizedTest
    @ValueSource(strings = {"1.0.0", "1.0.2-dev", "1.1.0", "1.2.0", "1.3.0", "1.2.0+dev"})
    void acceptsAny1x(String version) {
      assertThat(fixture.load(SpecFixture.MINIMAL.replace("1.2.0", "\"" + version + "\"")).ociVersion()).isEqualTo(version);
    }

    @Test
    void rejectsAnotherMajor() {
      Violation v = at(fixture.violation(SpecFixture.MINIMAL.replace("1.2.0", "2.0.0")), 1, 13, "ociVersion");

      assertThat(v.message()).isEqualTo("unsupported version \"2.0.0\"");
    }

    @Test
    void rejectsNonVersions() {
      Violation v = at(fixture.violation(SpecFixture.MINIMAL.replace("1.2.0", "latest")), 1, 13, "ociVersion");

      assertThat(v.message()).isEqualTo("\"latest\" is not a version");
    }
  }

  @Nested
  class Rootfs {

    @Test
    void imageAloneIsASource() {
      assertThat(fixture.load(SpecFixture.MINIMAL.replace("root:\n  path: rootfs\n", "image: busybox.tar\n")).image())
          .isEqualTo(fixture.bundle.resolve("busybox.tar"));
    }

    @Test
    void bothRootPathAndImageIsAnError() {
      Violation v = at(fixture.violation(SpecFixture.MINIMAL + "image: busybox.tar\n"), 7, 8, "image");

      assertThat(v.message()).isEqualTo("root.path and image are both set");
    }

    @Test
    void neitherIsAnError() {
      Violation v = at(fixture.violation(SpecFixture.MINIMAL.replace("root:\n  path: rootfs\n", "")), 1, 1, "root.path");

      assertThat(v.message()).isEqualTo("no rootfs: set root.path or image");
    }

    @Test
    void anEmptyRootPathIsAnError() {
      Violation v = at(fixture.violation(SpecFixture.MINIMAL.replace("path: rootfs", "path: \"\"")), 6, 9, "root.path");

      assertThat(v.message()).isEqualTo("must not be empty");
    }
  }

  @Nested
  class Namespaces {

    @Test
    void unknownTypeSuggestsTheNearest() {
      Violation v = at(fixture.violation(SpecFixture.MINIMAL + "linux:\n  namespaces: [{type: pdi}]\n"), 8, 23, "linux.namespaces[0].type");

      assertThat(v.message()).isEqualTo("unknown namespace type \"pdi\"");
      assertThat(v.hint()).isEqualTo("did you mean \"pid\"?");
    }

    @Test
    void duplicateIsAnError() {
      Violation v = at(fixture.violation(SpecFixture.MINIMAL + "linux:\n  namespaces: [{type: ipc}, {type: ipc}]\n"),
          8, 36, "linux.namespaces[1].type");

      assertThat(v.message()).isEqualTo("duplicate namespace \"ipc\"");
    }

    @Test
    void typeIsRequired() {
      at(fixture.violation(SpecFixture.MINIMAL + "linux:\n  namespaces: [{path: /proc/1/ns/net}]\n"), 8, 16, "linux.namespaces[0].type");
    }

    @Test
    void joinedNamespacePathMustBeAbsolute() {
      at(fixture.violation(SpecFixture.MINIMAL + "linux:\n  namespaces: [{type: network, path: netns}]\n"),
          8, 38, "linux.namespaces[0].path");
    }

    @Test
    void hostnameNeedsAUtsNamespace() {
      Violation v = at(fixture.violation(SpecFixture.MINIMAL + "hostname: web\n"), 7, 11, "hostname");

      assertThat(v.message()).isEqualTo("hostname \"web\" needs a uts namespace");
      assertThat(v.hint()).isEqualTo("add {type: uts} to linux.namespaces");
    }

    @Test
    void hostnameWithAUtsNamespaceIsFine() {
      assertThat(fixture.load(SpecFixture.MINIMAL + "hostname: web\nlinux: {namespaces: [{type: uts}]}\n").hostname())
          .isEqualTo("web");
    }

    @Test
    void domainnameNeedsAUtsNamespace() {
      at(fixture.violation(SpecFixture.MINIMAL + "domainname: example.org\n"), 7, 13, "domainname");
    }

    @Test
    void idMappingsNeedAUserNamespace() {
      Violation v = at(fixture.violation(SpecFixture.MINIMAL
          + "linux:\n  uidMappings: [{containerID: 0, hostID: 100000, size: 65536}]\n"), 8, 16, "linux.uidMappings");

      assertThat(v.message()).isEqualTo("uid mappings need a user namespace");
    }

    @Test
    void idMappingsWithAUserNamespaceAreFine() {
      ContainerSpec spec = fixture.load(SpecFixture.MINIMAL + """
          linux:
            namespaces: [{type: user}]
            uidMappings: [{containerID: 0, hostID: 100000, size: 65536}]
            gidMappings: [{containerID: 0, hostID: 100000, size: 65536}]
          """);

      assertThat(spec.linux().gidMappings()).containsExactly(new IdMapping(0, 100000, 65536));
    }
  }

  @Nested
  class Process {

    @Test
    void cwdMustBeAbsolute() {
      Violation v = at(fixture.violation(SpecFixture.MINIMAL.replace("cwd: /", "cwd: tmp")), 4, 8, "process.cwd");

      assertThat(v.message()).isEqualTo("must be an absolute path, got \"tmp\"");
    }

    @Test
    void envEntriesNeedAnEqualsSign() {
      var violations = fixture.violations(withProcess("  env: [PATH=/bin, DEBUG, =x]\n"));

      assertThat(violations).hasSize(2);
      Violation v = at(violations.getFirst(), 5, 20, "process.env[1]");
      assertThat(v.message()).isEqualTo("\"DEBUG\" is not of the form NAME=value");
    }

    @Test
    void emptyValuesAreFine() {
      assertThat(fixture.load(withProcess("  env: [EMPTY=]\n")).process().env()).containsExactly("EMPTY=");
    }

    @Test
    void umaskMustFitInNineBits() {
      Violation v = at(fixture.violation(withProcess("  user: {uid: 0, gid: 0, umask: 01000}\n")), 5, 33, "process.user.umask");

      assertThat(v.message()).isEqualTo("must be between 0 and 0777 (octal), got 512");
    }

    @Test
    void capabilityNamesMustBeKnown() {
      Violation v = at(fixture.violation(withProcess("  capabilities: {bounding: [CAP_KILL, CAP_SYS_ADMN]}\n")),
          5, 39, "process.capabilities.bounding[1]");

      assertThat(v.message()).isEqualTo("unknown capability \"CAP_SYS_ADMN\"");
      assertThat(v.hint()).isEqualTo("did you mean \"CAP_SYS_ADMIN\"?");
    }

    @Test
    void allFortyOneCapabilitiesAreKnown() {
      assertThat(KnownNames.CAPABILITIES).hasSize(41).endsWith("CAP_CHECKPOINT_RESTORE");
      String all = String.join(", ", KnownNames.CAPABILITIES);

      assertThat(fixture.load(withProcess("  capabilities: {ambient: [" + all + "]}\n")).process().capabilities().ambient())
          .hasSize(41);
    }

    @Test
    void rlimitNamesMustBeKnown() {
      Violation v = at(fixture.violation(withProcess("  rlimits: [{type: RLIMIT_NOFILES, soft: 1, hard: 1}]\n")),
          5, 20, "process.rlimits[0].type");

      assertThat(v.hint()).isEqualTo("did you mean \"RLIMIT_NOFILE\"?");
    }

    @Test
    void rlimitSoftMustNotExceedHard() {
      Violation v = at(fixture.violation(withProcess("  rlimits: [{type: RLIMIT_NOFILE, soft: 2048, hard: 1024}]\n")),
          5, 41, "process.rlimits[0].soft");

      assertThat(v.message()).isEqualTo("soft limit 2048 is above hard limit 1024");
    }

    @Test
    void rlimitTypesMustBeUnique() {
      at(fixture.violation(withProcess("""
            rlimits:
              - {type: RLIMIT_NOFILE, soft: 1, hard: 1}
              - {type: RLIMIT_NOFILE, soft: 2, hard: 2}
          """)), 7, 14, "process.rlimits[1].type");
    }

    @Test
    void rlimitLimitsAreRequired() {
      at(fixture.violation(withProcess("  rlimits: [{type: RLIMIT_NOFILE, soft: 1}]\n")), 5, 13, "process.rlimits[0].hard");
    }

    @Test
    void oomScoreAdjIsBetweenMinusAndPlusOneThousand() {
      at(fixture.violation(withProcess("  oomScoreAdj: 1001\n")), 5, 16, "process.oomScoreAdj");
    }

    @Test
    void schedulerPolicyMustBeKnown() {
      at(fixture.violation(withProcess("  scheduler: {policy: SCHED_FAST}\n")), 5, 23, "process.scheduler.policy");
    }

    @Test
    void ioPriorityClassMustBeKnown() {
      at(fixture.violation(withProcess("  ioPriority: {class: IOPRIO_CLASS_XX, priority: 4}\n")), 5, 23, "process.ioPriority.class");
    }
  }

  @Nested
  class Mounts {

    @Test
    void destinationMustBeAbsolute() {
      Violation v = at(fixture.violation(SpecFixture.MINIMAL + "mounts:\n  - {destination: proc, type: proc}\n"),
          8, 19, "mounts[0].destination");

      assertThat(v.message()).isEqualTo("must be an absolute path, got \"proc\"");
    }

    @Test
    void destinationIsRequired() {
      at(fixture.violation(SpecFixture.MINIMAL + "mounts:\n  - {type: proc, source: proc}\n"), 8, 5, "mounts[0].destination");
    }

    @Test
    void hookPathsMustBeAbsolute() {
      at(fixture.violation(SpecFixture.MINIMAL + "hooks:\n  poststop: [{path: cleanup}]\n"), 8, 21, "hooks.poststop[0].path");
    }
  }

  @Nested
  class Linux {

    @Test
    void maskedAndReadonlyPathsMustBeAbsolute() {
      var violations = fixture.violations(SpecFixture.MINIMAL + "linux:\n  maskedPaths: [proc/kcore]\n  readonlyPaths: [sys]\n");

      assertThat(violations).extracting(Violation::field).containsExactly("linux.maskedPaths[0]", "linux.readonlyPaths[0]");
    }

    @Test
    void rootfsPropagationMustBeKnown() {
      at(fixture.violation(SpecFixture.MINIMAL + "linux: {rootfsPropagation: rslaves}\n"), 7, 28, "linux.rootfsPropagation");
    }

    @Test
    void deviceTypeMustBeKnown() {
      at(fixture.violation(SpecFixture.MINIMAL + "linux:\n  devices: [{path: /dev/fuse, type: x, major: 10, minor: 229}]\n"),
          8, 37, "linux.devices[0].type");
    }
  }

  @Nested
  class Resources {

    private String withResources(String resources) {
      return SpecFixture.MINIMAL + "linux:\n  resources:\n" + resources;
    }

    @Test
    void sensibleLimitsAreFine() {
      ContainerSpec spec = fixture.load(withResources("""
              memory: {limit: 268435456, swap: 536870912, swappiness: 60}
              cpu: {shares: 1024, quota: 50000, period: 100000, cpus: "0-1,3"}
              pids: {limit: -1}
              blockIO: {weight: 500}
          """));

      assertThat(spec.linux().resources().cpu().cpus()).isEqualTo("0-1,3");
    }

    @Test
    void memoryLimitBelowMinusOneIsAnError() {
      Violation v = at(fixture.violation(withResources("    memory: {limit: -5}\n")), 9, 21, "linux.resources.memory.limit");

      assertThat(v.message()).isEqualTo("must be -1 (unlimited) or a number of bytes, got -5");
    }

    @Test
    void swapBelowTheMemoryLimitIsAnError() {
      at(fixture.violation(withResources("    memory: {limit: 2000000, swap: 1000000}\n")), 9, 36, "linux.resources.memory.swap");
    }

    @Test
    void cpuSharesOfZeroIsAnError() {
      at(fixture.violation(withResources("    cpu: {shares: 0}\n")), 9, 19, "linux.resources.cpu.shares");
    }

    @Test
    void cpuQuotaOfZeroIsAnError() {
      at(fixture.violation(withResources("    cpu: {quota: 0}\n")), 9, 18, "linux.resources.cpu.quota");
    }

    @Test
    void cpuPeriodOfZeroIsAnError() {
      Violation v = at(fixture.violation(withResources("    cpu: {period: 0}\n")), 9, 19, "linux.resources.cpu.period");

      assertThat(v.message()).isEqualTo("must be between 1000 and 1000000, got 0");
    }

    @Test
    void pidsLimitBelowMinusOneIsAnError() {
      at(fixture.violation(withResources("    pids: {limit: -2}\n")), 9, 19, "linux.resources.pids.limit");
    }

    @Test
    void cpusMustBeACpuList() {
      at(fixture.violation(withResources("    cpu: {cpus: \"0-\"}\n")), 9, 17, "linux.resources.cpu.cpus");
    }

    @Test
    void deviceRuleAccessIsRwm() {
      at(fixture.violation(withResources("    devices: [{allow: false, access: rwx}]\n")), 9, 38, "linux.resources.devices[0].access");
    }
  }

  @Nested
  class Seccomp {

    private String withSeccomp(String seccomp) {
      return SpecFixture.MINIMAL + "linux:\n  seccomp:\n" + seccomp;
    }

    @Test
    void defaultActionMustBeKnown() {
      Violation v = at(fixture.violation(withSeccomp("    defaultAction: SCMP_ACT_ERNO\n")), 9, 20, "linux.seccomp.defaultAction");

      assertThat(v.hint()).isEqualTo("did you mean \"SCMP_ACT_ERRNO\"?");
    }

    @Test
    void defaultActionIsRequired() {
      at(fixture.violation(withSeccomp("    architectures: [SCMP_ARCH_X86_64]\n")), 9, 5, "linux.seccomp.defaultAction");
    }

    @Test
    void ruleActionMustBeKnown() {
      at(fixture.violation(withSeccomp("    defaultAction: SCMP_ACT_ALLOW\n    syscalls: [{names: [mount], action: DENY}]\n")),
          10, 41, "linux.seccomp.syscalls[0].action");
    }

    @Test
    void argOperatorMustBeKnown() {
      at(fixture.violation(withSeccomp("""
              defaultAction: SCMP_ACT_ALLOW
              syscalls:
                - names: [personality]
                  action: SCMP_ACT_ERRNO
                  args: [{index: 0, value: 8, op: SCMP_CMP_EQUAL}]
          """)), 13, 41, "linux.seccomp.syscalls[0].args[0].op");
    }

    @Test
    void architecturesMustBeKnown() {
      at(fixture.violation(withSeccomp("    defaultAction: SCMP_ACT_ALLOW\n    architectures: [x86_64]\n")),
          10, 21, "linux.seccomp.architectures[0]");
    }
  }
}
