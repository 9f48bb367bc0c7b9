package io.rustyrun.runtime.sys;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.VarHandle;
import java.util.function.Supplier;

/**
 * The FFM plumbing shared by the {@code Linux*} seam implementations: glibc symbol lookup,
 * downcall handles that capture {@code errno}, and the EINTR-retrying call convention.
 *
 * <pre>{@code
 * Libc libc = new Libc();
 * Downcall umask = libc.lazyDowncall("umask", FunctionDescriptor.of(JAVA_INT, JAVA_INT));
 * int r = libc.call("umask", () -> "022", state -> (int) umask.get().invokeExact(state, 022));
 * }</pre>
 *
 * <p>Symbols are looked up eagerly (in glibc, already mapped); handles are made on first use
 * from java.base classes only, which stay loadable after {@code pivot_root}.
 */
final class Libc {
  private static final StructLayout CALL_STATE = Linker.Option.captureStateLayout();
  private static final VarHandle ERRNO =
      CALL_STATE.varHandle(MemoryLayout.PathElement.groupElement("errno"));

  private final Linker linker = Linker.nativeLinker();
  private final SymbolLookup lookup = linker.defaultLookup();
  /**
   * One errno capture segment per thread, reused by every call: an arena per call cost a
   * malloc, a free and a session object for each of the tens of thousands of calls of an unpack.
   * Calls never nest, so a thread's segment is free again when its call returns.
   */
  private final ThreadLocal<MemorySegment> callStates =
      ThreadLocal.withInitial(() -> Arena.ofAuto().allocate(CALL_STATE));

  /** A call that receives the capture-state segment as its first argument. */
  @FunctionalInterface
  interface IntCall {
    int call(MemorySegment state) throws Throwable;
  }

  /** Same, for calls returning {@code long} (ssize_t, off_t, syscall()). */
  @FunctionalInterface
  interface LongCall {
    long call(MemorySegment state) throws Throwable;
  }

  /** A handle for {@code name} whose first parameter is the errno capture segment, made on first use. */
  Downcall lazyDowncall(String name, FunctionDescriptor descriptor, Linker.Option... options) {
    Linker.Option[] all = new Linker.Option[options.length + 1];
    all[0] = Linker.Option.captureCallState("errno");
    System.arraycopy(options, 0, all, 1, options.length);
    return new Downcall(linker, symbol(name), descriptor, all);
  }

  /** A handle for a call that cannot fail (no errno), e.g. {@code isatty}. */
  Downcall plain(String name, FunctionDescriptor descriptor) {
    return new Downcall(linker, symbol(name), descriptor);
  }

  private MemorySegment symbol(String name) {
    return lookup
        .find(name)
        .orElseThrow(() -> new UnsatisfiedLinkError("glibc has no symbol \"" + name + "\""));
  }

  /**
   * Runs {@code call}, retrying on EINTR, and turns a negative result into a
   * {@link SyscallException} naming {@code name} and the lazily rendered {@code arguments}.
   */
  int call(String name, Supplier<String> arguments, IntCall call) {
    return (int) callLong(name, arguments, call::call);
  }

  /** {@link #call} for {@code long}-returning calls. */
  long callLong(String name, Supplier<String> arguments, LongCall call) {
    MemorySegment state = callStates.get();
    try {
      while (true) {
        long result = call.call(state);
        if (result >= 0) {
          return result;
        }
        Errno errno = errno(state);
        if (errno != Errno.EINTR) {
          throw new SyscallException(name, arguments.get(), errno);
        }
      }
    } catch (SyscallException | Error e) {
      throw e;
    } catch (Throwable t) {
      throw new IllegalStateException("native call " + name + " failed to link", t);
    }
  }

  /**
   * {@code handle}, a {@code syscall(2)} handle, for call {@code number} with five arguments,
   * retried on EINTR: the result, or the negated errno ({@link #failure} makes it an exception).
   * Unlike {@link #callLong} it takes no lambdas: the ~40k calls of an unpack each allocated two
   * (C1 code makes a captured lambda through a call into the VM).
   */
  long syscall(Downcall handle, long number, long a, long b, long c, long d, long e) {
    MemorySegment state = callStates.get();
    try {
      while (true) {
        long result = (long) handle.get().invokeExact(state, number, a, b, c, d, e);
        if (result >= 0) {
          return result;
        }
        Errno errno = errno(state);
        if (errno != Errno.EINTR) {
          return -errno.number();
        }
      }
    } catch (Error failure) {
      throw failure;
    } catch (Throwable t) {
      throw new IllegalStateException("native call syscall failed to link", t);
    }
  }

  /** The failure of call {@code name}, whose {@link #syscall} returned {@code result} (< 0). */
  static SyscallException failure(String name, long result, String arguments) {
    return new SyscallException(name, arguments, Errno.of((int) -result));
  }

  /**
   * For calls that return the error number instead of setting errno ({@code posix_spawn},
   * {@code pthread_*}): zero is success, anything else is the errno.
   */
  void callReturningErrno(String name, Supplier<String> arguments, IntCall call) {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment state = arena.allocate(CALL_STATE);
      int result = call.call(state);
      if (result != 0) {
        throw new SyscallException(name, arguments.get(), Errno.of(result));
      }
    } catch (SyscallException | Error e) {
      throw e;
    } catch (Throwable t) {
      throw new IllegalStateException("native call " + name + " failed to link", t);
    }
  }

  private static Errno errno(MemorySegment state) {
    int number = (int) ERRNO.get(state, 0L);
    return Errno.known(number) ? Errno.of(number) : Errno.EIO;
  }

  /** Renders a user-visible value in double quotes, as every message does. */
  static String quote(Object value) {
    return "\"" + value + "\"";
  }
}
