package io.rustyrun.runtime.process;

import static io.rustyrun.runtime.sys.MountFlag.BIND;
import static io.rustyrun.runtime.sys.MountFlag.MOVE;
import static io.rustyrun.runtime.sys.MountFlag.NODEV;
import static io.rustyrun.runtime.sys.MountFlag.NOEXEC;
import static io.rustyrun.runtime.sys.MountFlag.NOSUID;
import static io.rustyrun.runtime.sys.MountFlag.PRIVATE;
import static io.rustyrun.runtime.sys.MountFlag.RDONLY;
import static io.rustyrun.runtime.sys.MountFlag.REC;
import static io.rustyrun.runtime.sys.MountFlag.REMOUNT;
import static io.rustyrun.runtime.sys.MountFlag.STRICTATIME;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.rustyrun.runtime.config.HookEntry;
import io.rustyrun.runtime.config.HookPhase;
import io.rustyrun.runtime.config.HookState;
import io.rustyrun.runtime.config.Hooks;
import io.rustyrun.runtime.config.LaunchConfig;
import io.rustyrun.runtime.config.LaunchConfigFixture;
import io.rustyrun.runtime.config.NamespaceEntry;
import io.rustyrun.runtime.sys.DeviceNode;
import io.rustyrun.runtime.sys.Errno;
import io.rustyrun.runtime.sys.Mount;
import io.rustyrun.runtime.sys.Namespace;
import io.rustyrun.runtime.sys.RecordingSyscalls;
import io.rustyrun.runtime.sys.SpawnRequest;
import io.rustyrun.runtime.sys.SyscallCall;
import io.rustyrun.runtime.sys.SyscallCall.CheckExecutable;
import io.rustyrun.runtime.sys.SyscallCall.Chdir;
import io.rustyrun.runtime.sys.SyscallCall.Close;
import io.rustyrun.runtime.sys.SyscallCall.OpenPath;
import io.rustyrun.runtime.sys.SyscallCall.OpenWriteOnly;
import io.rustyrun.runtime.sys.SyscallCall.CloseOnExecFrom;
import io.rustyrun.runtime.sys.SyscallCall.DoMount;
import io.rustyrun.runtime.sys.SyscallCall.Execve;
import io.rustyrun.runtime.sys.SyscallCall.LoopbackUp;
import io.rustyrun.runtime.sys.FileStatus;
import io.rustyrun.runtime.sys.SyscallCall.Chroot;
import io.rustyrun.runtime.sys.SyscallCall.Fstat;
import io.rustyrun.runtime.sys.SyscallCall.Mkdirat;
import io.rustyrun.runtime.sys.SyscallCall.Mknodat;
import io.rustyrun.runtime.sys.SyscallCall.OpenInRoot;
import io.rustyrun.runtime.sys.SyscallCall.PivotRoot;
import io.rustyrun.runtime.sys.SyscallCall.ResetSignals;
import io.rustyrun.runtime.sys.SyscallCall.SetParentDeathSignal;
import io.rustyrun.runtime.sys.SyscallCall.Setgid;
import io.rustyrun.runtime.sys.SyscallCall.Setgroups;
import io.rustyrun.runtime.sys.SyscallCall.Sethostname;
import io.rustyrun.runtime.sys.SyscallCall.Setsid;
import io.rustyrun.runtime.sys.SyscallCall.Setuid;
import io.rustyrun.runtime.sys.SyscallCall.Spawn;
import io.rustyrun.runtime.sys.SyscallCall.Symlinkat;
import io.rustyrun.runtime.sys.SyscallCall.Umask;
import io.rustyrun.runtime.sys.SyscallCall.UmountDetached;
import io.rustyrun.runtime.sys.SyscallCall.Write;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InitStageTest {

  @TempDir Path tmp;
  private Path rootfs;
  private Path stateDir;
  private final RecordingSyscalls sys = new RecordingSyscalls();

  @BeforeEach
  void createRootfs() throws IOException {
    rootfs = tmp.resolve("rootfs");
    stateDir = tmp.resolve("state");
    Files.createDirectories(rootfs.resolve("proc/acpi"));
  }

  private LaunchConfigFixture web() {
    return LaunchConfigFixture.web(rootfs);
  }

  /**
   * Runs init up to the (fake) execve that would replace it; the calls come back with each
   * mount's {@code /proc/self/fd/N} shown as the path the fake opened N as.
   */
  private List<SyscallCall> runToExec(LaunchConfig config) {
    assertThatThrownBy(() -> new InitStage(sys).run(config, stateDir)).isInstanceOf(RecordingSyscalls.ExecveCalled.class);
    return sys.resolvedCalls();
  }

  private List<Mount> mounts() {
    return sys.resolvedCalls().stream().filter(c -> c instanceof DoMount).map(c -> ((DoMount) c).mount()).toList();
  }

  private static DeviceNode chr(int major, int minor) {
    return new DeviceNode(DeviceNode.Type.CHAR, major, minor, 0666);
  }

  @Test
  void setsUpTheContainerInOrderAndExecsTheProgram() {
    List<SyscallCall> calls = runToExec(web().build());

    int root = sys.fdOf(rootfs);
    int dev = sys.fdOf(rootfs.resolve("dev")); // the newest: populateDev's, on the tmpfs
    assertThat(calls).containsSubsequence(
        new Setsid(),
        new Umask(0),
        new DoMount(Mount.propagation(Path.of("/"), EnumSet.of(PRIVATE, REC))),
        new DoMount(new Mount(rootfs.toString(), rootfs, "", EnumSet.of(BIND, REC), "")),
        new OpenPath(rootfs),
        new OpenInRoot(root, "/proc"),
        new Fstat(sys.fdOf(rootfs.resolve("proc"))),
        new DoMount(new Mount("proc", rootfs.resolve("proc"), "proc", EnumSet.of(NOSUID, NOEXEC, NODEV), "")),
        new DoMount(new Mount("tmpfs", rootfs.resolve("dev"), "tmpfs", EnumSet.of(NOSUID, STRICTATIME), "mode=755,size=65536k")),
        new OpenInRoot(root, "/dev"),
        new Mknodat(dev, "null", chr(1, 3)),
        new Mknodat(dev, "zero", chr(1, 5)),
        new Mknodat(dev, "full", chr(1, 7)),
        new Mknodat(dev, "random", chr(1, 8)),
        new Mknodat(dev, "urandom", chr(1, 9)),
        new Mknodat(dev, "tty", chr(5, 0)),
        new Symlinkat("/proc/self/fd", dev, "fd"),
        new Symlinkat("/proc/self/fd/0", dev, "stdin"),
        new Symlinkat("/proc/self/fd/1", dev, "stdout"),
        new Symlinkat("/proc/self/fd/2", dev, "stderr"),
        new Symlinkat("pts/ptmx", dev, "ptmx"),
        new Close(dev),
        new OpenInRoot(root, "/proc/acpi"),
        new DoMount(new Mount("tmpfs", rootfs.resolve("proc/acpi"), "tmpfs", EnumSet.of(RDONLY), "size=0,nr_inodes=1")),
        new Close(root),
        new Chdir(rootfs),
        new PivotRoot(Path.of("."), Path.of(".")),
        new UmountDetached(Path.of(".")),
        new Chdir(Path.of("/")),
        new Sethostname("web-1"),
        new LoopbackUp(),
        new Setgroups(List.of(10)),
        new Setgid(1000),
        new Setuid(1000),
        new Umask(022),
        new Chdir(Path.of("/srv")),
        new CheckExecutable(Path.of("/bin/sh")),
        new SetParentDeathSignal(9),
        new ResetSignals(),
        new CloseOnExecFrom(3),
        new Write(3, "ready\n"),
        new Execve(Path.of("/bin/sh"), List.of("sh", "-c", "true"), List.of("PATH=/bin")));
  }

  @Test
  void mountsEveryDefaultInOrderThenTheMask() {
    runToExec(web().build());

    assertThat(calls(DoMount.class).stream().map(m -> m.mount().fstype()).toList())
        .containsExactly("", "", "proc", "tmpfs", "devpts", "tmpfs", "mqueue", "sysfs", "tmpfs");
  }

  private <T extends SyscallCall> List<T> calls(Class<T> kind) {
    return sys.calls(kind);
  }

  @Test
  void createsMissingMountTargetsInTheFdOfTheirParent() {
    sys.missing(rootfs.resolve("sys")).missing(rootfs.resolve("dev/mqueue"));

    runToExec(web().build());

    assertThat(calls(Mkdirat.class)).extracting(m -> sys.pathOf(m.dirFd()), Mkdirat::name, Mkdirat::mode)
        .containsExactly(tuple(rootfs.resolve("dev"), "mqueue", 0755), tuple(rootfs, "sys", 0755));
    assertThat(mounts()).extracting(Mount::target).contains(rootfs.resolve("dev/mqueue"), rootfs.resolve("sys"));
  }

  @Test
  void aMaskedFileIsABindOfTheVerifiedDevNullFd() {
    sys.file(rootfs.resolve("proc/kcore"), new FileStatus(0100400, 0, 0, 0, 1, 0, 0));

    List<SyscallCall> calls = runToExec(web().maskedPaths("/proc/kcore").build());

    int root = sys.fdOf(rootfs);
    int devNull = sys.fdOf(rootfs.resolve("dev/null"));
    int kcore = sys.fdOf(rootfs.resolve("proc/kcore"));
    assertThat(calls).containsSubsequence(
        new OpenInRoot(root, "/proc/kcore"),
        new Fstat(kcore),
        new OpenInRoot(root, "/dev/null"),
        new Fstat(devNull),
        new DoMount(new Mount(rootfs.resolve("dev/null").toString(), rootfs.resolve("proc/kcore"), "", EnumSet.of(BIND), "")),
        new Close(kcore),
        new Close(devNull));
    assertThat(sys.calls()).contains(new DoMount(new Mount("/proc/self/fd/" + devNull, Path.of("/proc/self/fd/" + kcore),
        "", EnumSet.of(BIND), "")));
  }

  @Test
  void aDevNullThatIsNotTheNullDeviceIsRefusedBeforeAnyMaskMount() {
    // An image without a tmpfs /dev whose /dev/null leads to a procfs file (CVE-2025-31133).
    sys.file(rootfs.resolve("proc/kcore"), new FileStatus(0100400, 0, 0, 0, 1, 0, 0))
        .symlink(rootfs.resolve("dev/null"), "/proc/sys/kernel/core_pattern")
        .file(rootfs.resolve("proc/sys/kernel/core_pattern"), new FileStatus(0100644, 0, 0, 0, 1, 0, 0));
    LaunchConfig config = web().mounts(List.of()).maskedPaths("/proc/kcore").build();

    int status = new InitStage(sys).run(config, stateDir);

    assertThat(status).isEqualTo(125);
    assertThat(sys.written(3)).isEqualTo("failed 125 \"/dev/null\" in the container is not the null device (char 1:3),"
        + " refusing to mask files with it\n");
    assertThat(calls(DoMount.class)).noneMatch(m -> m.mount().flags().equals(Set.of(BIND)));
    assertThat(calls(PivotRoot.class)).isEmpty();
  }

  @Test
  void aReadonlyPathIsRemountedThroughAFreshFdOfTheNewMount() {
    List<SyscallCall> calls = runToExec(web().readonlyPaths("/proc/sys").build());

    Path procSys = rootfs.resolve("proc/sys");
    assertThat(calls).containsSubsequence(
        new DoMount(new Mount(procSys.toString(), procSys, "", EnumSet.of(BIND, REC), "")),
        new OpenInRoot(sys.fdOf(rootfs), "/proc/sys"),
        new DoMount(new Mount("", procSys, "", EnumSet.of(BIND, REMOUNT, RDONLY, REC), "")));
    List<DoMount> raw = calls(DoMount.class);
    Mount bind = raw.get(raw.size() - 2).mount();
    Mount remount = raw.get(raw.size() - 1).mount();
    assertThat(remount.target()).isNotEqualTo(bind.target());
  }

  @Test
  void noPivotMovesTheRootfsOntoSlashAndChroots() {
    List<SyscallCall> calls = runToExec(web().noPivot(true).build());

    assertThat(calls).containsSubsequence(
        new Chdir(rootfs),
        new DoMount(new Mount(rootfs.toString(), Path.of("/"), "", EnumSet.of(MOVE), "")),
        new Chroot(Path.of(".")),
        new Chdir(Path.of("/")),
        new Sethostname("web-1"));
    assertThat(calls(PivotRoot.class)).isEmpty();
  }

  @Test
  void aReadonlyRootIsRemountedRightAfterThePivot() {
    List<SyscallCall> calls = runToExec(web().readonlyRoot(true).build());

    int afterPivot = calls.indexOf(new UmountDetached(Path.of("."))) + 2;
    assertThat(calls.get(afterPivot - 1)).isEqualTo(new Chdir(Path.of("/")));
    assertThat(calls.get(afterPivot))
        .isEqualTo(new DoMount(new Mount("", Path.of("/"), "", EnumSet.of(BIND, REMOUNT, RDONLY), "")));
  }

  @Test
  void aWritableRootIsNotRemounted() {
    runToExec(web().build());

    assertThat(calls(DoMount.class)).noneMatch(m -> m.mount().flags().contains(REMOUNT));
  }

  @Test
  void aDetachedContainerDoesNotDieWithItsParent() {
    runToExec(web().mode(LaunchConfig.Mode.DETACHED).build());

    assertThat(calls(SetParentDeathSignal.class)).isEmpty();
    assertThat(calls(CloseOnExecFrom.class)).containsExactly(new CloseOnExecFrom(3));
  }

  @Test
  void aDetachedInitWaitsOnTheExecFifoAfterReady() {
    List<SyscallCall> calls = runToExec(web().mode(LaunchConfig.Mode.DETACHED).build());

    int execFifo = 10; // the fake hands out fds from 10 up
    int writer = sys.fdOf(Path.of("/proc/self/fd/" + execFifo));
    assertThat(calls).containsSubsequence(
        new OpenPath(stateDir.resolve("exec.fifo")),
        new PivotRoot(Path.of("."), Path.of(".")),
        new Write(3, "ready\n"),
        new OpenWriteOnly(Path.of("/proc/self/fd/" + execFifo)),
        new Write(writer, "0"),
        new Close(writer),
        new Close(execFifo),
        new Execve(Path.of("/bin/sh"), List.of("sh", "-c", "true"), List.of("PATH=/bin")));
  }

  private void writeHooks(Map<HookPhase, List<HookEntry>> phases) throws IOException {
    Files.createDirectories(stateDir);
    HookState state = new HookState("1.2.1", "web-1", tmp, Map.of());
    Files.write(stateDir.resolve(Hooks.FILE), new Hooks(state, phases).toBytes());
  }

  private static HookEntry hook(String path) {
    return new HookEntry(Path.of(path), List.of(path), List.of(), 0);
  }

  @Test
  void hostHooksRunWhileInitWaitsBeforePivotThenContainerHooksInOrder() throws IOException {
    writeHooks(Map.of(
        HookPhase.CREATE_RUNTIME, List.of(hook("/usr/bin/netns")),
        HookPhase.CREATE_CONTAINER, List.of(hook("/usr/bin/inside")),
        HookPhase.START_CONTAINER, List.of(hook("/bin/started"))));
    sys.readReturns("resume\n");

    List<SyscallCall> calls = runToExec(web().build());

    assertThat(List.of(
        calls.indexOf(new Write(3, "hooks\n")),
        calls.indexOf(new SyscallCall.Read(3)),
        spawnOf(calls, "/usr/bin/inside"),
        calls.indexOf(new PivotRoot(Path.of("."), Path.of("."))),
        calls.indexOf(new Write(3, "ready\n")),
        spawnOf(calls, "/bin/started"),
        calls.indexOf(new Execve(Path.of("/bin/sh"), List.of("sh", "-c", "true"), List.of("PATH=/bin")))))
        .as("hooks, resume, createContainer hook, pivot_root, ready, startContainer hook, execve")
        .doesNotContain(-1)
        .isSorted();
    SpawnRequest hook = calls(Spawn.class).getFirst().request();
    assertThat(hook.argv()).containsExactly("/usr/bin/inside");
    assertThat(hook.fds()).containsOnlyKeys(0, 1, 2);
    assertThat(hook.newSession()).as("a session of its own, so a timeout kills its process group").isTrue();
  }

  private static int spawnOf(List<SyscallCall> calls, String program) {
    for (int i = 0; i < calls.size(); i++) {
      if (calls.get(i) instanceof Spawn spawn && spawn.request().program().equals(Path.of(program))) {
        return i;
      }
    }
    return -1;
  }

  @Test
  void withoutHostHooksInitDoesNotWaitForTheHost() throws IOException {
    writeHooks(Map.of(HookPhase.CREATE_CONTAINER, List.of(hook("/usr/bin/inside"))));

    List<SyscallCall> calls = runToExec(web().build());

    assertThat(calls).doesNotContain(new Write(3, "hooks\n"));
    assertThat(calls(Spawn.class)).hasSize(1);
  }

  @Test
  void initFailsWhenTheHostEndsInsteadOfResuming() throws IOException {
    writeHooks(Map.of(HookPhase.PRESTART, List.of(hook("/usr/bin/netns"))));

    int status = new InitStage(sys).run(web().build(), stateDir);

    assertThat(status).isEqualTo(125);
    assertThat(calls(PivotRoot.class)).isEmpty();
    assertThat(sys.written(3)).endsWith("failed 125 the host did not resume init after the prestart and createRuntime hooks\n");
  }

  @Test
  void anEmptyHostnameIsLeftAlone() {
    runToExec(web().hostname("").build());

    assertThat(calls(Sethostname.class)).isEmpty();
  }

  @Test
  void aJoinedNetworkNamespaceKeepsItsLoopbackAsItIs() {
    runToExec(web().namespaces(new NamespaceEntry(Namespace.MOUNT, null),
        new NamespaceEntry(Namespace.NETWORK, Path.of("/run/netns/blue"))).build());

    assertThat(calls(LoopbackUp.class)).isEmpty();
  }

  @Test
  void noNetworkNamespaceMeansNoLoopbackChange() {
    runToExec(web().namespaces(new NamespaceEntry(Namespace.MOUNT, null)).build());

    assertThat(calls(LoopbackUp.class)).isEmpty();
  }

  @Test
  void aMissingMaskedPathIsSkipped() {
    sys.missing(rootfs.resolve("proc/kcore-missing"));

    runToExec(web().maskedPaths("/proc/kcore-missing", "/proc/acpi").build());

    assertThat(mounts()).filteredOn(m -> m.data().equals("size=0,nr_inodes=1"))
        .extracting(Mount::target).containsExactly(rootfs.resolve("proc/acpi"));
  }

  @Test
  void aProgramWithASlashIsExecutedDirectly() {
    runToExec(web().args("/usr/bin/env").build());

    assertThat(calls(CheckExecutable.class)).containsExactly(new CheckExecutable(Path.of("/usr/bin/env")));
    assertThat(calls(Execve.class)).extracting(Execve::program).containsExactly(Path.of("/usr/bin/env"));
  }

  @Test
  void aProgramMissingInEveryPathDirectoryIs127BeforeReady() {
    sys.failWhen(c -> c instanceof CheckExecutable, Errno.ENOENT);

    int status = new InitStage(sys).run(web().args("x").env("PATH=/usr/bin:/bin").build(), stateDir);

    assertThat(status).isEqualTo(127);
    assertThat(calls(CheckExecutable.class)).extracting(CheckExecutable::path)
        .containsExactly(Path.of("/usr/bin/x"), Path.of("/bin/x"));
    assertThat(sys.written(3)).isEqualTo("failed 127 command \"x\" not found in $PATH\n");
    assertThat(calls(Execve.class)).isEmpty();
  }

  @Test
  void theFirstExecutableInPathIsExecuted() {
    sys.failWhen(c -> c.equals(new CheckExecutable(Path.of("/usr/local/bin/x"))), Errno.ENOENT);

    runToExec(web().args("x", "-v").env("PATH=/usr/local/bin:/opt/bin:/bin").build());

    assertThat(calls(Execve.class)).containsExactly(
        new Execve(Path.of("/opt/bin/x"), List.of("x", "-v"), List.of("PATH=/usr/local/bin:/opt/bin:/bin")));
  }

  @Test
  void aProgramDeniedInOneDirectoryAndMissingInAnotherIs126() {
    sys.failWhen(c -> c.equals(new CheckExecutable(Path.of("/usr/bin/x"))), Errno.EACCES)
        .failWhen(c -> c instanceof CheckExecutable, Errno.ENOENT);

    int status = new InitStage(sys).run(web().args("x").env("PATH=/bin:/usr/bin:/sbin").build(), stateDir);

    assertThat(status).isEqualTo(126);
    assertThat(sys.written(3))
        .isEqualTo("failed 126 command \"x\" cannot be executed: EACCES (permission denied)\n");
  }

  @Test
  void withoutPathTheDefaultSearchPathIsUsed() {
    sys.failWhen(c -> c instanceof CheckExecutable, Errno.ENOENT);

    new InitStage(sys).run(web().args("x").env("TERM=xterm").build(), stateDir);

    assertThat(calls(CheckExecutable.class)).extracting(e -> e.path().toString()).containsExactly(
        "/usr/local/sbin/x", "/usr/local/bin/x", "/usr/sbin/x", "/usr/bin/x", "/sbin/x", "/bin/x");
  }

  @Test
  void anExecveFailingAfterTheCheckIs126AfterReady() {
    sys.failWhen(c -> c instanceof Execve, Errno.ENOEXEC);

    int status = new InitStage(sys).run(web().build(), stateDir);

    assertThat(status).isEqualTo(126);
    assertThat(sys.written(3))
        .isEqualTo("ready\nfailed 126 command \"/bin/sh\" cannot be executed: ENOEXEC (exec format error)\n");
  }

  @Test
  void aMissingCwdIs125AndNamesTheCwd() {
    sys.failWhen(c -> c.equals(new Chdir(Path.of("/srv"))), Errno.ENOENT);

    int status = new InitStage(sys).run(web().build(), stateDir);

    assertThat(status).isEqualTo(125);
    assertThat(sys.written(3)).isEqualTo("failed 125 cwd \"/srv\" does not exist in the container\n");
    assertThat(calls(Execve.class)).isEmpty();
  }

  @Test
  void aRefusedMountIs125WithTheMountAndErrnoAndNoPivot() {
    sys.failWhen(c -> c instanceof DoMount m && m.mount().fstype().equals("proc"), Errno.EPERM);

    int status = new InitStage(sys).run(web().build(), stateDir);

    assertThat(status).isEqualTo(125);
    String report = sys.written(3);
    assertThat(report).startsWith("failed 125 cannot mount on \"/proc\" in the rootfs: mount(src=\"proc\", dst=\"/proc/self/fd/"
            + sys.fdOf(rootfs.resolve("proc")) + "\", type=\"proc\", flags=")
        .contains("MS_NOSUID", "MS_NODEV", "MS_NOEXEC")
        .endsWith("): EPERM (operation not permitted)\n")
        .doesNotContain("ready");
    assertThat(calls(PivotRoot.class)).isEmpty();
    assertThat(calls(Execve.class)).isEmpty();
  }

  @Test
  void aRefusedHostnameIs125BeforeReady() {
    sys.failWhen(c -> c instanceof Sethostname, Errno.EPERM);

    int status = new InitStage(sys).run(web().build(), stateDir);

    assertThat(status).isEqualTo(125);
    assertThat(sys.written(3))
        .isEqualTo("failed 125 sethostname(\"web-1\"): EPERM (operation not permitted)\n");
  }

  @Test
  void aFailureWithoutMessageIsStillReported() {
    sys.throwWhen(c -> c instanceof Setuid, IllegalStateException::new);

    int status = new InitStage(sys).run(web().build(), stateDir);

    assertThat(status).isEqualTo(125);
    assertThat(sys.written(3)).startsWith("failed 125 ");
  }
}
