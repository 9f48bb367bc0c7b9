package io.rustyrun.runtime.sys;

import static io.rustyrun.runtime.sys.Libc.quote;
import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@link Syscalls} on Linux through the FFM API: glibc wrappers where glibc has them, the
 * variadic {@code syscall()} where it does not (pivot_root, raw signal calls).
 *
 * <pre>{@code
 * Syscalls sys = new LinuxSyscalls();
 * sys.sethostname("web-1");
 * }</pre>
 *
 * <p>All downcall handles are made in the constructor: the init stage builds one before
 * {@code pivot_root} and can use every call afterwards without loading anything.
 */
public final class LinuxSyscalls implements Syscalls {
  private static final int O_RDONLY = 0;
  private static final int O_WRONLY = 1;
  private static final int O_RDWR = 2;
  private static final int O_NOCTTY = 0x100;
  private static final int O_CREAT = 0100;
  private static final int O_EXCL = 0200;
  private static final int O_CLOEXEC = 0x80000;
  private static final int O_PATH = 0x200000;
  private static final int O_NONBLOCK = 0x800;
  private static final int WNOHANG = 1;
  private static final short POLLIN = 1;
  private static final int AT_FDCWD = -100;
  private static final int AT_EACCESS = 0x200;
  private static final int AT_SYMLINK_NOFOLLOW = 0x100;
  private static final int AT_EMPTY_PATH = 0x1000;
  private static final long RESOLVE_NO_MAGICLINKS = 0x02;
  private static final long RESOLVE_IN_ROOT = 0x10;
  /** {@code struct open_how}: flags, mode, resolve (three u64). */
  private static final long OPEN_HOW_BYTES = 24;
  private static final int PATH_MAX = 4096;
  private static final int X_OK = 1;
  private static final int CLONE_FS = 0x200;
  private static final int PR_SET_PDEATHSIG = 1;
  private static final int PR_SET_KEEPCAPS = 8;
  private static final int PR_CAPBSET_DROP = 24;
  private static final int PR_SET_NO_NEW_PRIVS = 38;
  private static final int PR_CAP_AMBIENT = 47;
  private static final long PR_CAP_AMBIENT_RAISE = 2;
  private static final long PR_CAP_AMBIENT_CLEAR_ALL = 4;
  private static final int LINUX_CAPABILITY_VERSION_3 = 0x20080522;
  private static final int MNT_DETACH = 2;
  private static final int CLOSE_RANGE_CLOEXEC = 4;
  private static final int SIG_SETMASK = 2;
  private static final long SIG_IGN = 1;
  private static final int POSIX_SPAWN_SETSIGDEF = 0x04;
  private static final int POSIX_SPAWN_SETSIGMASK = 0x08;
  private static final int POSIX_SPAWN_SETSID = 0x80;
  private static final int AF_INET = 2;
  private static final int SOCK_DGRAM = 2;
  private static final long SIOCGIFFLAGS = 0x8913;
  private static final long SIOCSIFFLAGS = 0x8914;
  private static final short IFF_UP = 0x1;
  private static final long TIOCSCTTY = 0x540E;
  private static final long TIOCGWINSZ = 0x5413;
  private static final long TIOCSWINSZ = 0x5414;
  private static final long TIOCSPTLCK = 0x40045431;
  private static final long TIOCGPTPEER = 0x5441;
  private static final int AF_UNIX = 1;
  private static final int SOCK_STREAM = 1;
  private static final int SOL_SOCKET = 1;
  private static final int SCM_RIGHTS = 1;
  private static final int MSG_CMSG_CLOEXEC = 0x40000000;
  /** glibc's opaque spawn structures are 80 and 336 bytes on 64-bit; these leave room. */
  private static final long SPAWN_STRUCT_BYTES = 512;
  private static final long SIGSET_BYTES = 128;
  private static final long KERNEL_SIGSET_BYTES = 8;
  private static final long TERMIOS_BYTES = 64;

  private final Libc libc = new Libc();
  private final SyscallNumbers numbers = SyscallNumbers.forArch(System.getProperty("os.arch"));
  /** The numbers of the file calls, shared with {@link LinuxFileSyscalls}. */
  private final LinuxFileSyscalls.SyscallNumbers files = LinuxFileSyscalls.SyscallNumbers.forArch(System.getProperty("os.arch"));
  private final LinuxFileSyscalls.OpenFlags openFlags =
      LinuxFileSyscalls.OpenFlags.forArch(System.getProperty("os.arch"));
  private final CgroupDeviceBpf deviceBpf = new CgroupDeviceBpf(libc, numbers.bpf(), openFlags.directory());

  private final Downcall unshare = fn("unshare", JAVA_INT);
  private final Downcall setns = fn("setns", JAVA_INT, JAVA_INT);
  private final Downcall waitpid = fn("waitpid", JAVA_INT, ADDRESS, JAVA_INT);
  private final Downcall kill = fn("kill", JAVA_INT, JAVA_INT);
  private final Downcall poll = fn("poll", ADDRESS, JAVA_LONG, JAVA_INT);
  private final Downcall getpid = fn("getpid");
  private final Downcall prctl =
      libc.lazyDowncall(
          "prctl",
          FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG),
          Linker.Option.firstVariadicArg(1));
  private final Downcall setsid = fn("setsid");
  private final Downcall execve = fn("execve", ADDRESS, ADDRESS, ADDRESS);
  private final Downcall pipe2 = fn("pipe2", ADDRESS, JAVA_INT);
  private final Downcall open =
      libc.lazyDowncall(
          "open",
          FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT),
          Linker.Option.firstVariadicArg(2));
  private final Downcall read =
      libc.lazyDowncall("read", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG));
  private final Downcall write =
      libc.lazyDowncall("write", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG));
  private final Downcall close = fn("close", JAVA_INT);
  private final Downcall connect = fn("connect", JAVA_INT, ADDRESS, JAVA_INT);
  private final Downcall faccessat = fn("faccessat", JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT);
  private final Downcall dup2 = fn("dup2", JAVA_INT, JAVA_INT);
  private final Downcall socketpair = fn("socketpair", JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS);
  private final Downcall sendmsg =
      libc.lazyDowncall("sendmsg", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_INT));
  private final Downcall recvmsg =
      libc.lazyDowncall("recvmsg", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_INT));
  private final Downcall closeRange = fn("close_range", JAVA_INT, JAVA_INT, JAVA_INT);
  /**
   * {@code long syscall(long number, ...)} with five arguments (the kernel ignores the unused
   * ones): one handle for every call made by number. Each downcall signature costs FFM a stub
   * of 10-20 ms at first use, and the rootfs calls below run in init on every container start.
   */
  private final Downcall syscall =
      libc.lazyDowncall(
          "syscall",
          FunctionDescriptor.of(JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG),
          Linker.Option.firstVariadicArg(1));
  private final Downcall mount =
      fn("mount", ADDRESS, ADDRESS, ADDRESS, JAVA_LONG, ADDRESS);
  private final Downcall umount2 = fn("umount2", ADDRESS, JAVA_INT);
  private final Downcall chdir = fn("chdir", ADDRESS);
  private final Downcall chroot = fn("chroot", ADDRESS);
  private final Downcall mknod = fn("mknod", ADDRESS, JAVA_INT, JAVA_LONG);
  private final Downcall sethostname = fn("sethostname", ADDRESS, JAVA_LONG);
  private final Downcall setdomainname = fn("setdomainname", ADDRESS, JAVA_LONG);
  private final Downcall setgroups = fn("setgroups", JAVA_LONG, ADDRESS);
  private final Downcall setresgid = fn("setresgid", JAVA_INT, JAVA_INT, JAVA_INT);
  private final Downcall setresuid = fn("setresuid", JAVA_INT, JAVA_INT, JAVA_INT);
  private final Downcall umask = fn("umask", JAVA_INT);
  private final Downcall capset = fn("capset", ADDRESS, ADDRESS);
  private final Downcall prlimit = fn("prlimit", JAVA_INT, JAVA_INT, ADDRESS, ADDRESS);
  private final Downcall socket = fn("socket", JAVA_INT, JAVA_INT, JAVA_INT);
  private final Downcall ioctl =
      libc.lazyDowncall(
          "ioctl",
          FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_LONG, ADDRESS),
          Linker.Option.firstVariadicArg(2));
  private final Downcall ioctlInt =
      libc.lazyDowncall(
          "ioctl",
          FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_LONG, JAVA_LONG),
          Linker.Option.firstVariadicArg(2));
  private final Downcall isatty = libc.plain("isatty", FunctionDescriptor.of(JAVA_INT, JAVA_INT));
  private final Downcall tcgetattr = fn("tcgetattr", JAVA_INT, ADDRESS);
  private final Downcall tcsetattr = fn("tcsetattr", JAVA_INT, JAVA_INT, ADDRESS);
  private final Downcall cfmakeraw = libc.plain("cfmakeraw", FunctionDescriptor.ofVoid(ADDRESS));
  private final Downcall faInit = fn("posix_spawn_file_actions_init", ADDRESS);
  private final Downcall faDestroy = fn("posix_spawn_file_actions_destroy", ADDRESS);
  private final Downcall faDup2 =
      fn("posix_spawn_file_actions_adddup2", ADDRESS, JAVA_INT, JAVA_INT);
  private final Downcall faClosefrom =
      fn("posix_spawn_file_actions_addclosefrom_np", ADDRESS, JAVA_INT);
  private final Downcall attrInit = fn("posix_spawnattr_init", ADDRESS);
  private final Downcall attrDestroy = fn("posix_spawnattr_destroy", ADDRESS);
  private final Downcall attrSetflags = fn("posix_spawnattr_setflags", ADDRESS, JAVA_SHORT);
  private final Downcall attrSetsigmask = fn("posix_spawnattr_setsigmask", ADDRESS, ADDRESS);
  private final Downcall attrSetsigdefault =
      fn("posix_spawnattr_setsigdefault", ADDRESS, ADDRESS);
  private final Downcall sigemptyset = fn("sigemptyset", ADDRESS);
  private final Downcall sigfillset = fn("sigfillset", ADDRESS);
  private final Downcall posixSpawn =
      fn("posix_spawn", ADDRESS, ADDRESS, ADDRESS, ADDRESS, ADDRESS, ADDRESS);

  /** An int-returning glibc function taking {@code params}. */
  private Downcall fn(String name, java.lang.foreign.MemoryLayout... params) {
    return libc.lazyDowncall(name, FunctionDescriptor.of(JAVA_INT, params));
  }

  // --- namespaces ---

  @Override
  public void unshare(Set<Namespace> namespaces) {
    int flags = 0;
    for (Namespace n : namespaces) {
      flags |= n.cloneFlag();
    }
    int f = flags;
    libc.call("unshare", () -> render(namespaces), s -> (int) unshare.get().invokeExact(s, f));
  }

  @Override
  public void unshareFs() {
    libc.call("unshare", () -> "CLONE_FS", s -> (int) unshare.get().invokeExact(s, CLONE_FS));
  }

  @Override
  public void setns(Path path, Namespace namespace) {
    int fd = openReadOnly(path);
    try {
      libc.call(
          "setns",
          () -> quote(path) + ", " + namespace.procName(),
          s -> (int) setns.get().invokeExact(s, fd, namespace.cloneFlag()));
    } finally {
      close(fd);
    }
  }

  private static String render(Set<Namespace> namespaces) {
    return namespaces.isEmpty()
        ? "0"
        : namespaces.stream()
            .map(n -> n == Namespace.MOUNT ? "CLONE_NEWNS" : "CLONE_NEW" + n.name())
            .collect(Collectors.joining("|"));
  }

  // --- processes ---

  @Override
  public int spawn(SpawnRequest request) {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment actions = arena.allocate(SPAWN_STRUCT_BYTES, 16);
      MemorySegment attr = arena.allocate(SPAWN_STRUCT_BYTES, 16);
      String what = quote(request.program());
      libc.callReturningErrno(
          "posix_spawn_file_actions_init", () -> what, s -> (int) faInit.get().invokeExact(s, actions));
      libc.callReturningErrno(
          "posix_spawnattr_init", () -> what, s -> (int) attrInit.get().invokeExact(s, attr));
      try {
        int highest = 2;
        for (Map.Entry<Integer, Integer> fd : request.fds().entrySet()) {
          int target = fd.getKey();
          int source = fd.getValue();
          highest = Math.max(highest, target);
          libc.callReturningErrno(
              "posix_spawn_file_actions_adddup2",
              () -> source + ", " + target,
              s -> (int) faDup2.get().invokeExact(s, actions, source, target));
        }
        int closeFrom = highest + 1;
        libc.callReturningErrno(
            "posix_spawn_file_actions_addclosefrom_np",
            () -> String.valueOf(closeFrom),
            s -> (int) faClosefrom.get().invokeExact(s, actions, closeFrom));
        configureSignals(arena, attr, request.newSession());
        MemorySegment pid = arena.allocate(JAVA_INT);
        MemorySegment path = arena.allocateFrom(request.program().toString());
        MemorySegment argv = stringArray(arena, request.argv());
        MemorySegment envp = stringArray(arena, request.env());
        libc.callReturningErrno(
            "posix_spawn",
            () -> what,
            s -> (int) posixSpawn.get().invokeExact(s, pid, path, actions, attr, argv, envp));
        return pid.get(JAVA_INT, 0);
      } finally {
        libc.callReturningErrno(
            "posix_spawnattr_destroy", () -> what, s -> (int) attrDestroy.get().invokeExact(s, attr));
        libc.callReturningErrno(
            "posix_spawn_file_actions_destroy",
            () -> what,
            s -> (int) faDestroy.get().invokeExact(s, actions));
      }
    }
  }

  /** Empty mask, every signal at its default disposition, optionally a new session. */
  private void configureSignals(Arena arena, MemorySegment attr, boolean newSession) {
    MemorySegment empty = arena.allocate(SIGSET_BYTES, 8);
    MemorySegment all = arena.allocate(SIGSET_BYTES, 8);
    libc.call("sigemptyset", () -> "", s -> (int) sigemptyset.get().invokeExact(s, empty));
    libc.call("sigfillset", () -> "", s -> (int) sigfillset.get().invokeExact(s, all));
    short flags = (short) (POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF
        | (newSession ? POSIX_SPAWN_SETSID : 0));
    libc.callReturningErrno(
        "posix_spawnattr_setsigmask", () -> "", s -> (int) attrSetsigmask.get().invokeExact(s, attr, empty));
    libc.callReturningErrno(
        "posix_spawnattr_setsigdefault",
        () -> "",
        s -> (int) attrSetsigdefault.get().invokeExact(s, attr, all));
    libc.callReturningErrno(
        "posix_spawnattr_setflags", () -> "", s -> (int) attrSetflags.get().invokeExact(s, attr, flags));
  }

  private static MemorySegment stringArray(Arena arena, List<String> strings) {
    MemorySegment array = arena.allocate(ADDRESS, strings.size() + 1L);
    for (int i = 0; i < strings.size(); i++) {
      array.setAtIndex(ADDRESS, i, arena.allocateFrom(strings.get(i)));
    }
    array.setAtIndex(ADDRESS, strings.size(), MemorySegment.NULL);
    return array;
  }

  @Override
  public WaitStatus waitpid(int pid) {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment status = arena.allocate(JAVA_INT);
      libc.call("waitpid", () -> String.valueOf(pid), s -> (int) waitpid.get().invokeExact(s, pid, status, 0));
      return WaitStatus.decode(status.get(JAVA_INT, 0));
    }
  }

  @Override
  public Optional<WaitStatus> pollExit(int pid) {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment status = arena.allocate(JAVA_INT);
      int ended = libc.call("waitpid", () -> pid + ", WNOHANG",
          s -> (int) waitpid.get().invokeExact(s, pid, status, WNOHANG));
      return ended == 0 ? Optional.empty() : Optional.of(WaitStatus.decode(status.get(JAVA_INT, 0)));
    }
  }

  @Override
  public void kill(int pid, int signal) {
    libc.call("kill", () -> pid + ", " + signal, s -> (int) kill.get().invokeExact(s, pid, signal));
  }

  @Override
  public int getpid() {
    return libc.call("getpid", () -> "", s -> (int) getpid.get().invokeExact(s));
  }

  @Override
  public void setParentDeathSignal(int signal) {
    prctl("PR_SET_PDEATHSIG, " + signal, PR_SET_PDEATHSIG, signal, 0);
  }

  @Override
  public void setsid() {
    libc.call("setsid", () -> "", s -> (int) setsid.get().invokeExact(s));
  }

  @Override
  public void execve(Path program, List<String> argv, List<String> env) {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment path = arena.allocateFrom(program.toString());
      MemorySegment args = stringArray(arena, argv);
      MemorySegment envp = stringArray(arena, env);
      libc.call("execve", () -> quote(program), s -> (int) execve.get().invokeExact(s, path, args, envp));
    }
  }

  // --- fds ---

  @Override
  public int[] pipe() {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment fds = arena.allocate(JAVA_INT, 2);
      libc.call("pipe2", () -> "O_CLOEXEC", s -> (int) pipe2.get().invokeExact(s, fds, O_CLOEXEC));
      return new int[] {fds.getAtIndex(JAVA_INT, 0), fds.getAtIndex(JAVA_INT, 1)};
    }
  }

  @Override
  public int openPath(Path path) {
    return open(path, O_PATH | O_CLOEXEC, "O_PATH");
  }

  @Override
  public int openWriteOnly(Path path) {
    return open(path, O_WRONLY | O_CLOEXEC, "O_WRONLY");
  }

  @Override
  public int openReadOnly(Path path) {
    return open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC, "O_RDONLY|O_NONBLOCK");
  }

  @Override
  public int connectUnix(Path path) {
    int fd = libc.call("socket", () -> "AF_UNIX, SOCK_STREAM",
        s -> (int) socket.get().invokeExact(s, AF_UNIX, SOCK_STREAM | O_CLOEXEC, 0));
    try (Arena arena = Arena.ofConfined()) {
      // struct sockaddr_un { sa_family_t sun_family; char sun_path[108]; }
      byte[] name = path.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
      if (name.length >= 108) {
        throw new SyscallException("connect", quote(path), Errno.ENAMETOOLONG);
      }
      MemorySegment address = arena.allocate(110, 2);
      address.set(JAVA_SHORT, 0, (short) AF_UNIX);
      MemorySegment.copy(name, 0, address, JAVA_BYTE, 2, name.length);
      libc.call("connect", () -> quote(path), s -> (int) connect.get().invokeExact(s, fd, address, 110));
      return fd;
    } catch (RuntimeException e) {
      close(fd);
      throw e;
    }
  }

  private int open(Path path, int flags, String mode) {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment p = arena.allocateFrom(path.toString());
      return libc.call("open", () -> quote(path) + ", " + mode, s -> (int) open.get().invokeExact(s, p, flags, 0));
    }
  }

  @Override
  public void checkExecutable(Path path) {
    withPath(path, p -> libc.call("faccessat", () -> quote(path) + ", X_OK, AT_EACCESS",
        s -> (int) faccessat.get().invokeExact(s, AT_FDCWD, p, X_OK, AT_EACCESS)));
  }

  @Override
  public int read(int fd, byte[] buffer) {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment buf = arena.allocate(buffer.length);
      long n =
          libc.callLong(
              "read", () -> "fd " + fd, s -> (long) read.get().invokeExact(s, fd, buf, (long) buffer.length));
      MemorySegment.copy(buf, JAVA_BYTE, 0, buffer, 0, (int) n);
      return (int) n;
    }
  }

  /* struct pollfd { int fd; short events; short revents; } */
  @Override
  public boolean awaitReadable(int fd, int timeoutMillis) {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment pollfd = arena.allocate(8, 4);
      pollfd.set(JAVA_INT, 0, fd);
      pollfd.set(JAVA_SHORT, 4, POLLIN);
      while (true) {
        try {
          return libc.call("poll", () -> "fd " + fd + ", " + timeoutMillis + " ms",
              s -> (int) poll.get().invokeExact(s, pollfd, 1L, timeoutMillis)) > 0;
        } catch (SyscallException e) {
          if (e.errno() != Errno.EINTR) {
            throw e;
          }
        }
      }
    }
  }

  @Override
  public void write(int fd, byte[] data) {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment buf = arena.allocate(Math.max(1, data.length));
      MemorySegment.copy(data, 0, buf, JAVA_BYTE, 0, data.length);
      long done = 0;
      while (done < data.length) {
        long offset = done;
        done +=
            libc.callLong(
                "write",
                () -> "fd " + fd,
                s -> (long) write.get().invokeExact(s, fd, buf.asSlice(offset), data.length - offset));
      }
    }
  }

  @Override
  public void close(int fd) {
    libc.call("close", () -> "fd " + fd, s -> (int) close.get().invokeExact(s, fd));
  }

  @Override
  public void dup2(int from, int to) {
    libc.call("dup2", () -> from + ", " + to, s -> (int) dup2.get().invokeExact(s, from, to));
  }

  @Override
  public int[] socketPair() {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment fds = arena.allocate(JAVA_INT, 2);
      libc.call("socketpair", () -> "AF_UNIX, SOCK_STREAM|SOCK_CLOEXEC",
          s -> (int) socketpair.get().invokeExact(s, AF_UNIX, SOCK_STREAM | O_CLOEXEC, 0, fds));
      return new int[] {fds.getAtIndex(JAVA_INT, 0), fds.getAtIndex(JAVA_INT, 1)};
    }
  }

  /*
   * struct msghdr on LP64: name(8) namelen(4+4) iov(8) iovlen(8) control(8) controllen(8)
   * flags(4+4) = 56 bytes; one SCM_RIGHTS fd needs CMSG_SPACE(4) = 24 bytes of control:
   * cmsg_len(8) = CMSG_LEN(4) = 20, cmsg_level(4), cmsg_type(4), the fd(4) + padding.
   */
  private static final long MSGHDR_BYTES = 56;
  private static final long CMSG_SPACE_ONE_FD = 24;
  private static final long CMSG_LEN_ONE_FD = 20;

  private static MemorySegment message(Arena arena, MemorySegment data, MemorySegment control) {
    MemorySegment iov = arena.allocate(16, 8);
    iov.set(ADDRESS, 0, data);
    iov.set(JAVA_LONG, 8, data.byteSize());
    MemorySegment msg = arena.allocate(MSGHDR_BYTES, 8);
    msg.set(ADDRESS, 16, iov);
    msg.set(JAVA_LONG, 24, 1L);
    msg.set(ADDRESS, 32, control);
    msg.set(JAVA_LONG, 40, control.byteSize());
    return msg;
  }

  @Override
  public void sendFd(int socket, int fd, String name) {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment control = arena.allocate(CMSG_SPACE_ONE_FD, 8);
      control.set(JAVA_LONG, 0, CMSG_LEN_ONE_FD);
      control.set(JAVA_INT, 8, SOL_SOCKET);
      control.set(JAVA_INT, 12, SCM_RIGHTS);
      control.set(JAVA_INT, 16, fd);
      MemorySegment msg = message(arena, arena.allocateFrom(name), control);
      libc.callLong("sendmsg", () -> "fd " + socket + ", SCM_RIGHTS fd " + fd,
          s -> (long) sendmsg.get().invokeExact(s, socket, msg, 0));
    }
  }

  @Override
  public int receiveFd(int socket) {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment control = arena.allocate(CMSG_SPACE_ONE_FD, 8);
      MemorySegment msg = message(arena, arena.allocate(4096), control);
      long n = libc.callLong("recvmsg", () -> "fd " + socket,
          s -> (long) recvmsg.get().invokeExact(s, socket, msg, MSG_CMSG_CLOEXEC));
      boolean hasFd = n > 0 && msg.get(JAVA_LONG, 40) >= CMSG_LEN_ONE_FD
          && control.get(JAVA_INT, 8) == SOL_SOCKET && control.get(JAVA_INT, 12) == SCM_RIGHTS;
      if (!hasFd) {
        throw new SyscallException("recvmsg", "fd " + socket + ": no SCM_RIGHTS fd in the message", Errno.EBADMSG);
      }
      return control.get(JAVA_INT, 16);
    }
  }

  @Override
  public void closeOnExecFrom(int from) {
    libc.call(
        "close_range",
        () -> from + ", ~0U, CLOSE_RANGE_CLOEXEC",
        s -> (int) closeRange.get().invokeExact(s, from, -1, CLOSE_RANGE_CLOEXEC));
  }

  @Override
  public void resetSignals() {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment empty = arena.allocate(KERNEL_SIGSET_BYTES, 8);
      syscall("rt_sigprocmask", numbers.rtSigprocmask(), SIG_SETMASK, empty.address(), 0L, KERNEL_SIGSET_BYTES);
      // struct kernel_sigaction { handler; flags; restorer; mask } on x86_64 and aarch64.
      MemorySegment action = arena.allocate(32, 8);
      MemorySegment old = arena.allocate(32, 8);
      for (int sig = 1; sig <= Signal.MAX; sig++) {
        if (sig == Signal.SIGKILL.number() || sig == Signal.SIGSTOP.number()) {
          continue;
        }
        syscall("rt_sigaction", numbers.rtSigaction(), sig, 0L, old.address(), KERNEL_SIGSET_BYTES);
        if (old.get(JAVA_LONG, 0) == SIG_IGN) {
          action.fill((byte) 0);
          syscall("rt_sigaction", numbers.rtSigaction(), sig, action.address(), 0L, KERNEL_SIGSET_BYTES);
        }
      }
    }
  }

  private long syscall(String name, long number, long a, long b, long c, long d) {
    return syscall(name, () -> a + ", " + b + ", " + c + ", " + d, number, a, b, c, d, 0);
  }

  /** syscall(2) through the one shared handle; {@code arguments} renders the call for errors. */
  private long syscall(String name, java.util.function.Supplier<String> arguments, long number, long a, long b, long c,
      long d, long e) {
    return libc.callLong(name, arguments, s -> (long) syscall.get().invokeExact(s, number, a, b, c, d, e));
  }

  // --- filesystem and mounts ---

  @Override
  public void mount(Mount m) {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment src = orNull(arena, m.source());
      MemorySegment dst = arena.allocateFrom(m.target().toString());
      MemorySegment type = orNull(arena, m.fstype());
      MemorySegment data = orNull(arena, m.data());
      long flags = MountFlag.bits(m.flags());
      libc.call("mount", m::render, s -> (int) mount.get().invokeExact(s, src, dst, type, flags, data));
    }
  }

  private static MemorySegment orNull(Arena arena, String s) {
    return s.isEmpty() ? MemorySegment.NULL : arena.allocateFrom(s);
  }

  @Override
  public void umountDetached(Path target) {
    withPath(target, p -> libc.call("umount2", () -> quote(target) + ", MNT_DETACH",
        s -> (int) umount2.get().invokeExact(s, p, MNT_DETACH)));
  }

  @Override
  public void pivotRoot(Path newRoot, Path putOld) {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment n = arena.allocateFrom(newRoot.toString());
      MemorySegment o = arena.allocateFrom(putOld.toString());
      syscall("pivot_root", () -> quote(newRoot) + ", " + quote(putOld), numbers.pivotRoot(), n.address(), o.address(),
          0, 0, 0);
    }
  }

  @Override
  public void chdir(Path dir) {
    withPath(dir, p -> libc.call("chdir", () -> quote(dir), s -> (int) chdir.get().invokeExact(s, p)));
  }

  @Override
  public void mknod(Path path, DeviceNode node) {
    int mode = node.type().bits() | node.mode();
    long dev = node.dev();
    withPath(path, p -> libc.call("mknod", () -> quote(path) + ", " + node,
        s -> (int) mknod.get().invokeExact(s, p, mode, dev)));
  }

  @Override
  public void chroot(Path dir) {
    withPath(dir, p -> libc.call("chroot", () -> quote(dir), s -> (int) chroot.get().invokeExact(s, p)));
  }

  // --- files relative to directory fds ---

  @Override
  public int openInRoot(int rootFd, String path) {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment p = arena.allocateFrom(path);
      MemorySegment how = arena.allocate(OPEN_HOW_BYTES, 8);
      how.set(JAVA_LONG, 0, (long) (O_PATH | O_CLOEXEC));
      how.set(JAVA_LONG, 16, RESOLVE_IN_ROOT | RESOLVE_NO_MAGICLINKS);
      return (int) syscall("openat2",
          () -> "fd " + rootFd + ", " + quote(path) + ", O_PATH|O_CLOEXEC, RESOLVE_IN_ROOT|RESOLVE_NO_MAGICLINKS",
          numbers.openat2(), rootFd, p.address(), how.address(), OPEN_HOW_BYTES, 0);
    }
  }

  @Override
  public int openNoFollow(int dirFd, String name) {
    int flags = O_PATH | O_CLOEXEC | openFlags.nofollow();
    return withName(name, n -> (int) syscall("openat", () -> at(dirFd, name) + ", O_PATH|O_NOFOLLOW|O_CLOEXEC",
        files.openat(), dirFd, n.address(), flags, 0, 0));
  }

  @Override
  public void createFile(int dirFd, String name, int mode) {
    int flags = O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | openFlags.nofollow();
    int fd = withName(name, n -> (int) syscall("openat",
        () -> at(dirFd, name) + ", O_WRONLY|O_CREAT|O_EXCL|O_NOFOLLOW|O_CLOEXEC, 0" + Integer.toOctalString(mode),
        files.openat(), dirFd, n.address(), flags, mode, 0));
    close(fd);
  }

  @Override
  public void mkdirat(int dirFd, String name, int mode) {
    withName(name, n -> (int) syscall("mkdirat", () -> at(dirFd, name) + ", 0" + Integer.toOctalString(mode),
        files.mkdirat(), dirFd, n.address(), mode, 0, 0));
  }

  @Override
  public void mknodat(int dirFd, String name, DeviceNode node) {
    int mode = node.type().bits() | node.mode();
    long dev = node.dev();
    withName(name, n -> (int) syscall("mknodat", () -> at(dirFd, name) + ", " + node,
        files.mknodat(), dirFd, n.address(), mode, dev, 0));
  }

  @Override
  public void symlinkat(String target, int dirFd, String name) {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment t = arena.allocateFrom(target);
      MemorySegment n = arena.allocateFrom(name);
      syscall("symlinkat", () -> quote(target) + ", " + at(dirFd, name),
          files.symlinkat(), t.address(), dirFd, n.address(), 0, 0);
    }
  }

  @Override
  public void unlinkat(int dirFd, String name) {
    withName(name, n -> (int) syscall("unlinkat", () -> at(dirFd, name),
        files.unlinkat(), dirFd, n.address(), 0, 0, 0));
  }

  @Override
  public void fchownat(int dirFd, String name, int uid, int gid) {
    withName(name, n -> (int) syscall("fchownat", () -> at(dirFd, name) + ", " + uid + ", " + gid + ", AT_SYMLINK_NOFOLLOW",
        files.fchownat(), dirFd, n.address(), uid, gid, AT_SYMLINK_NOFOLLOW));
  }

  @Override
  public FileStatus fstat(int fd) {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment empty = arena.allocateFrom("");
      MemorySegment buf = arena.allocate(LinuxFileSyscalls.STATX_BYTES, 8);
      syscall("statx", () -> "fd " + fd + ", \"\", AT_EMPTY_PATH|AT_SYMLINK_NOFOLLOW", files.statx(), fd,
          empty.address(), AT_EMPTY_PATH | AT_SYMLINK_NOFOLLOW, LinuxFileSyscalls.STATX_BASIC_STATS, buf.address());
      return LinuxFileSyscalls.status(buf);
    }
  }

  @Override
  public String readlinkat(int fd) {
    return readlink(fd, "", "fd " + fd + ", \"\"");
  }

  @Override
  public String fdPath(int fd) {
    String link = "/proc/self/fd/" + fd;
    return readlink(AT_FDCWD, link, quote(link));
  }

  private String readlink(int dirFd, String name, String what) {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment n = arena.allocateFrom(name);
      MemorySegment buf = arena.allocate(PATH_MAX);
      long length = syscall("readlinkat", () -> what, files.readlinkat(), dirFd, n.address(), buf.address(), PATH_MAX, 0);
      return new String(buf.asSlice(0, length).toArray(JAVA_BYTE), java.nio.charset.StandardCharsets.UTF_8);
    }
  }

  /** Runs {@code call} with {@code name} as a C string and returns its result. */
  private static int withName(String name, java.util.function.ToIntFunction<MemorySegment> call) {
    try (Arena arena = Arena.ofConfined()) {
      return call.applyAsInt(arena.allocateFrom(name));
    }
  }

  private static String at(int dirFd, String name) {
    return "fd " + dirFd + ", " + quote(name);
  }

  /** Runs {@code call} with {@code path} as a C string. */
  private static void withPath(Path path, java.util.function.Consumer<MemorySegment> call) {
    try (Arena arena = Arena.ofConfined()) {
      call.accept(arena.allocateFrom(path.toString()));
    }
  }

  // --- identity ---

  @Override
  public void sethostname(String hostname) {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment name = arena.allocateFrom(hostname);
      long length = name.byteSize() - 1;
      libc.call("sethostname", () -> quote(hostname), s -> (int) sethostname.get().invokeExact(s, name, length));
    }
  }

  @Override
  public void setdomainname(String domainname) {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment name = arena.allocateFrom(domainname);
      long length = name.byteSize() - 1;
      libc.call(
          "setdomainname", () -> quote(domainname), s -> (int) setdomainname.get().invokeExact(s, name, length));
    }
  }

  @Override
  public void setgroups(List<Integer> gids) {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment list = arena.allocate(JAVA_INT, Math.max(1, gids.size()));
      for (int i = 0; i < gids.size(); i++) {
        list.setAtIndex(JAVA_INT, i, gids.get(i));
      }
      long size = gids.size();
      libc.call("setgroups", gids::toString, s -> (int) setgroups.get().invokeExact(s, size, list));
    }
  }

  @Override
  public void setgid(int gid) {
    libc.call("setresgid", () -> gid + ", " + gid + ", " + gid, s -> (int) setresgid.get().invokeExact(s, gid, gid, gid));
  }

  @Override
  public void setuid(int uid) {
    libc.call("setresuid", () -> uid + ", " + uid + ", " + uid, s -> (int) setresuid.get().invokeExact(s, uid, uid, uid));
  }

  @Override
  public void umask(int mask) {
    libc.call("umask", () -> "0" + Integer.toOctalString(mask), s -> (int) umask.get().invokeExact(s, mask));
  }

  // --- privileges and limits ---

  @Override
  public void dropBoundingCapability(Capability cap) {
    prctl("PR_CAPBSET_DROP, CAP_" + cap, PR_CAPBSET_DROP, cap.number(), 0);
  }

  @Override
  public void keepCapabilities(boolean keep) {
    prctl("PR_SET_KEEPCAPS, " + (keep ? 1 : 0), PR_SET_KEEPCAPS, keep ? 1 : 0, 0);
  }

  @Override
  public void setCapabilities(long effective, long permitted, long inheritable) {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment header = arena.allocate(8, 4);
      header.set(JAVA_INT, 0, LINUX_CAPABILITY_VERSION_3);
      // Two __user_cap_data_struct {effective, permitted, inheritable}: low 32 bits, high 32 bits.
      MemorySegment data = arena.allocate(24, 4);
      long[] sets = {effective, permitted, inheritable};
      for (int i = 0; i < 3; i++) {
        data.set(JAVA_INT, i * 4L, (int) sets[i]);
        data.set(JAVA_INT, 12 + i * 4L, (int) (sets[i] >>> 32));
      }
      libc.call(
          "capset",
          () -> String.format("effective=0x%x, permitted=0x%x, inheritable=0x%x", effective, permitted, inheritable),
          s -> (int) capset.get().invokeExact(s, header, data));
    }
  }

  @Override
  public void setAmbientCapabilities(java.util.Collection<Capability> ambient) {
    prctl("PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL", PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL, 0);
    for (Capability cap : ambient) {
      prctl("PR_CAP_AMBIENT, PR_CAP_AMBIENT_RAISE, CAP_" + cap, PR_CAP_AMBIENT, PR_CAP_AMBIENT_RAISE, cap.number());
    }
  }

  @Override
  public void setNoNewPrivileges() {
    prctl("PR_SET_NO_NEW_PRIVS, 1", PR_SET_NO_NEW_PRIVS, 1, 0);
  }

  private void prctl(String what, int option, long arg2, long arg3) {
    libc.call("prctl", () -> what, s -> (int) prctl.get().invokeExact(s, option, arg2, arg3, 0L, 0L));
  }

  @Override
  public void installSeccompFilter(byte[] program, int flags) {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment filter = arena.allocate(Math.max(8, program.length), 8);
      MemorySegment.copy(program, 0, filter, JAVA_BYTE, 0, program.length);
      // struct sock_fprog { unsigned short len; struct sock_filter *filter; }
      MemorySegment fprog = arena.allocate(16, 8);
      fprog.set(JAVA_SHORT, 0, (short) (program.length / 8));
      fprog.set(ADDRESS, 8, filter);
      libc.callLong("seccomp", () -> "SECCOMP_SET_MODE_FILTER, " + flags + ", " + program.length / 8 + " instructions",
          s -> (long) syscall.get().invokeExact(s, numbers.seccomp(), 1L, (long) flags, fprog.address(), 0L, 0L));
    }
  }

  @Override
  public Rlimit setRlimit(Rlimit limit) {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment wanted = arena.allocate(16, 8);
      wanted.set(JAVA_LONG, 0, limit.soft());
      wanted.set(JAVA_LONG, 8, limit.hard());
      MemorySegment old = arena.allocate(16, 8);
      int resource = limit.resource().ordinal();
      libc.call("prlimit", limit::toString, s -> (int) prlimit.get().invokeExact(s, 0, resource, wanted, old));
      return new Rlimit(limit.resource(), old.get(JAVA_LONG, 0), old.get(JAVA_LONG, 8));
    }
  }

  // --- cgroups ---

  @Override
  public void attachDeviceFilter(Path cgroup, byte[] program, String license) {
    deviceBpf.attach(cgroup, program, license);
  }

  // --- network ---

  @Override
  public void loopbackUp() {
    int fd = libc.call("socket", () -> "AF_INET, SOCK_DGRAM", s -> (int) socket.get().invokeExact(s, AF_INET, SOCK_DGRAM | O_CLOEXEC, 0));
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment ifreq = arena.allocate(40, 8);
      ifreq.setString(0, "lo");
      libc.call("ioctl", () -> "\"lo\", SIOCGIFFLAGS", s -> (int) ioctl.get().invokeExact(s, fd, SIOCGIFFLAGS, ifreq));
      ifreq.set(JAVA_SHORT, 16, (short) (ifreq.get(JAVA_SHORT, 16) | IFF_UP));
      libc.call("ioctl", () -> "\"lo\", SIOCSIFFLAGS, IFF_UP", s -> (int) ioctl.get().invokeExact(s, fd, SIOCSIFFLAGS, ifreq));
    } finally {
      close(fd);
    }
  }

  // --- terminals ---

  @Override
  public int openPtyMaster(Path ptmx) {
    int master;
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment path = arena.allocateFrom(ptmx.toString());
      master = libc.call("open", () -> quote(ptmx) + ", O_RDWR|O_NOCTTY|O_CLOEXEC",
          s -> (int) open.get().invokeExact(s, path, O_RDWR | O_NOCTTY | O_CLOEXEC, 0));
      MemorySegment unlock = arena.allocate(JAVA_INT);
      libc.call("ioctl", () -> "fd " + master + ", TIOCSPTLCK, 0",
          s -> (int) ioctl.get().invokeExact(s, master, TIOCSPTLCK, unlock));
      return master;
    }
  }

  @Override
  public int openPtySlave(int master) {
    return libc.call("ioctl", () -> "fd " + master + ", TIOCGPTPEER",
        s -> (int) ioctlInt.get().invokeExact(s, master, TIOCGPTPEER, (long) (O_RDWR | O_NOCTTY | O_CLOEXEC)));
  }

  @Override
  public void setControllingTerminal(int fd) {
    libc.call("ioctl", () -> "fd " + fd + ", TIOCSCTTY", s -> (int) ioctlInt.get().invokeExact(s, fd, TIOCSCTTY, 0L));
  }

  @Override
  public boolean isTerminal(int fd) {
    try {
      return (int) isatty.get().invokeExact(fd) == 1;
    } catch (Throwable t) {
      throw new IllegalStateException("isatty", t);
    }
  }

  @Override
  public WindowSize windowSize(int fd) {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment ws = arena.allocate(8, 2);
      libc.call("ioctl", () -> "fd " + fd + ", TIOCGWINSZ", s -> (int) ioctl.get().invokeExact(s, fd, TIOCGWINSZ, ws));
      return new WindowSize(Short.toUnsignedInt(ws.get(JAVA_SHORT, 0)), Short.toUnsignedInt(ws.get(JAVA_SHORT, 2)));
    }
  }

  @Override
  public void setWindowSize(int fd, WindowSize size) {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment ws = arena.allocate(8, 2);
      ws.set(JAVA_SHORT, 0, (short) size.rows());
      ws.set(JAVA_SHORT, 2, (short) size.columns());
      libc.call("ioctl", () -> "fd " + fd + ", TIOCSWINSZ, " + size, s -> (int) ioctl.get().invokeExact(s, fd, TIOCSWINSZ, ws));
    }
  }

  @Override
  public byte[] makeRaw(int fd) {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment termios = arena.allocate(TERMIOS_BYTES, 8);
      libc.call("tcgetattr", () -> "fd " + fd, s -> (int) tcgetattr.get().invokeExact(s, fd, termios));
      byte[] saved = termios.toArray(JAVA_BYTE);
      try {
        cfmakeraw.get().invokeExact(termios);
      } catch (Throwable t) {
        throw new IllegalStateException("cfmakeraw", t);
      }
      libc.call("tcsetattr", () -> "fd " + fd + ", TCSANOW, raw", s -> (int) tcsetattr.get().invokeExact(s, fd, 0, termios));
      return saved;
    }
  }

  @Override
  public void restoreTerminal(int fd, byte[] settings) {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment termios = arena.allocate(TERMIOS_BYTES, 8);
      MemorySegment.copy(settings, 0, termios, JAVA_BYTE, 0, settings.length);
      libc.call("tcsetattr", () -> "fd " + fd + ", TCSANOW", s -> (int) tcsetattr.get().invokeExact(s, fd, 0, termios));
    }
  }

  /** Syscall numbers glibc has no wrapper for, per architecture. */
  private record SyscallNumbers(long pivotRoot, long rtSigaction, long rtSigprocmask, long seccomp, long bpf, long openat2) {
    static SyscallNumbers forArch(String arch) {
      return switch (arch.toLowerCase(Locale.ROOT)) {
        case "amd64", "x86_64" -> new SyscallNumbers(155, 13, 14, 317, 321, 437);
        case "aarch64", "arm64" -> new SyscallNumbers(41, 134, 135, 277, 280, 437);
        default -> throw new UnsupportedOperationException("rustyrun supports x86_64 and aarch64, not " + quote(arch));
      };
    }
  }
}
