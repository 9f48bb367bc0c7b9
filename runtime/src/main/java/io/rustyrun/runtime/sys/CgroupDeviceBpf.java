package io.rustyrun.runtime.sys;

import static io.rustyrun.runtime.sys.Libc.quote;
import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * {@link Syscalls#attachDeviceFilter} through bpf(2): the cgroup v2 device filter, loaded and
 * attached the way runc's {@code loadAttachCgroupDeviceFilter} does it.
 *
 * <pre>{@code
 * new CgroupDeviceBpf(libc, 321).attach(Path.of("/sys/fs/cgroup/rustyrun/web-1"), insns, "Apache");
 * // bpf(BPF_PROG_QUERY) -> old ids; bpf(BPF_PROG_LOAD) -> prog fd;
 * // bpf(BPF_PROG_ATTACH, BPF_F_ALLOW_MULTI); bpf(BPF_PROG_DETACH) of each old program
 * }</pre>
 *
 * <p>{@code union bpf_attr} offsets are from {@code include/uapi/linux/bpf.h} (checked with
 * offsetof on Linux 6.x); the rest of the union stays zero, as the kernel requires.
 */
final class CgroupDeviceBpf {
  private static final int BPF_PROG_LOAD = 5;
  private static final int BPF_PROG_ATTACH = 8;
  private static final int BPF_PROG_DETACH = 9;
  private static final int BPF_PROG_GET_FD_BY_ID = 13;
  private static final int BPF_PROG_QUERY = 16;
  private static final int BPF_PROG_TYPE_CGROUP_DEVICE = 15;
  private static final int BPF_CGROUP_DEVICE = 6;
  private static final int BPF_F_ALLOW_MULTI = 2;
  private static final int O_RDONLY = 0;
  private static final int O_CLOEXEC = 0x80000;
  /** Big enough for every command used here; the kernel zero-fills up to its own size. */
  private static final long ATTR_BYTES = 128;
  /** BPF_CGROUP_MAX_PROGS: no more programs can be attached to one cgroup for one type. */
  private static final int MAX_PROGRAMS = 64;
  private static final int INSTRUCTION_BYTES = 8;
  /** Enough for the verifier's log of a rejected device filter, whose end names the fault. */
  private static final int LOG_BYTES = 1 << 20;

  private final Libc libc;
  private final long bpfNumber;
  /** O_DIRECTORY, which differs between x86_64 and the generic (aarch64) numbering. */
  private final int oDirectory;
  private final Downcall bpf;
  private final Downcall open;
  private final Downcall close;

  CgroupDeviceBpf(Libc libc, long bpfNumber, int oDirectory) {
    this.libc = libc;
    this.bpfNumber = bpfNumber;
    this.oDirectory = oDirectory;
    this.bpf = libc.lazyDowncall("syscall",
        FunctionDescriptor.of(JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG), Linker.Option.firstVariadicArg(1));
    this.open = libc.lazyDowncall("open",
        FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT), Linker.Option.firstVariadicArg(2));
    this.close = libc.lazyDowncall("close", FunctionDescriptor.of(JAVA_INT, JAVA_INT));
  }

  /**
   * The new program is attached before the old ones are detached: while both are attached a
   * device must pass both, so there is no moment in which the cgroup allows more than either.
   */
  void attach(Path cgroup, byte[] program, String license) {
    int dir = openDirectory(cgroup);
    try {
      List<Integer> old = attachedIds(dir, cgroup);
      int prog = load(cgroup, program, license);
      try {
        attachProgram(dir, prog, cgroup);
      } finally {
        close(prog);
      }
      old.forEach(id -> detach(dir, id, cgroup));
    } finally {
      close(dir);
    }
  }

  private int openDirectory(Path cgroup) {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment path = arena.allocateFrom(cgroup.toString());
      return libc.call("open", () -> quote(cgroup) + ", O_RDONLY|O_DIRECTORY",
          s -> (int) open.get().invokeExact(s, path, O_RDONLY | oDirectory | O_CLOEXEC, 0));
    }
  }

  /** bpf(BPF_PROG_QUERY): the ids of the device programs attached to the cgroup itself. */
  private List<Integer> attachedIds(int dir, Path cgroup) {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment ids = arena.allocate(JAVA_INT, MAX_PROGRAMS);
      MemorySegment attr = arena.allocate(ATTR_BYTES, 8);
      attr.set(JAVA_INT, 0, dir);
      attr.set(JAVA_INT, 4, BPF_CGROUP_DEVICE);
      attr.set(JAVA_LONG, 16, ids.address());
      attr.set(JAVA_INT, 24, MAX_PROGRAMS);
      bpf("BPF_PROG_QUERY", () -> "BPF_CGROUP_DEVICE, cgroup=" + quote(cgroup), BPF_PROG_QUERY, attr);
      List<Integer> found = new ArrayList<>();
      for (int i = 0; i < attr.get(JAVA_INT, 24); i++) {
        found.add(ids.getAtIndex(JAVA_INT, i));
      }
      return found;
    }
  }

  /**
   * bpf(BPF_PROG_LOAD) without a log first: the verifier's log costs time and can overflow on
   * success. Only when the load fails is it repeated with a log, for the error message.
   */
  private int load(Path cgroup, byte[] program, String license) {
    try {
      return load(cgroup, program, license, MemorySegment.NULL);
    } catch (SyscallException e) {
      String log = verifierLog(cgroup, program, license);
      throw new SyscallException(e.call(), e.arguments(), e.errno(), log.isBlank() ? "" : "verifier log:\n" + log.strip());
    }
  }

  private String verifierLog(Path cgroup, byte[] program, String license) {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment log = arena.allocate(LOG_BYTES);
      try {
        close(load(cgroup, program, license, log));
      } catch (SyscallException expected) {
        // The same refusal, now with the log filled in.
      }
      return log.getString(0);
    }
  }

  private int load(Path cgroup, byte[] program, String license, MemorySegment log) {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment insns = arena.allocate(Math.max(INSTRUCTION_BYTES, program.length), 8);
      MemorySegment.copy(program, 0, insns, JAVA_BYTE, 0, program.length);
      MemorySegment licenseText = arena.allocateFrom(license);
      MemorySegment attr = arena.allocate(ATTR_BYTES, 8);
      attr.set(JAVA_INT, 0, BPF_PROG_TYPE_CGROUP_DEVICE);
      attr.set(JAVA_INT, 4, program.length / INSTRUCTION_BYTES);
      attr.set(JAVA_LONG, 8, insns.address());
      attr.set(JAVA_LONG, 16, licenseText.address());
      if (log.byteSize() > 0) {
        attr.set(JAVA_INT, 24, 1);
        attr.set(JAVA_INT, 28, (int) log.byteSize());
        attr.set(JAVA_LONG, 32, log.address());
      }
      return (int) bpf("BPF_PROG_LOAD", () -> "BPF_PROG_TYPE_CGROUP_DEVICE, " + program.length / INSTRUCTION_BYTES
          + " instructions, license=" + quote(license) + ", cgroup=" + quote(cgroup), BPF_PROG_LOAD, attr);
    }
  }

  private void attachProgram(int dir, int prog, Path cgroup) {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment attr = arena.allocate(ATTR_BYTES, 8);
      attr.set(JAVA_INT, 0, dir);
      attr.set(JAVA_INT, 4, prog);
      attr.set(JAVA_INT, 8, BPF_CGROUP_DEVICE);
      attr.set(JAVA_INT, 12, BPF_F_ALLOW_MULTI);
      bpf("BPF_PROG_ATTACH", () -> "BPF_CGROUP_DEVICE, BPF_F_ALLOW_MULTI, cgroup=" + quote(cgroup), BPF_PROG_ATTACH, attr);
    }
  }

  /**
   * bpf(BPF_PROG_GET_FD_BY_ID) then bpf(BPF_PROG_DETACH). A program this process may not open
   * (an LSM label, as systemd sets) is left attached, as runc leaves it: an extra device
   * program can only deny more.
   */
  private void detach(int dir, int id, Path cgroup) {
    int prog;
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment attr = arena.allocate(ATTR_BYTES, 8);
      attr.set(JAVA_INT, 0, id);
      prog = (int) bpf("BPF_PROG_GET_FD_BY_ID", () -> "id " + id + ", cgroup=" + quote(cgroup), BPF_PROG_GET_FD_BY_ID, attr);
    } catch (SyscallException e) {
      if (e.errno() == Errno.EPERM || e.errno() == Errno.EACCES) {
        return;
      }
      throw e;
    }
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment attr = arena.allocate(ATTR_BYTES, 8);
      attr.set(JAVA_INT, 0, dir);
      attr.set(JAVA_INT, 4, prog);
      attr.set(JAVA_INT, 8, BPF_CGROUP_DEVICE);
      bpf("BPF_PROG_DETACH", () -> "BPF_CGROUP_DEVICE, old program id " + id + ", cgroup=" + quote(cgroup), BPF_PROG_DETACH, attr);
    } finally {
      close(prog);
    }
  }

  private long bpf(String command, Supplier<String> arguments, int cmd, MemorySegment attr) {
    return libc.callLong("bpf", () -> command + ", " + arguments.get(),
        s -> (long) bpf.get().invokeExact(s, bpfNumber, (long) cmd, attr.address(), ATTR_BYTES));
  }

  private void close(int fd) {
    libc.call("close", () -> "fd " + fd, s -> (int) close.get().invokeExact(s, fd));
  }
}
