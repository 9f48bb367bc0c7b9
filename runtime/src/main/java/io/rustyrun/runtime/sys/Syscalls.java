package io.rustyrun.runtime.sys;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The only way runtime code touches the kernel for processes, namespaces, mounts and
 * credentials. {@link LinuxSyscalls} implements it with FFM; tests use a recording fake and
 * assert the ordered list of calls.
 *
 * <pre>{@code
 * syscalls.unshare(EnumSet.of(Namespace.MOUNT, Namespace.UTS));
 * syscalls.sethostname("web-1");
 * syscalls.mount(new Mount("proc", root.resolve("proc"), "proc", EnumSet.of(NOSUID), ""));
 * }</pre>
 *
 * <p>Every method throws {@link SyscallException} (naming the call, its arguments and the errno)
 * when the kernel refuses; EINTR is retried inside the implementation.
 */
public interface Syscalls {

  // --- namespaces ---

  /** unshare(2) of the given namespaces, for the calling thread only (a JVM is multi-threaded). */
  void unshare(Set<Namespace> namespaces);

  /** unshare(CLONE_FS): needed before joining a mount namespace from a JVM thread. */
  void unshareFs();

  /** setns(2): joins the namespace the file at {@code path} refers to. */
  void setns(Path path, Namespace namespace);

  // --- processes ---

  /** posix_spawn(3) with clean signal state and only the requested fds; returns the pid. */
  int spawn(SpawnRequest request);

  /** waitpid(2) for {@code pid}, blocking. */
  WaitStatus waitpid(int pid);

  /** waitpid(2) with WNOHANG: {@code pid}'s status if it has ended, else empty. */
  Optional<WaitStatus> pollExit(int pid);

  /** kill(2). */
  void kill(int pid, int signal);

  /** getpid(2). */
  int getpid();

  /** prctl(PR_SET_PDEATHSIG): {@code signal} arrives when the parent thread exits. */
  void setParentDeathSignal(int signal);

  /** setsid(2). */
  void setsid();

  /**
   * execve(2). Returns only by throwing: ENOENT, EACCES and ENOEXEC are how a missing or
   * non-executable program shows.
   */
  void execve(Path program, List<String> argv, List<String> env);

  // --- fds ---

  /** pipe2(O_CLOEXEC): {@code [read, write]}. */
  int[] pipe();

  /** read(2); returns the count, 0 at end of file. */
  int read(int fd, byte[] buffer);

  /**
   * poll(2) for {@code fd} to become readable or hung up; false when {@code timeoutMillis}
   * passed first ({@code -1}: no timeout). Interrupted polls are restarted.
   */
  boolean awaitReadable(int fd, int timeoutMillis);

  /** write(2) of the whole array. */
  void write(int fd, byte[] data);

  /** close(2). */
  void close(int fd);

  /** open(2) with O_PATH | O_CLOEXEC: a handle to a file that can be reopened through /proc/self/fd. */
  int openPath(Path path);

  /** open(2) with O_WRONLY | O_CLOEXEC; blocks on a fifo until it has a reader. */
  int openWriteOnly(Path path);

  /** open(2) with O_RDONLY | O_NONBLOCK | O_CLOEXEC (never blocks, not even on a fifo). */
  int openReadOnly(Path path);

  /** socket(AF_UNIX, SOCK_STREAM) + connect(2) to the socket at {@code path}; returns the fd. */
  int connectUnix(Path path);

  /** faccessat(2) with X_OK and AT_EACCESS: whether this process could execute {@code path}. */
  void checkExecutable(Path path);

  /** dup2(2); the new fd is not close-on-exec. */
  void dup2(int from, int to);

  /** socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC). */
  int[] socketPair();

  /** sendmsg(2) of {@code fd} as SCM_RIGHTS, with {@code name} as the data (runc sends the pty path). */
  void sendFd(int socket, int fd, String name);

  /** recvmsg(2) of one SCM_RIGHTS fd, made close-on-exec. */
  int receiveFd(int socket);

  /**
   * close_range(from, ~0, CLOSE_RANGE_CLOEXEC): every fd from {@code from} up is closed when
   * the next execve succeeds, so nothing the JVM opened leaks into the container
   * (CVE-2024-21626), while an error report can still be written if execve fails.
   */
  void closeOnExecFrom(int from);

  /**
   * Empties the signal mask and puts every ignored signal back to SIG_DFL: a JVM blocks SIGQUIT
   * and glibc's posix_spawn leaves signal 32 ignored, and both survive execve.
   */
  void resetSignals();

  // --- filesystem and mounts ---

  /** mount(2). */
  void mount(Mount mount);

  /** umount2(target, MNT_DETACH). */
  void umountDetached(Path target);

  /** pivot_root(2). */
  void pivotRoot(Path newRoot, Path putOld);

  /** chdir(2). */
  void chdir(Path dir);

  /** chroot(2). */
  void chroot(Path dir);

  /** mknod(2), for the exec fifo in the state directory (host paths only). */
  void mknod(Path path, DeviceNode node);

  // --- files relative to directory fds: the rootfs before pivot_root ---

  /**
   * openat2(2) of {@code path} with {@code O_PATH|O_CLOEXEC} and
   * {@code RESOLVE_IN_ROOT|RESOLVE_NO_MAGICLINKS}: the kernel resolves every component, symlinks
   * and {@code ..} included, as if {@code rootFd} were {@code /}, so the result never lies
   * outside it, and no {@code /proc/self/fd}-style link is followed. ENOSYS before Linux 5.6;
   * EAGAIN when a concurrent rename made the walk unsafe (try again).
   */
  int openInRoot(int rootFd, String path);

  /** openat(2) of one {@code name} in {@code dirFd} with {@code O_PATH|O_NOFOLLOW|O_CLOEXEC}. */
  int openNoFollow(int dirFd, String name);

  /**
   * openat(2) with {@code O_CREAT|O_EXCL|O_NOFOLLOW|O_WRONLY|O_CLOEXEC}, then close(2): an empty
   * regular file {@code name} in {@code dirFd}; EEXIST when anything is there already.
   */
  void createFile(int dirFd, String name, int mode);

  /** mkdirat(2). */
  void mkdirat(int dirFd, String name, int mode);

  /** mknodat(2). */
  void mknodat(int dirFd, String name, DeviceNode node);

  /** symlinkat(2): {@code name} in {@code dirFd} pointing at {@code target}. */
  void symlinkat(String target, int dirFd, String name);

  /** unlinkat(2) of a non-directory. */
  void unlinkat(int dirFd, String name);

  /** fchownat(2) with {@code AT_SYMLINK_NOFOLLOW}. */
  void fchownat(int dirFd, String name, int uid, int gid);

  /** statx(2) of the file {@code fd} refers to ({@code AT_EMPTY_PATH}; an O_PATH fd works). */
  FileStatus fstat(int fd);

  /** readlinkat(2) with an empty name: the text of the symlink {@code fd} (O_PATH|O_NOFOLLOW) is. */
  String readlinkat(int fd);

  /** readlink(2) of {@code /proc/self/fd/N}: the path the kernel has for {@code fd}. */
  String fdPath(int fd);

  // --- identity ---

  /** sethostname(2). */
  void sethostname(String hostname);

  /** setdomainname(2). */
  void setdomainname(String domainname);

  /** setgroups(2). */
  void setgroups(List<Integer> gids);

  /** setresgid(2) with all three ids equal (glibc applies it to every thread). */
  void setgid(int gid);

  /** setresuid(2) with all three ids equal (glibc applies it to every thread). */
  void setuid(int uid);

  /** umask(2). */
  void umask(int mask);

  // --- privileges and limits ---

  /** prctl(PR_CAPBSET_DROP): removes {@code cap} from the bounding set for good. */
  void dropBoundingCapability(Capability cap);

  /** prctl(PR_SET_KEEPCAPS): whether permitted capabilities survive the switch away from uid 0. */
  void keepCapabilities(boolean keep);

  /** capset(2) of the calling thread's effective, permitted and inheritable sets (masks). */
  void setCapabilities(long effective, long permitted, long inheritable);

  /** prctl(PR_CAP_AMBIENT): clears the ambient set, then raises each capability in {@code ambient}. */
  void setAmbientCapabilities(java.util.Collection<Capability> ambient);

  /** prctl(PR_SET_NO_NEW_PRIVS, 1): execve can no longer grant privileges (setuid bits, file caps). */
  void setNoNewPrivileges();

  /**
   * seccomp(SECCOMP_SET_MODE_FILTER, flags, &prog) for the calling thread: {@code program} is a
   * {@code struct sock_filter} array. Needs no_new_privs or CAP_SYS_ADMIN.
   */
  void installSeccompFilter(byte[] program, int flags);

  /** prlimit(2) on the calling process; returns the limit it replaced. */
  Rlimit setRlimit(Rlimit limit);

  // --- cgroups ---

  /**
   * Enforces device rules on a cgroup v2 directory, where there is no devices controller:
   * bpf(BPF_PROG_LOAD) of {@code program} (a {@code struct bpf_insn} array) as a
   * BPF_PROG_TYPE_CGROUP_DEVICE program, bpf(BPF_PROG_ATTACH) of it to {@code cgroup} as
   * BPF_CGROUP_DEVICE with BPF_F_ALLOW_MULTI, then bpf(BPF_PROG_DETACH) of the device programs
   * that were attached there before (runc replaces its filter the same way). When the verifier
   * refuses the program, the exception's message carries the verifier's log.
   */
  void attachDeviceFilter(Path cgroup, byte[] program, String license);

  // --- network ---

  /** Brings the loopback interface of the current network namespace up (SIOCSIFFLAGS). */
  void loopbackUp();

  // --- terminals ---

  /**
   * Opens a new pseudo-terminal master from {@code ptmx} (a devpts instance's {@code ptmx}) and
   * unlocks it; returns the master fd.
   */
  int openPtyMaster(Path ptmx);

  /**
   * ioctl(TIOCGPTPEER): the slave of {@code master}, opened through the master rather than by
   * a /dev/pts path a container could swap (CVE-2025-52565).
   */
  int openPtySlave(int master);

  /** ioctl(TIOCSCTTY): {@code fd} becomes the controlling terminal of this session. */
  void setControllingTerminal(int fd);

  /** Whether {@code fd} is a terminal (isatty). */
  boolean isTerminal(int fd);

  /** ioctl(TIOCGWINSZ). */
  WindowSize windowSize(int fd);

  /** ioctl(TIOCSWINSZ). */
  void setWindowSize(int fd, WindowSize size);

  /** Puts the terminal into raw mode and returns its previous settings, for {@link #restoreTerminal}. */
  byte[] makeRaw(int fd);

  /** tcsetattr with settings that {@link #makeRaw} returned. */
  void restoreTerminal(int fd, byte[] settings);
}
