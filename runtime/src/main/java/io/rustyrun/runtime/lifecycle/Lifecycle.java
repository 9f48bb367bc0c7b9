package io.rustyrun.runtime.lifecycle;

import io.rustyrun.runtime.CgroupResolver;
import io.rustyrun.runtime.ContainerSetupException;
import io.rustyrun.runtime.cgroup.CgroupManager;
import io.rustyrun.runtime.cgroup.FreezerState;
import io.rustyrun.runtime.config.HookPhase;
import io.rustyrun.runtime.config.Hooks;
import io.rustyrun.runtime.config.LaunchConfig;
import io.rustyrun.runtime.config.LaunchConfigCodec;
import io.rustyrun.runtime.config.NamespaceEntry;
import io.rustyrun.runtime.config.ProcessConfig;
import io.rustyrun.runtime.process.HookRunner;
import io.rustyrun.runtime.process.InitStage;
import io.rustyrun.runtime.process.Message;
import io.rustyrun.runtime.process.SyncPipe;
import io.rustyrun.runtime.state.ProcessIdentity;
import io.rustyrun.runtime.state.StateStore;
import io.rustyrun.runtime.state.StateStore.ContainerDirectory;
import io.rustyrun.runtime.sys.DeviceNode;
import io.rustyrun.runtime.sys.Errno;
import io.rustyrun.runtime.sys.Namespace;
import io.rustyrun.runtime.sys.Signal;
import io.rustyrun.runtime.sys.SyscallException;
import io.rustyrun.runtime.sys.Syscalls;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The OCI lifecycle: {@code create}, {@code start}, {@code state}, {@code kill},
 * {@code delete}, with no rustyrun process alive in between (the state directory and the
 * kernel are the only memory).
 *
 * <pre>{@code
 * Lifecycle lifecycle = new Lifecycle(syscalls, store, Path.of("/proc"), System.err::println);
 * lifecycle.create("web-1", bundle, annotations, options, dir -> resolver.resolve(spec, "web-1", DETACHED), hooks);
 * lifecycle.start("web-1");
 * lifecycle.state("web-1").status();   // RUNNING
 * }</pre>
 *
 * <p>{@code create} returns once init is set up and blocked on the exec fifo; the child stage
 * has exited by then, so init is re-parented to the caller's subreaper (conmon,
 * containerd-shim), as with runc. {@code start} opens the fifo, which lets init exec.
 *
 * <p>Hooks (runtime-spec lifecycle): prestart and createRuntime run here during {@code create}
 * while init waits before pivot_root, createContainer and startContainer run in init,
 * poststart after {@code start}, poststop after {@code delete}; the last two only warn.
 */
public final class Lifecycle {
  private static final long KILL_WAIT_MILLIS = 10_000;
  private static final long POLL_MILLIS = 10;

  private final Syscalls syscalls;
  private final StateStore store;
  private final Path proc;
  private final Consumer<String> warnings;
  private final HookRunner hookRunner;

  /** @param warnings where failed poststart and poststop hooks are reported */
  public Lifecycle(Syscalls syscalls, StateStore store, Path proc, Consumer<String> warnings) {
    this.syscalls = syscalls;
    this.store = store;
    this.proc = proc;
    this.warnings = warnings;
    this.hookRunner = new HookRunner(syscalls);
  }

  /**
   * Options of {@code create}.
   *
   * @param pidFile where to write init's host pid (bare number, no newline), or null
   * @param consoleSocket the AF_UNIX socket to send the pty master to, or null
   * @param preservedFds how many of this process's fds from 3 up the container's program
   *     inherits, at the same numbers ({@code --preserve-fds})
   * @param noPivot MS_MOVE and chroot instead of pivot_root ({@code --no-pivot})
   */
  public record CreateOptions(Path pidFile, Path consoleSocket, int preservedFds, boolean noPivot) {}

  /** Creates container {@code id} and leaves its init waiting for {@link #start}. */
  public ContainerState create(String id, Path bundle, Map<String, String> annotations, CreateOptions options,
      Function<Path, LaunchConfig> configure, Hooks hooks) {
    ContainerDirectory dir = store.create(id, null);
    Optional<ProcessIdentity> init = Optional.empty();
    LaunchConfig config = null;
    try {
      config = configure.apply(dir.dir()).withPreservedFds(options.preservedFds()).withNoPivot(options.noPivot());
      dir.write(ContainerDirectory.LAUNCH, LaunchConfigCodec.toBytes(config));
      if (!hooks.isEmpty()) {
        dir.write(Hooks.FILE, hooks.toBytes());
      }
      Path launch = dir.file(ContainerDirectory.LAUNCH);
      syscalls.mknod(dir.file(InitStage.EXEC_FIFO), new DeviceNode(DeviceNode.Type.FIFO, 0, 0, 0600));
      ProcessConfig process = config.process();
      Map<Integer, Integer> fds = new HashMap<>();
      for (int fd = 3; fd < process.syncFd(); fd++) {
        fds.put(fd, fd);
      }
      Optional<Integer> console = consoleSocket(config, options);
      console.ifPresent(fd -> fds.put(process.consoleFd(), fd));
      int[] sync = syscalls.socketPair();
      fds.put(process.syncFd(), sync[1]);
      int child;
      try {
        child = syscalls.spawn(config.stages().spawnRequest("child", launch, fds, true));
      } finally {
        syscalls.close(sync[1]);
        console.ifPresent(syscalls::close);
      }
      SyncPipe pipe = new SyncPipe(syscalls, sync[0]);
      List<ProcessIdentity> started = new ArrayList<>(1);
      try {
        init = awaitReady(pipe, Optional.of(hooks), started::add);
      } catch (RuntimeException e) {
        init = started.stream().findFirst();
        throw e;
      } finally {
        pipe.close();
        syscalls.waitpid(child);
      }
      ContainerRecord record = new ContainerRecord(id, bundle, config.rootfs(), init.orElseThrow(), Instant.now(), annotations);
      dir.write(ContainerDirectory.RECORD, record.encode());
      if (options.pidFile() != null) {
        writePidFile(options.pidFile(), record.init().pid());
      }
      return state(id);
    } catch (RuntimeException e) {
      init.filter(i -> i.isAlive(proc)).ifPresent(i -> killAndWait(i));
      if (config != null) {
        destroyCgroup(config);
      }
      store.remove(dir.dir());
      // As runc's destroy: what a prestart or createRuntime hook set up gets torn down.
      hookRunner.runAll(hooks, HookPhase.POSTSTOP, 0).forEach(warnings);
      throw e;
    }
  }

  private Optional<Integer> consoleSocket(LaunchConfig config, CreateOptions options) {
    if (!config.process().terminal()) {
      return Optional.empty();
    }
    if (options.consoleSocket() == null) {
      throw new ContainerSetupException("process.terminal is true, so create needs --console-socket to hand out the terminal");
    }
    return Optional.of(syscalls.connectUnix(options.consoleSocket()));
  }

  /**
   * Reads the sync channel until init is ready, running the prestart and createRuntime hooks
   * when init asks for them; a failure is thrown as the exception it was.
   *
   * @param started told init's identity as soon as it is known (so a failure can kill it)
   */
  private Optional<ProcessIdentity> awaitReady(SyncPipe pipe, Optional<Hooks> hooks, Consumer<ProcessIdentity> started) {
    Optional<ProcessIdentity> init = Optional.empty();
    Optional<Message> next;
    while ((next = pipe.receive()).isPresent()) {
      switch (next.get()) {
        case Message.InitStarted spawned -> {
          init = ProcessIdentity.of(proc, spawned.pid());
          init.ifPresent(started);
        }
        case Message.HooksDue request -> {
          Hooks due = hooks.orElseThrow(() -> new ContainerSetupException("sync protocol error: an exec process asked for hooks"));
          int pid = init.orElseThrow(() -> new ContainerSetupException("init asked for hooks before its pid was known")).pid();
          hookRunner.runBeforePivot(due, pid);
          pipe.send(new Message.Resume());
        }
        case Message.Resume resume ->
            throw new ContainerSetupException("sync protocol error: a stage sent \"resume\", which only the host sends");
        case Message.Ready ready -> {
          return init;
        }
        case Message.Failed failed -> throw failed.toException();
        case Message.InitExited exited -> throw new ContainerSetupException("init exited during create");
      }
    }
    throw new ContainerSetupException("init ended before the container was created");
  }

  private static void writePidFile(Path pidFile, int pid) {
    try {
      Path tmp = pidFile.resolveSibling("." + pidFile.getFileName() + ".tmp");
      Files.writeString(tmp, Integer.toString(pid));
      Files.move(tmp, pidFile, java.nio.file.StandardCopyOption.ATOMIC_MOVE, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new ContainerSetupException("cannot write the pid file \"" + pidFile + "\": " + e.getMessage(), e);
    }
  }

  /** Lets a created container's init exec its program. */
  public void start(String id) {
    ContainerDirectory dir = directory(id);
    ContainerRecord record = record(dir);
    Status status = status(dir, record);
    if (status != Status.CREATED) {
      throw new IllegalStatusException(id, status, "start");
    }
    int fifo = syscalls.openReadOnly(dir.file(InitStage.EXEC_FIFO));
    try {
      awaitExec(fifo, record);
    } finally {
      syscalls.close(fifo);
    }
    try {
      Files.deleteIfExists(dir.file(InitStage.EXEC_FIFO));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Hooks.readFrom(dir.dir()).ifPresent(hooks ->
        hookRunner.runAll(hooks, HookPhase.POSTSTART, record.init().pid()).forEach(warnings));
  }

  /** Init writes one byte once it has the fifo open; end of file means it died first. */
  private void awaitExec(int fifo, ContainerRecord record) {
    byte[] one = new byte[1];
    long deadline = System.nanoTime() + KILL_WAIT_MILLIS * 1_000_000;
    while (System.nanoTime() < deadline) {
      try {
        if (syscalls.read(fifo, one) == 1) {
          return;
        }
      } catch (SyscallException e) {
        if (e.errno() != Errno.EAGAIN) {
          throw e;
        }
      }
      if (!record.init().isAlive(proc)) {
        throw new ContainerSetupException("container \"" + record.id() + "\" exited before it could start");
      }
      pause();
    }
    throw new ContainerSetupException("container \"" + record.id() + "\" did not start within " + KILL_WAIT_MILLIS + " ms");
  }

  /** The container's current state. */
  public ContainerState state(String id) {
    ContainerDirectory dir = directory(id);
    Optional<ContainerRecord> record = dir.read(ContainerDirectory.RECORD).map(ContainerRecord::decode);
    if (record.isEmpty()) {
      return new ContainerState(id, Status.CREATING, 0, null, null, null, Map.of(), owner(dir));
    }
    ContainerRecord r = record.get();
    Status status = status(dir, r);
    return new ContainerState(id, status, status == Status.STOPPED ? 0 : r.init().pid(), r.bundle(), r.rootfs(),
        r.created(), r.annotations(), owner(dir));
  }

  private static String owner(ContainerDirectory dir) {
    try {
      return Files.getOwner(dir.dir()).getName();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the owner of \"" + dir.dir() + "\"", e);
    }
  }

  /** Every container's state, by id. */
  public List<ContainerState> list() {
    List<ContainerState> states = new ArrayList<>();
    for (ContainerDirectory dir : store.list()) {
      states.add(state(dir.id()));
    }
    return states;
  }

  /**
   * Sends {@code signal} to the container's init, or with {@code all} to every process in its
   * PID namespace.
   */
  public void kill(String id, int signal, boolean all) {
    ContainerDirectory dir = directory(id);
    ContainerRecord record = record(dir);
    Status status = status(dir, record);
    if (status == Status.STOPPED) {
      throw new IllegalStatusException(id, status, "kill");
    }
    List<Integer> targets = all ? ContainerProcesses.of(proc, record.init()) : List.of(record.init().pid());
    for (int pid : targets) {
      try {
        syscalls.kill(pid, signal);
      } catch (SyscallException e) {
        if (e.errno() != Errno.ESRCH) {
          throw e;
        }
      }
    }
  }

  /**
   * Removes the container. Without {@code force} it must be stopped; with it, a created or
   * running container is killed first, and a container that does not exist is no error (clients
   * such as containerd delete twice).
   */
  public void delete(String id, boolean force) {
    Optional<ContainerDirectory> found = store.find(id);
    if (found.isEmpty()) {
      if (force) {
        return;
      }
      throw new ContainerNotFoundException(id);
    }
    ContainerDirectory dir = found.get();
    Optional<ContainerRecord> record = dir.read(ContainerDirectory.RECORD).map(ContainerRecord::decode);
    if (record.isPresent()) {
      Status status = status(dir, record.get());
      if (status != Status.STOPPED) {
        if (!force) {
          throw new IllegalStatusException(id, status, "delete");
        }
        killAndWait(record.get().init());
      }
    } else if (!force) {
      throw new IllegalStatusException(id, Status.CREATING, "delete");
    }
    if (Files.exists(dir.file(ContainerDirectory.LAUNCH))) {
      destroyCgroup(launchConfig(dir));
    }
    Optional<Hooks> hooks = Hooks.readFrom(dir.dir());
    store.remove(dir.dir());
    hooks.ifPresent(h -> hookRunner.runAll(h, HookPhase.POSTSTOP, 0).forEach(warnings));
  }

  /**
   * Options of {@code exec}.
   *
   * @param detach return once the process runs (its pid in {@code pidFile}) instead of waiting
   * @param pidFile where to write the process's host pid, or null
   * @param consoleSocket where to send the pty master when the process has a terminal, or null
   */
  public record ExecOptions(boolean detach, Path pidFile, Path consoleSocket) {}

  /** The process the container was started with, the base of {@code exec}'s defaults. */
  public ProcessConfig process(String id) {
    return launchConfig(directory(id)).process();
  }

  /**
   * Runs {@code process} in running container {@code id}: spawns the exec stage from a
   * throwaway thread that has joined the container's PID namespace (so the process is born in
   * it), and waits for it unless {@code detach}.
   *
   * @return the process's exit status, or 0 when detached
   */
  public int exec(String id, ProcessConfig process, ExecOptions options) {
    ContainerDirectory dir = directory(id);
    ContainerRecord record = record(dir);
    Status status = status(dir, record);
    if (status != Status.RUNNING) {
      throw new IllegalStatusException(id, status, "exec in");
    }
    LaunchConfig container = launchConfig(dir);
    LaunchConfig config = new LaunchConfig(id, options.detach() ? LaunchConfig.Mode.DETACHED : LaunchConfig.Mode.FOREGROUND,
        record.rootfs(), null, false, false, "", "", namespacesOf(record.init()), container.rootPropagation(), List.of(),
        List.of(), List.of(), List.of(), Map.of(), process, container.stages(), container.traceOrigin(), container.cgroups(),
        container.seccomp());
    String name = "exec-" + System.nanoTime();
    dir.write(name, LaunchConfigCodec.toBytes(config));
    Path launch = dir.file(name);
    try {
      return runExec(config, launch, record.init(), options);
    } finally {
      try {
        Files.deleteIfExists(launch);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  private int runExec(LaunchConfig config, Path launch, ProcessIdentity init, ExecOptions options) {
    Map<Integer, Integer> fds = new HashMap<>();
    Optional<Integer> console = Optional.empty();
    if (config.process().terminal()) {
      if (options.consoleSocket() == null) {
        throw new ContainerSetupException("exec with a terminal needs --console-socket to hand out the terminal");
      }
      console = Optional.of(syscalls.connectUnix(options.consoleSocket()));
      fds.put(config.process().consoleFd(), console.get());
    }
    int[] sync = syscalls.pipe();
    fds.put(config.process().syncFd(), sync[1]);
    int pid;
    try {
      pid = spawnInPidNamespace(config.stages().spawnRequest("join", launch, fds, false), init);
    } finally {
      syscalls.close(sync[1]);
      console.ifPresent(syscalls::close);
    }
    SyncPipe pipe = new SyncPipe(syscalls, sync[0]);
    try {
      awaitReady(pipe, Optional.empty(), identity -> {});
    } catch (RuntimeException e) {
      syscalls.waitpid(pid);
      throw e;
    } finally {
      pipe.close();
    }
    if (options.pidFile() != null) {
      writePidFile(options.pidFile(), pid);
    }
    return options.detach() ? 0 : syscalls.waitpid(pid).exitCode();
  }

  /**
   * setns(CLONE_NEWPID) changes where the calling thread's children are born, and that thread
   * can then create no threads: so a throwaway thread does it and the spawn.
   */
  private int spawnInPidNamespace(io.rustyrun.runtime.sys.SpawnRequest request, ProcessIdentity init) {
    Path pidNamespace = proc.resolve(Integer.toString(init.pid())).resolve("ns/pid");
    boolean ownNamespace = !sameNamespace(pidNamespace, proc.resolve("self/ns/pid"));
    int[] pid = {0};
    RuntimeException[] failure = {null};
    Thread spawner = new Thread(() -> {
      try {
        if (ownNamespace) {
          syscalls.setns(pidNamespace, Namespace.PID);
        }
        pid[0] = syscalls.spawn(request);
      } catch (RuntimeException e) {
        failure[0] = e;
      }
    }, "rustyrun-exec");
    spawner.start();
    try {
      spawner.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ContainerSetupException("interrupted while starting the exec process");
    }
    if (failure[0] != null) {
      throw failure[0];
    }
    return pid[0];
  }

  /** The namespaces of the container's init that are not the host's (those are joined). */
  private List<NamespaceEntry> namespacesOf(ProcessIdentity init) {
    List<NamespaceEntry> entries = new ArrayList<>();
    for (Namespace type : List.of(Namespace.IPC, Namespace.UTS, Namespace.NETWORK, Namespace.CGROUP, Namespace.PID, Namespace.MOUNT)) {
      Path theirs = proc.resolve(Integer.toString(init.pid())).resolve("ns").resolve(type.procName());
      if (!sameNamespace(theirs, proc.resolve("self/ns").resolve(type.procName()))) {
        entries.add(new NamespaceEntry(type, theirs));
      }
    }
    return entries;
  }

  private static boolean sameNamespace(Path a, Path b) {
    try {
      return Files.readSymbolicLink(a).equals(Files.readSymbolicLink(b));
    } catch (IOException e) {
      return false;
    }
  }

  private static LaunchConfig launchConfig(ContainerDirectory dir) {
    try {
      return LaunchConfigCodec.read(dir.file(ContainerDirectory.LAUNCH));
    } catch (IOException e) {
      throw new ContainerSetupException("cannot read the launch config of \"" + dir.id() + "\": " + e.getMessage(), e);
    }
  }

  /** The host pids of every process in the container. */
  public List<Integer> pids(String id) {
    ContainerDirectory dir = directory(id);
    ContainerRecord record = record(dir);
    return status(dir, record) == Status.STOPPED ? List.of() : ContainerProcesses.of(proc, record.init());
  }

  /** Freezes the container's cgroup. */
  public void pause(String id) {
    ContainerDirectory dir = directory(id);
    Status status = status(dir, record(dir));
    if (status != Status.RUNNING) {
      throw new IllegalStatusException(id, status, "pause");
    }
    cgroup(id, dir).freeze();
  }

  /** Thaws the container's cgroup. */
  public void resume(String id) {
    ContainerDirectory dir = directory(id);
    Status status = status(dir, record(dir));
    if (status != Status.PAUSED) {
      throw new IllegalStatusException(id, status, "resume");
    }
    cgroup(id, dir).thaw();
  }

  /** Applies new resource limits to a created, running or paused container. */
  public void update(String id, io.rustyrun.runtime.cgroup.CgroupResources resources) {
    ContainerDirectory dir = directory(id);
    Status status = status(dir, record(dir));
    if (status == Status.STOPPED) {
      throw new IllegalStatusException(id, status, "update");
    }
    cgroup(id, dir).apply(resources);
  }

  private CgroupManager cgroup(String id, ContainerDirectory dir) {
    Map<String, Path> cgroups = launchConfig(dir).cgroups();
    if (cgroups.isEmpty()) {
      throw new ContainerSetupException("container \"" + id + "\" has no cgroup");
    }
    return CgroupResolver.forHost(syscalls).reopenPaths(cgroups);
  }

  private void destroyCgroup(LaunchConfig config) {
    if (!config.cgroups().isEmpty()) {
      CgroupResolver.forHost(syscalls).reopenPaths(config.cgroups()).destroy();
    }
  }

  private void killAndWait(ProcessIdentity init) {
    try {
      syscalls.kill(init.pid(), Signal.SIGKILL.number());
    } catch (SyscallException e) {
      if (e.errno() != Errno.ESRCH) {
        throw e;
      }
    }
    long deadline = System.nanoTime() + KILL_WAIT_MILLIS * 1_000_000;
    while (init.isAlive(proc) && System.nanoTime() < deadline) {
      pause();
    }
  }

  private ContainerDirectory directory(String id) {
    return store.find(id).orElseThrow(() -> new ContainerNotFoundException(id));
  }

  private static ContainerRecord record(ContainerDirectory dir) {
    return dir.read(ContainerDirectory.RECORD).map(ContainerRecord::decode)
        .orElseThrow(() -> new IllegalStatusException(dir.id(), Status.CREATING, "use"));
  }

  /** Derived from the kernel, never stored: true even when no rustyrun process is alive. */
  private Status status(ContainerDirectory dir, ContainerRecord record) {
    if (!record.init().isAlive(proc)) {
      return Status.STOPPED;
    }
    if (Files.exists(dir.file(InitStage.EXEC_FIFO))) {
      return Status.CREATED;
    }
    return frozen(dir) ? Status.PAUSED : Status.RUNNING;
  }

  private boolean frozen(ContainerDirectory dir) {
    Map<String, Path> cgroups = launchConfig(dir).cgroups();
    return !cgroups.isEmpty()
        && CgroupResolver.forHost(syscalls).reopenPaths(cgroups).freezerState() != FreezerState.THAWED;
  }

  private static void pause() {
    try {
      Thread.sleep(POLL_MILLIS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ContainerSetupException("interrupted");
    }
  }
}
