package io.rustyrun.conformance;

import static io.rustyrun.conformance.LifecycleFixture.SERVICE;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * Issue #5 item 2: the lifecycle hooks run at their points of the OCI lifecycle, each with the
 * container's state JSON on stdin (OCI-CLIENTS.md section 1: the validation suite's hooks_stdin
 * expects {@code created} for prestart and {@code running} for poststart).
 *
 * <p>Every hook is {@code sh -c} writing its stdin and its PID namespace to a file and appending
 * its phase to an order file. Host hooks use the host's {@code /bin/sh} and write into the test
 * directory; createContainer runs in the container's namespaces before pivot_root, so the host's
 * paths are still in view; startContainer runs inside the container (busybox's sh) and writes
 * to the bundle's host directory, which the container sees at {@code /mnt}.
 */
@ConformanceTest
class LifecycleHooksIT {
  private LifecycleFixture fx;
  private RuntimeCli cli;
  private Path out;

  @BeforeEach
  void setUp(TestInfo info) throws Exception {
    fx = LifecycleFixture.forTest(info);
    cli = fx.cli();
    out = Files.createDirectories(fx.dir().resolve("hooks-out"));
  }

  @AfterEach
  void tearDown() {
    fx.close();
  }

  /** A hook recording its stdin, PID namespace and phase under {@code dir}. */
  private static Map<String, Object> recorder(String phase, Path dir) {
    String script = "cat > " + dir + "/" + phase + ".json; readlink /proc/self/ns/pid > " + dir + "/" + phase
        + ".pidns; echo " + phase + " >> " + dir + "/order";
    return hook(List.of("sh", "-c", script), null);
  }

  private static Map<String, Object> hook(List<String> args, Integer timeout) {
    Map<String, Object> hook = new LinkedHashMap<>();
    hook.put("path", "/bin/sh");
    hook.put("args", args);
    if (timeout != null) {
      hook.put("timeout", timeout);
    }
    return hook;
  }

  private Map<String, Object> everyPhase() {
    Path inContainer = Path.of(OciBundle.HOST_DIR_IN_CONTAINER);
    Map<String, Object> hooks = new LinkedHashMap<>();
    hooks.put("prestart", List.of(recorder("prestart", out)));
    hooks.put("createRuntime", List.of(recorder("createRuntime", out)));
    hooks.put("createContainer", List.of(recorder("createContainer", out)));
    hooks.put("startContainer", List.of(recorder("startContainer", inContainer)));
    hooks.put("poststart", List.of(recorder("poststart", out)));
    hooks.put("poststop", List.of(recorder("poststop", out)));
    return hooks;
  }

  private OciState recorded(Path dir, String phase) {
    Path file = dir.resolve(phase + ".json");
    assertThat(file).as("the " + phase + " hook's stdin").exists();
    return OciState.parse(LifecycleFixture.read(file));
  }

  @Test
  void everyHookRunsAtItsPointWithTheStateOnStdin() {
    OciBundle bundle = fx.bundle("bundle", SERVICE)
        .with("hooks", everyPhase())
        .with("annotations", Map.of("org.example/team", "ops"));

    long pid = fx.created(bundle, "c1");
    assertThat(LifecycleFixture.read(out.resolve("order")).lines().toList())
        .as("hooks run by create").containsExactly("prestart", "createRuntime", "createContainer");
    for (String phase : List.of("prestart", "createRuntime", "createContainer")) {
      OciState state = recorded(out, phase);
      assertThat(state.id()).isEqualTo("c1");
      assertThat(state.status()).as(state.json()).isEqualTo(phase.equals("prestart") ? "created" : "creating");
      assertThat(state.bundle()).isEqualTo(bundle.dir().toString());
      assertThat(state.json()).contains("\"org.example/team\":\"ops\"");
    }
    assertThat(recorded(out, "prestart").pid()).as("the host pid of init").isEqualTo(pid);
    String containerPidNamespace = HostProcesses.namespace(pid, "pid").orElseThrow();
    assertThat(LifecycleFixture.read(out.resolve("createRuntime.pidns")).strip())
        .as("createRuntime runs in the runtime's namespaces").isEqualTo(HostProcesses.hostNamespace("pid"));
    assertThat(LifecycleFixture.read(out.resolve("createContainer.pidns")).strip())
        .as("createContainer runs in the container's namespaces").isEqualTo(containerPidNamespace);
    assertThat(bundle.hostFile("startContainer.json")).as("startContainer before start").doesNotExist();

    fx.started("c1", bundle);
    OciState started = recorded(bundle.dir().resolve("host"), "startContainer");
    assertThat(started.status()).as(started.json()).isEqualTo("created");
    assertThat(LifecycleFixture.read(bundle.hostFile("startContainer.pidns")).strip())
        .as("startContainer runs in the container").isEqualTo(containerPidNamespace);
    OciState poststart = recorded(out, "poststart");
    assertThat(poststart.status()).as(poststart.json()).isEqualTo("running");
    assertThat(poststart.pid()).isEqualTo(pid);

    CommandOutput delete = cli.run("delete", "--force", "c1");
    assertThat(delete.exitCode()).as(delete.describe()).isZero();
    OciState poststop = recorded(out, "poststop");
    assertThat(poststop.status()).as(poststop.json()).isEqualTo("stopped");
    assertThat(LifecycleFixture.read(out.resolve("order")).lines().toList())
        .containsExactly("prestart", "createRuntime", "createContainer", "poststart", "poststop");
  }

  @Test
  void aFailingCreateRuntimeHookFailsCreateNamingItAndLeavesNothing() {
    OciBundle bundle = fx.bundle("bundle", SERVICE).with("hooks", Map.of(
        "createRuntime", List.of(hook(List.of("sh", "-c", "echo no bridge >&2; exit 3"), null)),
        "poststop", List.of(recorder("poststop", out))));

    CommandOutput create = cli.create(bundle, "c1");

    assertThat(create.exitCode()).as(create.describe()).isEqualTo(125);
    assertThat(create.stderr()).contains(
        "hook hooks.createRuntime[0] \"/bin/sh\" failed: exit status 3, output: \"no bridge\"");
    assertThat(cli.run("state", "c1").stderr()).contains("does not exist");
    assertThat(fx.lingeringRustyrunProcesses(Optional.empty())).as("rustyrun processes left").isEmpty();
    assertThat(bundle.hostFile("marker")).doesNotExist();
    assertThat(recorded(out, "poststop").status()).as("poststop tears down what the hooks set up").isEqualTo("stopped");
  }

  @Test
  void aHookPastItsTimeoutIsKilledAndCreateFails() {
    OciBundle bundle = fx.bundle("bundle", SERVICE).with("hooks",
        Map.of("prestart", List.of(hook(List.of("sh", "-c", "sleep 60"), 1))));

    Instant before = Instant.now();
    CommandOutput create = cli.create(bundle, "c1");

    assertThat(create.exitCode()).as(create.describe()).isEqualTo(125);
    assertThat(create.stderr()).contains("hook hooks.prestart[0] \"/bin/sh\" did not finish within its timeout of 1 s");
    assertThat(Duration.between(before, Instant.now())).isLessThan(Duration.ofSeconds(30));
    assertThat(HostProcesses.withCommandLineContaining("sleep 60")).as("the hook was killed").isEmpty();
    assertThat(fx.lingeringRustyrunProcesses(Optional.empty())).isEmpty();
  }

  @Test
  void aFailingPoststopHookIsAWarningAndDeleteStillSucceeds() {
    OciBundle bundle = fx.bundle("bundle", SERVICE).with("hooks",
        Map.of("poststop", List.of(hook(List.of("sh", "-c", "exit 1"), null), recorder("poststop", out))));
    fx.created(bundle, "c1");

    CommandOutput delete = cli.run("delete", "--force", "c1");

    assertThat(delete.exitCode()).as(delete.describe()).isZero();
    assertThat(delete.stderr()).contains("rustyrun: warning: hook hooks.poststop[0] \"/bin/sh\" failed: exit status 1");
    assertThat(recorded(out, "poststop").status()).as("the next poststop hook still ran").isEqualTo("stopped");
  }

  @Test
  void runRunsTheHooksAroundAForegroundContainer() {
    RunResult result = Container.busybox()
        .args("sh", "-c", "echo program >> /dev/null")
        .specField("hooks", Map.of(
            "createRuntime", List.of(recorder("createRuntime", out)),
            "createContainer", List.of(recorder("createContainer", out)),
            "poststart", List.of(recorder("poststart", out)),
            "poststop", List.of(recorder("poststop", out))))
        .run();

    assertThat(result.exitCode()).as(result.describe()).isZero();
    assertThat(LifecycleFixture.read(out.resolve("order")).lines().toList())
        .containsExactly("createRuntime", "createContainer", "poststart", "poststop");
    assertThat(recorded(out, "createRuntime").bundle()).isEqualTo(result.containerDir().toString());
  }
}
