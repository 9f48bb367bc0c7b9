package io.rustyrun.cli;

import io.rustyrun.runtime.config.LaunchConfig;
import io.rustyrun.runtime.config.LaunchConfigCodec;
import io.rustyrun.runtime.process.ChildStage;
import io.rustyrun.runtime.process.InitStage;
import io.rustyrun.runtime.sys.DeviceNode;
import io.rustyrun.runtime.sys.FileStatus;
import io.rustyrun.runtime.sys.LinuxSyscalls;
import io.rustyrun.runtime.sys.Mount;
import io.rustyrun.runtime.sys.MountFlag;
import io.rustyrun.runtime.sys.Namespace;
import io.rustyrun.runtime.sys.SpawnRequest;
import io.rustyrun.runtime.sys.Syscalls;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

/**
 * The stage JVMs' AOT training workload, on the stage class path (rustyrun.jar and the runtime
 * jar only), started by {@link AotTraining} {@code stages} with the stage flags:
 *
 * <pre>
 * java (stage flags) -XX:AOTCacheOutput=target/rustyrun-stage.aot -cp (stage class path) io.rustyrun.cli.AotTrainingStage WORK
 * </pre>
 *
 * <p>It reads the launch config {@code AotTraining host} wrote (WORK/launch) as a stage does,
 * makes the harmless real system calls of the stages (pipes, socket pairs, fd passing,
 * posix_spawn of /bin/true, unshare of nothing, mount/umount/pivot_root/chroot of paths that do
 * not exist, the fd-relative file calls on WORK or on fd -1), and runs the child and init stage logic against a {@link Syscalls} that does nothing,
 * so the stages' own classes are loaded and linked too. Nothing irreversible happens; the only
 * files written are under WORK (the training rootfs).
 */
final class AotTrainingStage {
  private AotTrainingStage() {}

    public static void main(String[] args) throws IOException {
    Path work = Path.of(args[0]);
    Path configFile = work.resolve("launch");
    LaunchConfig config;
    try (InputStream in = Files.newInputStream(configFile)) {
      config = LaunchConfigCodec.read(in);
    }
    Syscalls real = new LinuxSyscalls();
    harmlessCalls(real, work, configFile);
    Syscalls nothing = doNothing();
    new ChildStage(nothing).run(config, configFile);
    new InitStage(nothing).run(config, work);
    // As Main does for the stages.
    Runtime.getRuntime().halt(0);
  }

  private static void harmlessCalls(Syscalls sys, Path work, Path configFile) {
    Path missing = work.resolve("does-not-exist").resolve("x");
    int workFd = sys.openPath(work);
    List<Runnable> calls = List.of(
        () -> sys.getpid(),
        () -> {
          int[] pipe = sys.pipe();
          sys.write(pipe[1], new byte[] {'x'});
          sys.read(pipe[0], new byte[1]);
          sys.isTerminal(pipe[0]);
          int[] sockets = sys.socketPair();
          sys.sendFd(sockets[0], pipe[0], "aot");
          sys.close(sys.receiveFd(sockets[1]));
          for (int fd : new int[] {pipe[0], pipe[1], sockets[0], sockets[1]}) {
            sys.close(fd);
          }
        },
        () -> sys.close(sys.openReadOnly(configFile)),
        () -> sys.close(sys.openPath(work)),
        () -> sys.unshare(EnumSet.noneOf(Namespace.class)),
        () -> sys.checkExecutable(Path.of("/bin/true")),
        () -> sys.waitpid(sys.spawn(new SpawnRequest(Path.of("/bin/true"), List.of("true"), List.of(), Map.of(), false))),
        () -> sys.mount(new Mount("none", missing, "tmpfs", EnumSet.of(MountFlag.NOSUID), "")),
        () -> sys.umountDetached(missing),
        () -> sys.pivotRoot(missing, missing),
        () -> sys.chroot(missing),
        () -> sys.close(sys.openInRoot(workFd, "launch")),
        () -> sys.close(sys.openNoFollow(workFd, "launch")),
        () -> sys.fdPath(workFd),
        () -> sys.fstat(workFd),
        () -> sys.mkdirat(workFd, "does-not-exist/x", 0755),
        () -> sys.createFile(workFd, "does-not-exist/x", 0644),
        () -> sys.mknodat(workFd, "does-not-exist/x", new DeviceNode(DeviceNode.Type.CHAR, 1, 3, 0666)),
        () -> sys.symlinkat("x", workFd, "does-not-exist/x"),
        () -> sys.unlinkat(workFd, "does-not-exist/x"),
        () -> sys.fchownat(workFd, "does-not-exist/x", 0, 0),
        () -> sys.readlinkat(workFd),
        () -> sys.chdir(work));
    for (Runnable call : calls) {
      try {
        call.run();
      } catch (RuntimeException expected) {
        // ENOENT and friends: the point was the downcall, not its success.
      }
    }
    sys.close(workFd);
  }

  /** Every call does nothing and returns 0, false, "", a directory's status or null. */
  private static Syscalls doNothing() {
    return (Syscalls) Proxy.newProxyInstance(Syscalls.class.getClassLoader(), new Class<?>[] {Syscalls.class},
        (proxy, method, args) -> {
          Class<?> type = method.getReturnType();
          if (type == int.class) {
            return 0;
          } else if (type == long.class) {
            return 0L;
          } else if (type == boolean.class) {
            return false;
          } else if (type == int[].class) {
            return new int[] {-1, -1};
          } else if (type == byte[].class) {
            return new byte[0];
          } else if (type == String.class) {
            return "";
          } else if (type == FileStatus.class) {
            return new FileStatus(040755, 0, 0, 0, 2, 0, 0);
          }
          return null;
        });
  }
}
