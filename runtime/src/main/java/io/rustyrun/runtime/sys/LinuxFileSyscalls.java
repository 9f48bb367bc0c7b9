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
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SegmentAllocator;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * {@link FileSyscalls} on Linux through glibc and the FFM API.
 *
 * <pre>{@code
 * FileSyscalls fs = new LinuxFileSyscalls();
 * Optional<FileStatus> st = fs.fstatat(FileSyscalls.AT_FDCWD, "/etc".getBytes());
 * }</pre>
 *
 * <p>Every call goes through glibc's {@code syscall(2)} ({@code fchmodat} too, as
 * {@code fchmodat2}, unless the kernel predates it), so one downcall handle, made on first use,
 * serves them all: FFM spins a stub per distinct signature (10-20 ms each at start-up). Names
 * cross as NUL terminated byte arrays copied verbatim, so any byte but NUL and (within a name)
 * {@code '/'} survives. Per thread, one native I/O buffer backs
 * {@link #write} and one scratch buffer holds a call's names, times and stat buffer, because
 * allocating them per call would {@code malloc}/{@code mmap} for every call of an unpack.
 */
public final class LinuxFileSyscalls implements FileSyscalls {
  private static final int AT_SYMLINK_NOFOLLOW = 0x100;
  private static final int AT_REMOVEDIR = 0x200;
  static final int STATX_BASIC_STATS = 0x7ff;
  static final int STATX_BYTES = 256;
  private static final int DIRENT_BUFFER = 64 * 1024;
  private static final int IO_BUFFER = 256 * 1024;
  private static final int PATH_MAX = 4096;
  /** The most one sendfile call transfers (Linux's MAX_RW_COUNT). */
  private static final long MAX_SENDFILE = 0x7fff_f000L;
  /** Scratch beyond the names: a readlink or statx buffer, or a timespec pair, aligned. */
  private static final int SCRATCH_EXTRA = PATH_MAX + 64;
  private static final MemoryLayout TIMESPEC_PAIR = MemoryLayout.sequenceLayout(4, JAVA_LONG);

  private final Libc libc = new Libc();
  private final OpenFlags openFlags = OpenFlags.forArch(System.getProperty("os.arch"));
  private volatile SyscallNumbers numbers;
  private volatile boolean noFchmodat2;
  private final ThreadLocal<MemorySegment> ioBuffers =
      ThreadLocal.withInitial(() -> Arena.ofAuto().allocate(IO_BUFFER));
  private final ThreadLocal<MemorySegment> scratch =
      ThreadLocal.withInitial(() -> Arena.ofAuto().allocate(SCRATCH_EXTRA + 1024, 8));

  /**
   * {@code long syscall(long number, ...)}: one downcall handle for every call below. Making a
   * handle costs 10-20 ms at start-up (FFM spins a stub per distinct signature), and an unpack
   * needs a dozen calls: through {@code syscall} they share one.
   */
  private final Downcall syscall =
      libc.lazyDowncall("syscall", FunctionDescriptor.of(JAVA_LONG,
              JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG),
          Linker.Option.firstVariadicArg(1));
  /**
   * glibc's {@code fchmodat}, for kernels without {@code fchmodat2} (before 6.6): the old call
   * ignores {@code AT_SYMLINK_NOFOLLOW}, glibc emulates it through an {@code O_PATH} fd. A
   * handle of its own costs a stub (tens of ms), so {@code fchmodat2} goes through
   * {@code syscall(2)} first.
   */
  private final Downcall fchmodat = libc.lazyDowncall("fchmodat",
      FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT));

  /**
   * The host architecture's call numbers, looked up at the first call: an unsupported
   * architecture fails that call, not the construction (help constructs every command).
   */
  private SyscallNumbers numbers() {
    SyscallNumbers known = numbers;
    if (known == null) {
      known = SyscallNumbers.forArch(System.getProperty("os.arch"));
      numbers = known;
    }
    return known;
  }

  /**
   * Makes the {@code syscall(2)} handle now, which the first call would otherwise do (~40 ms):
   * {@code unpack} does it on a thread of its own while picocli is still parsing.
   */
  public void prepare() {
    syscall.get();
    numbers();
  }

  /** {@code syscall(number, a..e)}, retried on EINTR: the result, or the negated errno. */
  private long sys(long number, long a, long b, long c, long d, long e) {
    return libc.syscall(syscall, number, a, b, c, d, e);
  }

  @Override
  public int openat(int dirfd, byte[] name, Set<OpenFlag> flags, int mode) {
    int bits = openFlags.bits(flags);
    SegmentAllocator args = scratch(name);
    MemorySegment n = cstring(args, name);
    long result = sys(numbers().openat(), dirfd, n.address(), bits, mode, 0);
    if (result < 0) {
      throw Libc.failure("openat", result,
          at(dirfd, name) + ", flags=" + flags + ", mode=0" + Integer.toOctalString(mode));
    }
    return (int) result;
  }

  @Override
  public void mkdirat(int dirfd, byte[] name, int mode) {
    SegmentAllocator args = scratch(name);
    MemorySegment n = cstring(args, name);
    long result = sys(numbers().mkdirat(), dirfd, n.address(), mode, 0, 0);
    if (result < 0) {
      throw Libc.failure("mkdirat", result,
          at(dirfd, name) + ", mode=0" + Integer.toOctalString(mode));
    }
  }

  @Override
  public void mknodat(int dirfd, byte[] name, DeviceNode node) {
    int mode = node.type().bits() | (node.mode() & 07777);
    long dev = node.dev();
    SegmentAllocator args = scratch(name);
    MemorySegment n = cstring(args, name);
    long result = sys(numbers().mknodat(), dirfd, n.address(), mode, dev, 0);
    if (result < 0) {
      throw Libc.failure("mknodat", result, at(dirfd, name) + ", node=" + node);
    }
  }

  @Override
  public void symlinkat(byte[] target, int dirfd, byte[] name) {
    SegmentAllocator args = scratch(target, name);
    MemorySegment t = cstring(args, target);
    MemorySegment n = cstring(args, name);
    long result = sys(numbers().symlinkat(), t.address(), dirfd, n.address(), 0, 0);
    if (result < 0) {
      throw Libc.failure("symlinkat", result,
          "target=" + quote(display(target)) + ", " + at(dirfd, name));
    }
  }

  @Override
  public void linkat(int oldDirfd, byte[] oldName, int newDirfd, byte[] newName) {
    SegmentAllocator args = scratch(oldName, newName);
    MemorySegment o = cstring(args, oldName);
    MemorySegment n = cstring(args, newName);
    long result = sys(numbers().linkat(), oldDirfd, o.address(), newDirfd, n.address(), 0);
    if (result < 0) {
      throw Libc.failure("linkat", result,
          "old=" + at(oldDirfd, oldName) + ", new=" + at(newDirfd, newName));
    }
  }

  @Override
  public void unlinkat(int dirfd, byte[] name, boolean directory) {
    int flags = directory ? AT_REMOVEDIR : 0;
    SegmentAllocator args = scratch(name);
    MemorySegment n = cstring(args, name);
    long result = sys(numbers().unlinkat(), dirfd, n.address(), flags, 0, 0);
    if (result < 0) {
      throw Libc.failure("unlinkat", result,
          at(dirfd, name) + (directory ? ", flags=AT_REMOVEDIR" : ""));
    }
  }

  @Override
  public void fchownat(int dirfd, byte[] name, int uid, int gid) {
    SegmentAllocator args = scratch(name);
    MemorySegment n = cstring(args, name);
    long result = sys(numbers().fchownat(), dirfd, n.address(), uid, gid, AT_SYMLINK_NOFOLLOW);
    if (result < 0) {
      throw Libc.failure("fchownat", result, at(dirfd, name) + ", uid=" + uid + ", gid=" + gid);
    }
  }

  @Override
  public void fchown(int fd, int uid, int gid) {
    long result = sys(numbers().fchown(), fd, uid, gid, 0, 0);
    if (result < 0) {
      throw Libc.failure("fchown", result, "fd=" + fd + ", uid=" + uid + ", gid=" + gid);
    }
  }

  @Override
  public void fchmodat(int dirfd, byte[] name, int mode) {
    SegmentAllocator args = scratch(name);
    MemorySegment n = cstring(args, name);
    if (!noFchmodat2) {
      long result = sys(numbers().fchmodat2(), dirfd, n.address(), mode, AT_SYMLINK_NOFOLLOW, 0);
      if (result >= 0) {
        return;
      }
      if (result != -Errno.ENOSYS.number()) {
        throw Libc.failure("fchmodat2", result,
            at(dirfd, name) + ", mode=0" + Integer.toOctalString(mode));
      }
      noFchmodat2 = true; // before Linux 6.6: glibc emulates it
    }
    libc.call("fchmodat", () -> at(dirfd, name) + ", mode=0" + Integer.toOctalString(mode),
        s -> (int) fchmodat.get().invokeExact(s, dirfd, n, mode, AT_SYMLINK_NOFOLLOW));
  }

  @Override
  public void fchmod(int fd, int mode) {
    long result = sys(numbers().fchmod(), fd, mode, 0, 0, 0);
    if (result < 0) {
      throw Libc.failure("fchmod", result, "fd=" + fd + ", mode=0" + Integer.toOctalString(mode));
    }
  }

  @Override
  public void lsetxattr(byte[] path, String name, byte[] value) {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment p = cstring(arena, path);
      MemorySegment n = arena.allocateFrom(name);
      MemorySegment v = bytes(arena, value);
      long size = value.length;
      long result = sys(numbers().lsetxattr(), p.address(), n.address(), v.address(), size, 0);
      if (result < 0) {
        throw Libc.failure("lsetxattr", result,
            "path=" + quote(display(path)) + ", name=" + quote(name));
      }
    }
  }

  @Override
  public void fsetxattr(int fd, String name, byte[] value) {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment n = arena.allocateFrom(name);
      MemorySegment v = bytes(arena, value);
      long size = value.length;
      long result = sys(numbers().fsetxattr(), fd, n.address(), v.address(), size, 0);
      if (result < 0) {
        throw Libc.failure("fsetxattr", result, "fd=" + fd + ", name=" + quote(name));
      }
    }
  }

  @Override
  public void utimensat(int dirfd, byte[] name, long seconds, int nanos) {
    SegmentAllocator args = scratch(name);
    MemorySegment n = cstring(args, name);
    MemorySegment times = times(args, seconds, nanos);
    long result = sys(numbers().utimensat(), dirfd, n.address(), times.address(),
        AT_SYMLINK_NOFOLLOW, 0);
    if (result < 0) {
      throw Libc.failure("utimensat", result, at(dirfd, name) + ", mtime=" + seconds);
    }
  }

  @Override
  public void futimens(int fd, long seconds, int nanos) {
    SegmentAllocator args = scratch();
    MemorySegment times = times(args, seconds, nanos);
    // futimens(3) is utimensat(fd, NULL, times, 0) in the kernel.
    long result = sys(numbers().utimensat(), fd, 0, times.address(), 0, 0);
    if (result < 0) {
      throw Libc.failure("futimens", result, "fd=" + fd + ", mtime=" + seconds);
    }
  }

  @Override
  public Optional<FileStatus> fstatat(int dirfd, byte[] name) {
    SegmentAllocator args = scratch(name);
    MemorySegment n = cstring(args, name);
    MemorySegment buf = args.allocate(STATX_BYTES, 8);
    long result = sys(numbers().statx(), dirfd, n.address(), AT_SYMLINK_NOFOLLOW, STATX_BASIC_STATS,
        buf.address());
    if (result == -Errno.ENOENT.number()) {
      return Optional.empty();
    }
    if (result < 0) {
      throw Libc.failure("statx", result, at(dirfd, name));
    }
    return Optional.of(status(buf));
  }

  /** {@code struct statx} (linux/stat.h): the fields at their fixed offsets. */
  static FileStatus status(MemorySegment buf) {
    return new FileStatus(
        buf.get(JAVA_SHORT, 28) & 0xffff,
        buf.get(JAVA_INT, 20),
        buf.get(JAVA_INT, 24),
        buf.get(JAVA_LONG, 40),
        buf.get(JAVA_INT, 16),
        buf.get(JAVA_INT, 128),
        buf.get(JAVA_INT, 132));
  }

  @Override
  public byte[] readlinkat(int dirfd, byte[] name) {
    SegmentAllocator args = scratch(name);
    MemorySegment n = cstring(args, name);
    MemorySegment buf = args.allocate(PATH_MAX);
    long length = sys(numbers().readlinkat(), dirfd, n.address(), buf.address(), PATH_MAX, 0);
    if (length < 0) {
      throw Libc.failure("readlinkat", length, at(dirfd, name));
    }
    return buf.asSlice(0, length).toArray(JAVA_BYTE);
  }

  @Override
  public List<byte[]> readdir(int dirfd) {
    List<byte[]> names = new ArrayList<>();
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment buf = arena.allocate(DIRENT_BUFFER, 8);
      while (true) {
        long length = sys(numbers().getdents64(), dirfd, buf.address(), DIRENT_BUFFER, 0, 0);
        if (length < 0) {
          throw Libc.failure("getdents64", length, "fd=" + dirfd);
        }
        if (length == 0) {
          return names;
        }
        readEntries(buf, length, names);
      }
    }
  }

  /** {@code struct linux_dirent64}: ino (8), off (8), reclen (2), type (1), name (NUL-ended). */
  private static void readEntries(MemorySegment buf, long length, List<byte[]> names) {
    for (long offset = 0; offset < length; ) {
      int reclen = buf.get(JAVA_SHORT, offset + 16) & 0xffff;
      byte[] name = buf.getString(offset + 19, StandardCharsets.ISO_8859_1)
          .getBytes(StandardCharsets.ISO_8859_1);
      if (!Arrays.equals(name, new byte[] {'.'}) && !Arrays.equals(name, new byte[] {'.', '.'})) {
        names.add(name);
      }
      offset += reclen;
    }
  }

  @Override
  public void write(int fd, byte[] buf, int off, int len) {
    MemorySegment buffer = ioBuffers.get();
    while (len > 0) {
      int chunk = (int) Math.min(len, buffer.byteSize());
      MemorySegment.copy(buf, off, buffer, JAVA_BYTE, 0, chunk);
      long written = 0;
      while (written < chunk) {
        long result = sys(numbers().write(), fd, buffer.address() + written, chunk - written, 0, 0);
        if (result < 0) {
          throw Libc.failure("write", result, "fd=" + fd);
        }
        written += result;
      }
      off += chunk;
      len -= chunk;
    }
  }

  @Override
  public int pread(int fd, byte[] buf, int off, int len, long position) {
    MemorySegment buffer = ioBuffers.get();
    int chunk = (int) Math.min(len, buffer.byteSize());
    long result = sys(numbers().pread64(), fd, buffer.address(), chunk, position, 0);
    if (result < 0) {
      throw Libc.failure("pread64", result, "fd=" + fd + ", position=" + position);
    }
    int n = (int) result;
    MemorySegment.copy(buffer, JAVA_BYTE, 0, buf, off, n);
    return n;
  }

  @Override
  public long sendfile(int outFd, int inFd, long position, long count) {
    MemorySegment offset = scratch().allocate(JAVA_LONG);
    offset.set(JAVA_LONG, 0, position);
    long result = sys(numbers().sendfile(), outFd, inFd, offset.address(),
        Math.min(count, MAX_SENDFILE), 0);
    if (result < 0) {
      throw Libc.failure("sendfile", result,
          "out fd=" + outFd + ", in fd=" + inFd + ", position=" + position);
    }
    return result;
  }

  @Override
  public void close(int fd) {
    long result = sys(numbers().close(), fd, 0, 0, 0, 0);
    if (result < 0) {
      throw Libc.failure("close", result, "fd=" + fd);
    }
  }

  /**
   * A per-thread allocator for one call's arguments, with room for {@code names} as C strings
   * and {@link #SCRATCH_EXTRA} bytes more. An arena per call cost a malloc and a free for each
   * argument of each of an unpack's ~40k calls; calls never nest, so the thread's buffer is free
   * again when its call returns. It grows (rarely: long names) and is never zeroed.
   */
  private SegmentAllocator scratch(byte[]... names) {
    long need = SCRATCH_EXTRA;
    for (byte[] name : names) {
      need += name.length + 1L + 8; // NUL and alignment
    }
    MemorySegment buffer = scratch.get();
    if (buffer.byteSize() < need) {
      buffer = Arena.ofAuto().allocate(need, 8);
      scratch.set(buffer);
    }
    return SegmentAllocator.slicingAllocator(buffer);
  }

  /** {@code bytes} and a NUL terminator (written: a scratch slice is not zeroed). */
  private static MemorySegment cstring(SegmentAllocator allocator, byte[] bytes) {
    MemorySegment segment = allocator.allocate(bytes.length + 1L);
    segment.set(JAVA_BYTE, bytes.length, (byte) 0);
    MemorySegment.copy(bytes, 0, segment, JAVA_BYTE, 0, bytes.length);
    return segment;
  }

  private static MemorySegment bytes(Arena arena, byte[] bytes) {
    MemorySegment segment = arena.allocate(Math.max(1, bytes.length));
    MemorySegment.copy(bytes, 0, segment, JAVA_BYTE, 0, bytes.length);
    return segment;
  }

  /** {@code struct timespec[2]}: atime then mtime, both set to the entry's mtime. */
  private static MemorySegment times(SegmentAllocator allocator, long seconds, int nanos) {
    MemorySegment times = allocator.allocate(TIMESPEC_PAIR);
    times.setAtIndex(JAVA_LONG, 0, seconds);
    times.setAtIndex(JAVA_LONG, 1, nanos);
    times.setAtIndex(JAVA_LONG, 2, seconds);
    times.setAtIndex(JAVA_LONG, 3, nanos);
    return times;
  }

  private static String at(int dirfd, byte[] name) {
    return "dirfd=" + (dirfd == AT_FDCWD ? "AT_FDCWD" : dirfd) + ", name=" + quote(display(name));
  }

  /** UTF-8 where the bytes are valid UTF-8, {@code \xNN} for every other non-ASCII byte. */
  static String display(byte[] bytes) {
    String text = new String(bytes, StandardCharsets.UTF_8);
    if (Arrays.equals(text.getBytes(StandardCharsets.UTF_8), bytes)) {
      return text;
    }
    StringBuilder escaped = new StringBuilder();
    for (byte b : bytes) {
      if (b >= 0x20 && b < 0x7f) {
        escaped.append((char) b);
      } else {
        escaped.append(String.format("\\x%02x", b & 0xff));
      }
    }
    return escaped.toString();
  }

  /** System call numbers: x86_64's table and asm-generic's (aarch64, riscv64). */
  record SyscallNumbers(long openat, long mkdirat, long mknodat, long symlinkat,
      long linkat, long unlinkat, long fchownat, long fchown, long fchmod, long lsetxattr,
      long fsetxattr, long utimensat, long statx, long readlinkat, long getdents64, long write,
      long close, long pread64, long sendfile, long fchmodat2) {
    static SyscallNumbers forArch(String arch) {
      return switch (arch.toLowerCase(Locale.ROOT)) {
        case "amd64", "x86_64" ->
            new SyscallNumbers(257, 258, 259, 266, 265, 263, 260, 93, 91, 189, 190, 280, 332, 267,
                217, 1, 3, 17, 40, 452);
        case "aarch64", "arm64", "riscv64" ->
            new SyscallNumbers(56, 34, 33, 36, 37, 35, 54, 55, 52, 6, 7, 88, 291, 78, 61, 64, 57,
                67, 71, 452);
        default -> throw new UnsupportedOperationException(
            "rustyrun supports x86_64, aarch64 and riscv64, not " + quote(arch));
      };
    }
  }

  /** {@code O_*} values: x86_64 and the asm-generic ones (aarch64, riscv64) differ. */
  record OpenFlags(int directory, int nofollow) {
    static OpenFlags forArch(String arch) {
      return arch.equals("aarch64") || arch.equals("arm64") || arch.equals("riscv64")
          ? new OpenFlags(040000, 0100000)
          : new OpenFlags(0200000, 0400000);
    }

    int bits(Set<OpenFlag> flags) {
      int bits = 0;
      for (OpenFlag flag : flags) {
        bits |= switch (flag) {
          case READ_ONLY -> 0;
          case WRITE_ONLY -> 01;
          case READ_WRITE -> 02;
          case CREATE -> 0100;
          case EXCLUSIVE -> 0200;
          case NONBLOCK -> 04000;
          case DIRECTORY -> directory;
          case NOFOLLOW -> nofollow;
          case CLOEXEC -> 02000000;
          case PATH -> 010000000;
        };
      }
      return bits;
    }
  }
}
