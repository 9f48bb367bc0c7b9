package io.rustyrun.runtime.sys;

import io.rustyrun.runtime.sys.SyscallCall.*;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;
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
 */
public final class RecordingSyscalls implements Syscalls {
  private final List<SyscallCall> calls = new ArrayList<>();
  private final List<Failure> failures = new ArrayList<>();
  private final Deque<byte[]> reads = new ArrayDeque<>();
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
      case Symlink l -> Libc.quote(l.target()) + ", " + Libc.quote(l.link());
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
  @Override public void mknod(Path path, DeviceNode node) { record(new Mknod(path, node), "mknod"); }
  @Override public void symlink(String target, Path link) { record(new Symlink(target, link), "symlink"); }
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
    return nextFd++;
  }

  @Override
  public synchronized int openWriteOnly(Path path) {
    record(new OpenWriteOnly(path), "open");
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
