package io.rustyrun.spec;

import static io.rustyrun.spec.ViolationAssert.at;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SpecLoaderTest {

  private final SpecFixture fixture = new SpecFixture();

  @AfterEach
  void close() throws Exception {
    fixture.close();
  }

  @Test
  void loadsTheRuncSpecConfigJsonUnmodified() {
    ContainerSpec spec = fixture.loader.load(fixture.writeResource("runc-spec-config.json"));

    assertThat(spec.ociVersion()).isEqualTo("1.0.2-dev");
    assertThat(spec.process().terminal()).isTrue();
    assertThat(spec.process().args()).containsExactly("sh");
    assertThat(spec.process().capabilities().bounding())
        .containsExactly("CAP_AUDIT_WRITE", "CAP_KILL", "CAP_NET_BIND_SERVICE");
    assertThat(spec.process().rlimits()).containsExactly(new RlimitSpec("RLIMIT_NOFILE", 1024, 1024));
    assertThat(spec.root()).isEqualTo(new RootSpec(fixture.bundle.resolve("rootfs"), true));
    assertThat(spec.image()).isNull();
    assertThat(spec.hostname()).isEqualTo("runc");
    assertThat(spec.mounts()).hasSize(7);
    assertThat(spec.mounts().getFirst()).isEqualTo(new MountSpec("/proc", "proc", "proc", null, null, null));
    assertThat(spec.linux().namespaces()).extracting(NamespaceSpec::type).containsExactly(
        NamespaceType.PID, NamespaceType.NETWORK, NamespaceType.IPC, NamespaceType.UTS, NamespaceType.MOUNT);
    assertThat(spec.linux().resources().devices()).containsExactly(new DeviceRuleSpec(false, "", null, null, "rwm"));
    assertThat(spec.linux().maskedPaths()).hasSize(10).contains("/proc/kcore");
    assertThat(spec.linux().readonlyPaths()).contains("/proc/sysrq-trigger");
    assertThat(spec.linux().seccomp()).isNull();
  }

  @Test
  void loadsAPodmanConfigJson() {
    ContainerSpec spec = fixture.loader.load(fixture.writeResource("podman-config.json"));

    assertThat(spec.process().user().umask()).isEqualTo(18);
    assertThat(spec.process().user().additionalGids()).startsWith(0, 1, 2);
    assertThat(spec.process().oomScoreAdj()).isZero();
    assertThat(spec.root().path()).isEqualTo(fixture.fs.getPath("/var/lib/containers/storage/overlay/5c1b0e0f4a3d/merged"));
    assertThat(spec.annotations()).containsEntry("io.container.manager", "libpod");
    assertThat(spec.mounts().getLast().type()).isEqualTo("cgroup");
    assertThat(spec.linux().namespaces().get(1))
        .isEqualTo(new NamespaceSpec(NamespaceType.NETWORK, "/run/netns/netns-8d2c6c1e-2f7a-4f43-9b6e-3c1d8c0e5a11"));
    assertThat(spec.linux().namespaces().getFirst().path()).isNull();
    assertThat(spec.linux().cgroupsPath()).isEqualTo("/libpod_parent/libpod-3f2a9c1b7d4e");
    assertThat(spec.linux().sysctl()).containsEntry("net.ipv4.ping_group_range", "0 0");
    assertThat(spec.linux().resources().pids().limit()).isEqualTo(2048L);
    SeccompSpec seccomp = spec.linux().seccomp();
    assertThat(seccomp.defaultAction()).isEqualTo("SCMP_ACT_ERRNO");
    assertThat(seccomp.defaultErrnoRet()).isEqualTo(38);
    assertThat(seccomp.syscalls().get(3).args())
        .containsExactly(new SeccompArgSpec(0, 2114060288L, 0, "SCMP_CMP_MASKED_EQ"));
  }

  @Test
  void resolvesRootAndImageAgainstTheSpecDirectory() {
    ContainerSpec spec = fixture.load("""
        ociVersion: 1.2.0
        process: {args: [sh], cwd: /}
        image: ../images/./busybox.tar
        """);

    assertThat(spec.file()).isEqualTo(fixture.bundle.resolve("container.yaml"));
    assertThat(spec.bundleDir()).isEqualTo(fixture.bundle);
    assertThat(spec.image()).isEqualTo(fixture.fs.getPath("/images/busybox.tar"));
    assertThat(spec.root().path()).isNull();
  }

  @Test
  void absentOptionalPartsAreEmptyNotNull() {
    ContainerSpec spec = fixture.load(SpecFixture.MINIMAL);

    assertThat(spec.hostname()).isEmpty();
    assertThat(spec.mounts()).isEmpty();
    assertThat(spec.annotations()).isEmpty();
    assertThat(spec.hooks()).isEqualTo(HooksSpec.NONE);
    assertThat(spec.linux()).isEqualTo(LinuxSpec.NONE);
    assertThat(spec.linux().resources().memory().limit()).isNull();
    assertThat(spec.process().user()).isEqualTo(UserSpec.ROOT);
    assertThat(spec.process().env()).isEmpty();
    assertThat(spec.process().capabilities()).isEqualTo(CapabilitiesSpec.NONE);
  }

  @Test
  void readsYamlOctalAndUnsignedValues() {
    ContainerSpec spec = fixture.load("""
        ociVersion: 1.2.0
        process:
          args: [sh]
          cwd: /
          user: {uid: 0, gid: 0, umask: 0022}
          rlimits: [{type: RLIMIT_CORE, soft: 18446744073709551615, hard: 18446744073709551615}]
        root: {path: rootfs}
        """);

    assertThat(spec.process().user().umask()).isEqualTo(0022);
    assertThat(spec.process().rlimits().getFirst().hard()).isEqualTo(-1L);
  }

  @Test
  void reportsEveryViolationAtOnce() {
    var violations = fixture.violations("""
        ociVersion: 1.2.0
        hostnmae: web
        process:
          args: []
          cwd: tmp
          env: [FOO]
        root: {path: rootfs}
        linux:
          namespaces: [{type: pid}, {type: pid}]
        """);

    assertThat(violations).extracting(Violation::field).containsExactly(
        "hostnmae", "process.args", "process.cwd", "process.env[0]", "linux.namespaces[1].type");
    at(violations.get(0), 2, 1, "hostnmae");
    at(violations.get(4), 9, 36, "linux.namespaces[1].type");
  }

  @Test
  void aMissingFileIsOneUnreadableError() {
    Path missing = fixture.bundle.resolve("nope.yaml");

    SpecUnreadableException e = catchThrowableOfType(SpecUnreadableException.class, () -> fixture.loader.load(missing));

    assertThat(e.getMessage()).isEqualTo("cannot read spec \"/bundle/nope.yaml\": no such file");
    assertThat(e.reason()).isEqualTo("no such file");
    assertThat(e.violations()).isEmpty();
  }

  @Test
  void aYamlSyntaxErrorIsOneViolationWithItsPosition() {
    Violation violation = fixture.violation("""
        ociVersion: 1.2.0
        process:
          args: [sh
          cwd: /
        """);

    assertThat(violation.field()).isEmpty();
    assertThat(violation.line()).isEqualTo(4);
    assertThat(violation.message()).startsWith("syntax error: ");
  }

  @Test
  void aJsonSyntaxErrorIsOneViolationWithItsPosition() {
    Violation violation = fixture.violation("{\n  \"ociVersion\": \"1.2.0\",\n  \"process\": {\"args\": [\"sh\"],}\n}\n");

    at(violation, 3, 30, "");
    assertThat(violation.message()).startsWith("syntax error: unexpected character");
  }

  @Test
  void anEmptyFileIsAViolation() {
    assertThat(fixture.violation("# nothing yet\n").message()).isEqualTo("the spec is empty");
  }

  @Test
  void aDuplicateKeyIsAViolation() {
    Violation violation = fixture.violation(SpecFixture.MINIMAL + "root: {path: other}\n");

    at(violation, 7, 1, "root");
    assertThat(violation.message()).isEqualTo("duplicate field \"root\"");
  }

  @Test
  void loadsAProcessFileAlone() {
    ProcessSpec process = fixture.loader.loadProcess(fixture.write("process.json", """
        {"args": ["ps", "-ef"], "cwd": "/", "env": ["PATH=/bin"], "terminal": false}
        """));

    assertThat(process.args()).containsExactly("ps", "-ef");
  }

  @Test
  void validatesAProcessFileWithTheProcessRules() {
    Path file = fixture.write("process.yaml", "args: []\ncwd: relative\n");

    SpecException e = catchThrowableOfType(SpecException.class, () -> fixture.loader.loadProcess(file));

    assertThat(e.violations()).extracting(Violation::field).containsExactly("args", "cwd");
  }

  @Test
  void loadsAResourcesFileAlone() {
    ResourcesSpec resources = fixture.loader.loadResources(fixture.write("resources.json", """
        {"memory": {"limit": 268435456}, "cpu": {"quota": 50000, "period": 100000}, "pids": {"limit": 64}}
        """));

    assertThat(resources.memory().limit()).isEqualTo(268435456L);
    assertThat(resources.cpu().period()).isEqualTo(100000L);
    assertThat(resources.pids().limit()).isEqualTo(64L);
  }

  @Test
  void validatesAResourcesFileWithTheResourceRules() {
    Path file = fixture.write("resources.yaml", "memory: {limit: -5}\npids: {limit: -2}\n");

    SpecException e = catchThrowableOfType(SpecException.class, () -> fixture.loader.loadResources(file));

    assertThat(e.violations()).extracting(Violation::field).containsExactly("memory.limit", "pids.limit");
  }
}
