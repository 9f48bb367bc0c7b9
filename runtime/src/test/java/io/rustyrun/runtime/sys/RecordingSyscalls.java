package io.rustyrun.runtime.sys;

import io.rustyrun.runtime.sys.SyscallCall.*;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * A complete in-memory {@link Syscalls}: every call is recorded as a {@link SyscallCall}, and
 * failures can be injected, as youki's {@code TestHelperSyscall} does.
 *
 * <pre>{@code
 * RecordingSyscalls sys = new RecordingSyscalls().failWhen(c -> c instanceof Sethostname, Errno.EPERM);
 * ...
 * assertThat(sys.calls()).containsSubsequence(new Unshare(...), new Sethostname("web-1"));
 * }</pre>
 *
 * <p>{@link #execve} throws {@link ExecveCalled} (an Error, so stage code's failure handling
 * does not swallow it): a real execve does not return either.
 *
 * <p>The fd-relative file calls work on a small model: every fd remembers the host path it was
 * opened as; every path is a directory unless declared {@link #missing}, a {@link #file} or a
 * {@link #symlink}; {@link #openInRoot} follows those symlinks inside the root as openat2 does.
 * {@link #resolvedCalls} shows mounts with {@code /proc/self/fd/N} replaced by N's path.
 */
public final class RecordingSyscalls implements Syscalls {
  private final List<SyscallCall> calls = new ArrayList<>();
  private final List<Failure> failures = new ArrayList<>();
  private final Deque<byte[]> reads = new ArrayDeque<>();
  private final Map<Integer, String> fdPaths = new HashMap<>();
  private final Set<String> missing = new HashSet<>();
  private final Map<String, FileStatus> files = new HashMap<>();
  private final Map<String, String> links = new HashMap<>();
  private int nextFd = 10;
  private int nextPid = 1000;
  private WaitStatus waitStatus = WaitStatus.exited(0);

  private record Failure(Predicate<SyscallCall> when, Errno errno) {}

  private record Crash(Predicate<SyscallCall> when, Supplier<? extends RuntimeException> exception) {}

  private final List<Crash> crashes = new ArrayList<>();

  /** Thrown by {@link #execve}: the program would now be running. */
  public static final class ExecveCalled extends Error {
    private static final long serialVersionUID = 1L;

    public ExecveCalled() {
      super("execve", null, false, false);
    }
  }

  /** Makes every matching call fail with {@code errno}. */
  public RecordingSyscalls failWhen(Predicate<SyscallCall> when, Errno errno) {
    failures.add(new Failure(when, errno));
    return this;
  }

  /**
   * Makes every matching call throw what {@code exception} supplies: for failures that are not
   * a kernel error, e.g. a bug deeper down that surfaces as an exception without a message.
   */
  public RecordingSyscalls throwWhen(Predicate<SyscallCall> when, Supplier<? extends RuntimeException> exception) {
    crashes.add(new Crash(when, exception));
    return this;
  }

  /** What {@link #waitpid} reports. */
  public RecordingSyscalls waitStatus(WaitStatus status) {
    this.waitStatus = status;
    return this;
  }

  /** Queues bytes for the next {@link #read}s; with none queued, read returns end of file. */
  public RecordingSyscalls readReturns(String data) {
    reads.add(data.getBytes(StandardCharsets.UTF_8));
    return this;
  }

  public synchronized List<SyscallCall> calls() {
    return List.copyOf(calls);
  }

  /** Declares that {@code path} (and everything below it) does not exist. */
  public synchronized RecordingSyscalls missing(Path path) {
    missing.add(path.toString());
    return this;
  }

  /** Declares that {@code path} is a non-directory with this status. */
  public synchronized RecordingSyscalls file(Path path, FileStatus status) {
    files.put(path.toString(), status);
    return this;
  }

  /** Declares that {@code path} is a symlink to {@code target}. */
  public synchronized RecordingSyscalls symlink(Path path, String target) {
    links.put(path.toString(), target);
    return this;
  }

  /** The fd the fake gave for {@code path} (the newest when it was opened more than once). */
  public synchronized int fdOf(Path path) {
    return fdPaths.entrySet().stream().filter(e -> e.getValue().equals(path.toString()))
        .mapToInt(Map.Entry::getKey).max()
        .orElseThrow(() -> new AssertionError("no fd was opened for " + path));
  }

  /** The host path the fake opened {@code fd} as. */
  public synchronized Path pathOf(int fd) {
    return Path.of(fdPaths.get(fd));
  }

  /** {@link #calls()} with each mount's {@code /proc/self/fd/N} source and target replaced by N's path. */
  public synchronized List<SyscallCall> resolvedCalls() {
    return calls.stream().map(c -> c instanceof DoMount(Mount m)
        ? new DoMount(new Mount(resolve(m.source()), Path.of(resolve(m.target().toString())), m.fstype(), m.flags(),
            m.data()))
        : c).toList();
  }

  private String resolve(String name) {
    String prefix = "/proc/self/fd/";
    return name.startsWith(prefix) ? fdPaths.get(Integer.parseInt(name.substring(prefix.length()))) : name;
  }

  /** The recorded calls of one kind, in order. */
  public synchronized <T extends SyscallCall> List<T> calls(Class<T> kind) {
    return calls.stream().filter(kind::isInstance).map(kind::cast).toList();
  }

  /** Everything written to {@code fd}, concatenated. */
  public synchronized String written(int fd) {
    StringBuilder sb = new StringBuilder();
    calls(Write.class).stream().filter(w -> w.fd() == fd).forEach(w -> sb.append(w.text()));
    return sb.toString();
  }

  private synchronized void record(SyscallCall call, String name) {
    calls.add(call);
    for (Failure f : failures) {
      if (f.when().test(call)) {
        throw new SyscallException(name, arguments(call), f.errno());
      }
    }
    for (Crash c : crashes) {
      if (c.when().test(call)) {
        throw c.exception().get();
      }
    }
  }

  /** The arguments as {@link LinuxSyscalls} renders them in its errors, so messages match. */
  private static String arguments(SyscallCall call) {
    return switch (call) {
      case DoMount m -> m.mount().render();
      case Chdir c -> Libc.quote(c.dir());
      case Execve e -> Libc.quote(e.program());
      case PivotRoot p -> Libc.quote(p.newRoot()) + ", " + Libc.quote(p.putOld());
      case UmountDetached u -> Libc.quote(u.target()) + ", MNT_DETACH";
      case Sethostname h -> Libc.quote(h.hostname());
      case Spawn s -> Libc.quote(s.request().program());
      case Mknod n -> Libc.quote(n.path()) + ", " + n.node();
      case OpenInRoot o -> "fd " + o.rootFd() + ", " + Libc.quote(o.path());
      case OpenNoFollow o -> "fd " + o.dirFd() + ", " + Libc.quote(o.name());
      default -> call.toString();
    };
  }

  @Override public void unshare(Set<Namespace> namespaces) { record(new Unshare(Set.copyOf(namespaces)), "unshare"); }
  @Override public void unshareFs() { record(new UnshareFs(), "unshare"); }
  @Override public void setns(Path path, Namespace namespace) { record(new Setns(path, namespace), "setns"); }

  @Override
  public int spawn(SpawnRequest request) {
    record(new Spawn(request), "posix_spawn");
    return nextPid++;
  }

  @Override
  public WaitStatus waitpid(int pid) {
    record(new Waitpid(pid), "waitpid");
    return waitStatus;
  }

  /** The process has ended at once: {@link #waitStatus} is reported. */
  @Override
  public java.util.Optional<WaitStatus> pollExit(int pid) {
    record(new PollExit(pid), "waitpid");
    return java.util.Optional.of(waitStatus);
  }

  /** Always readable: queued reads come at once, then end of file. */
  @Override
  public boolean awaitReadable(int fd, int timeoutMillis) {
    record(new AwaitReadable(fd, timeoutMillis), "poll");
    return true;
  }

  @Override public void kill(int pid, int signal) { record(new Kill(pid, signal), "kill"); }

  @Override
  public int getpid() {
    record(new Getpid(), "getpid");
    return 1;
  }

  @Override public void setParentDeathSignal(int signal) { record(new SetParentDeathSignal(signal), "prctl"); }
  @Override public void setsid() { record(new Setsid(), "setsid"); }

  @Override
  public void execve(Path program, List<String> argv, List<String> env) {
    record(new Execve(program, argv, env), "execve");
    throw new ExecveCalled();
  }

  @Override
  public synchronized int[] pipe() {
    record(new Pipe(), "pipe2");
    return new int[] {nextFd++, nextFd++};
  }

  @Override
  public synchronized int read(int fd, byte[] buffer) {
    record(new Read(fd), "read");
    byte[] next = reads.peek();
    if (next == null) {
      return 0;
    }
    int n = Math.min(buffer.length, next.length);
    System.arraycopy(next, 0, buffer, 0, n);
    reads.pop();
    if (n < next.length) {
      reads.push(java.util.Arrays.copyOfRange(next, n, next.length));
    }
    return n;
  }

  @Override public void write(int fd, byte[] data) { record(new Write(fd, new String(data, StandardCharsets.UTF_8)), "write"); }
  @Override public void close(int fd) { record(new Close(fd), "close"); }
  @Override public void dup2(int from, int to) { record(new Dup2(from, to), "dup2"); }

  @Override
  public synchronized int[] socketPair() {
    record(new SocketPair(), "socketpair");
    return new int[] {nextFd++, nextFd++};
  }

  @Override public void sendFd(int socket, int fd, String name) { record(new SendFd(socket, fd, name), "sendmsg"); }

  @Override
  public synchronized int receiveFd(int socket) {
    record(new ReceiveFd(socket), "recvmsg");
    return nextFd++;
  }
  @Override public void closeOnExecFrom(int from) { record(new CloseOnExecFrom(from), "close_range"); }
  @Override public void resetSignals() { record(new ResetSignals(), "rt_sigaction"); }
  @Override public void mount(Mount mount) { record(new DoMount(mount), "mount"); }
  @Override public void umountDetached(Path target) { record(new UmountDetached(target), "umount2"); }
  @Override public void pivotRoot(Path newRoot, Path putOld) { record(new PivotRoot(newRoot, putOld), "pivot_root"); }
  @Override public void chdir(Path dir) { record(new Chdir(dir), "chdir"); }
  @Override public void chroot(Path dir) { record(new Chroot(dir), "chroot"); }
  @Override public void mknod(Path path, DeviceNode node) { record(new Mknod(path, node), "mknod"); }

  @Override
  public synchronized int openInRoot(int rootFd, String path) {
    record(new OpenInRoot(rootFd, path), "openat2");
    return open(resolveInRoot(fdPaths.get(rootFd), path), "openat2");
  }

  @Override
  public synchronized int openNoFollow(int dirFd, String name) {
    record(new OpenNoFollow(dirFd, name), "openat");
    return open(child(dirFd, name), "openat");
  }

  @Override
  public synchronized void createFile(int dirFd, String name, int mode) {
    record(new CreateFile(dirFd, name, mode), "openat");
    created(child(dirFd, name), new FileStatus(0100000 | mode, 0, 0, 0, 1, 0, 0));
  }

  @Override
  public synchronized void mkdirat(int dirFd, String name, int mode) {
    record(new Mkdirat(dirFd, name, mode), "mkdirat");
    created(child(dirFd, name), null);
  }

  @Override
  public synchronized void mknodat(int dirFd, String name, DeviceNode node) {
    record(new Mknodat(dirFd, name, node), "mknodat");
    created(child(dirFd, name), new FileStatus(node.type().bits() | node.mode(), 0, 0, 0, 1, node.major(), node.minor()));
  }

  @Override
  public synchronized void symlinkat(String target, int dirFd, String name) {
    record(new Symlinkat(target, dirFd, name), "symlinkat");
    String path = child(dirFd, name);
    created(path, null);
    links.put(path, target);
  }

  @Override
  public synchronized void unlinkat(int dirFd, String name) {
    record(new Unlinkat(dirFd, name), "unlinkat");
    String path = child(dirFd, name);
    if (isMissing(path)) {
      throw new SyscallException("unlinkat", "fd " + dirFd + ", " + Libc.quote(name), Errno.ENOENT);
    }
    missing.add(path);
  }

  @Override public void fchownat(int dirFd, String name, int uid, int gid) { record(new Fchownat(dirFd, name, uid, gid), "fchownat"); }

  @Override
  public synchronized FileStatus fstat(int fd) {
    record(new Fstat(fd), "statx");
    String path = fdPaths.get(fd);
    if (links.containsKey(path)) {
      return new FileStatus(0120777, 0, 0, 0, 1, 0, 0);
    }
    return files.getOrDefault(path, new FileStatus(040755, 0, 0, 0, 2, 0, 0));
  }

  @Override
  public synchronized String readlinkat(int fd) {
    record(new Readlinkat(fd), "readlinkat");
    return links.get(fdPaths.get(fd));
  }

  @Override
  public synchronized String fdPath(int fd) {
    record(new FdPath(fd), "readlinkat");
    return fdPaths.get(fd);
  }

  private int open(String path, String call) {
    if (isMissing(path)) {
      throw new SyscallException(call, Libc.quote(path), Errno.ENOENT);
    }
    fdPaths.put(nextFd, path);
    return nextFd++;
  }

  /** Creation fails only over a declared file or symlink: undeclared paths exist only for lookups. */
  private void created(String path, FileStatus status) {
    if (files.containsKey(path) || links.containsKey(path)) {
      throw new SyscallException("create", Libc.quote(path), Errno.EEXIST);
    }
    missing.remove(path);
    if (status != null) {
      files.put(path, status);
    }
  }

  private boolean isMissing(String path) {
    return missing.stream().anyMatch(m -> path.equals(m) || path.startsWith(m + "/"))
        && !files.containsKey(path) && !links.containsKey(path);
  }

  private String child(int dirFd, String name) {
    String dir = fdPaths.get(dirFd);
    return name.equals(".") ? dir : dir + "/" + name;
  }

  /** Path resolution as openat2(RESOLVE_IN_ROOT) does it, over the declared symlinks. */
  private String resolveInRoot(String root, String path) {
    Deque<String> todo = new ArrayDeque<>(List.of(path.split("/")));
    String current = root;
    while (!todo.isEmpty()) {
      String part = todo.pop();
      if (part.isEmpty() || part.equals(".")) {
        continue;
      }
      if (part.equals("..")) {
        current = current.equals(root) ? root : current.substring(0, current.lastIndexOf('/'));
        continue;
      }
      String next = current + "/" + part;
      String target = links.get(next);
      if (target == null) {
        current = next;
        continue;
      }
      if (target.startsWith("/")) {
        current = root;
      }
      List<String> parts = List.of(target.split("/"));
      for (int i = parts.size() - 1; i >= 0; i--) {
        todo.push(parts.get(i));
      }
    }
    return current;
  }
  @Override public void sethostname(String hostname) { record(new Sethostname(hostname), "sethostname"); }
  @Override public void setdomainname(String domainname) { record(new Setdomainname(domainname), "setdomainname"); }
  @Override public void setgroups(List<Integer> gids) { record(new Setgroups(List.copyOf(gids)), "setgroups"); }
  @Override public void setgid(int gid) { record(new Setgid(gid), "setresgid"); }
  @Override public void setuid(int uid) { record(new Setuid(uid), "setresuid"); }
  @Override public void umask(int mask) { record(new Umask(mask), "umask"); }
  @Override
  public void attachDeviceFilter(Path cgroup, byte[] program, String license) {
    record(new AttachDeviceFilter(cgroup, HexFormat.of().formatHex(program), license), "bpf");
  }

  @Override public void loopbackUp() { record(new LoopbackUp(), "ioctl"); }

  @Override
  public synchronized int openPtyMaster(Path ptmx) {
    record(new OpenPtyMaster(ptmx), "open");
    return nextFd++;
  }

  @Override
  public synchronized int openPtySlave(int master) {
    record(new OpenPtySlave(master), "ioctl");
    return nextFd++;
  }

  @Override public void setControllingTerminal(int fd) { record(new SetControllingTerminal(fd), "ioctl"); }

  @Override
  public boolean isTerminal(int fd) {
    record(new IsTerminal(fd), "isatty");
    return false;
  }

  @Override
  public WindowSize windowSize(int fd) {
    record(new GetWindowSize(fd), "ioctl");
    return new WindowSize(24, 80);
  }

  @Override public void setWindowSize(int fd, WindowSize size) { record(new SetWindowSize(fd, size), "ioctl"); }

  @Override
  public byte[] makeRaw(int fd) {
    record(new MakeRaw(fd), "tcsetattr");
    return new byte[60];
  }

  @Override public void restoreTerminal(int fd, byte[] settings) { record(new RestoreTerminal(fd), "tcsetattr"); }

  @Override public void dropBoundingCapability(Capability cap) { record(new DropBoundingCapability(cap), "prctl"); }
  @Override public void keepCapabilities(boolean keep) { record(new KeepCapabilities(keep), "prctl"); }

  @Override
  public void setCapabilities(long effective, long permitted, long inheritable) {
    record(new SetCapabilities(effective, permitted, inheritable), "capset");
  }

  @Override
  public void setAmbientCapabilities(java.util.Collection<Capability> ambient) {
    record(new SetAmbientCapabilities(List.copyOf(ambient)), "prctl");
  }

  @Override public void setNoNewPrivileges() { record(new SetNoNewPrivileges(), "prctl"); }

  @Override
  public Rlimit setRlimit(Rlimit limit) {
    record(new SetRlimit(limit), "prlimit");
    return new Rlimit(limit.resource(), -1, -1);
  }

  @Override
  public synchronized int openPath(Path path) {
    record(new OpenPath(path), "open");
    fdPaths.put(nextFd, path.toString());
    return nextFd++;
  }

  @Override
  public synchronized int openWriteOnly(Path path) {
    record(new OpenWriteOnly(path), "open");
    fdPaths.put(nextFd, path.toString());
    return nextFd++;
  }

  @Override
  public synchronized int openReadOnly(Path path) {
    record(new OpenReadOnly(path), "open");
    return nextFd++;
  }

  @Override public void checkExecutable(Path path) { record(new CheckExecutable(path), "faccessat"); }

  @Override
  public synchronized int connectUnix(Path path) {
    record(new ConnectUnix(path), "connect");
    return nextFd++;
  }

  @Override
  public void installSeccompFilter(byte[] program, int flags) {
    record(new InstallSeccompFilter(program.length / 8, flags), "seccomp");
  }
}
